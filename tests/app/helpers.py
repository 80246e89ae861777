"""AppTest steps shared by the page tests (tests/app) and the isolation test (tests/unit): run the
real router (app.py), switch pages through it, read what a page drew, press Back and Next."""

from __future__ import annotations

import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")

PAGES = ("start", "exam", "learn", "situation", "compare", "values", "check", "summary", "evidence", "standards")


def open_page(page: str | None = None, *, state: dict | None = None, query: dict | None = None) -> AppTest:
    """Run app.py once (default page), seed session state / query params, then switch to ``page``."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    return at


def all_text(at: AppTest) -> str:
    """Everything the page drew as text: markdown, headings, html blocks, alerts."""
    parts: list[str] = []
    for kind in ("markdown", "title", "header", "subheader", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(getattr(e.proto, "body", "")) for e in at.get("html")]
    return "\n".join(parts)


_SECTION = re.compile(r'<h2 class="section-title">(.*?)</h2>')


def section_titles(at: AppTest) -> list[str]:
    """The section headings a page drew, in order: language_ui.header draws each as an h2 with its
    Listen control in one html element."""
    return [html.unescape(t) for e in at.get("html") for t in _SECTION.findall(str(e.proto.body))]


def section_heading_html(title: str) -> str:
    """How a section heading starts in the page's html (to find it among what was drawn)."""
    return f'<h2 class="section-title">{html.escape(title)}</h2>'


# Home mode shows step pages with parts one part at a time; the step footer's Next button moves
# to the next part, then to the next step (decision_aid/parts.py).
STEP_INDEX = {"start": 0, "learn": 1, "situation": 2, "compare": 3, "values": 4, "check": 5, "summary": 6}


def press_next(at: AppTest, page: str, times: int = 1) -> AppTest:
    """Press the footer's Next button of ``page`` (a step page) ``times`` times."""
    for _ in range(times):
        at.button(key=f"step_next_{STEP_INDEX[page]}").click().run()
    return at


def press_back(at: AppTest, page: str, times: int = 1) -> AppTest:
    for _ in range(times):
        at.button(key=f"step_back_{STEP_INDEX[page]}").click().run()
    return at
