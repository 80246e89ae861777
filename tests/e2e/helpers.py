"""Helpers for the browser tests (see conftest.py for the fixtures).

    from tests.e2e.helpers import wait_for_run, run_axe, console_errors, external_requests, screenshot

    def test_start_page(page, base_url):
        errors = console_errors(page)              # attach collectors before page.goto
        outside = external_requests(page, base_url)
        page.goto("/")
        wait_for_run(page)
        assert run_axe(page) == [], format_violations(run_axe(page))
        assert errors == [] and outside == []
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, expect

from bench.proxy import stop_process  # noqa: F401  (one copy; e2e conftest and the proxy test use it)
from decision_aid.content.loader import load_content

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

# WCAG 2.2 A/AA (axe tags are cumulative per version) plus axe's best practices.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")

DEBOUNCE_MS = 150  # Streamlit debounces widget changes before it asks for a rerun


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str) -> None:
    """Missing tooling: a failure in CI (it must never pass by skipping), a skip elsewhere."""
    if in_ci():
        pytest.fail(reason + " (CI is set, so this is a failure; `make test` installs it)",
                    pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------- processes

# stop_process (imported above) lives in bench/proxy.py: the bench and the proxy test use it too.


# --------------------------------------------------------------------------- waiting

def wait_for_run(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and no script run is pending or running.

    Call it after page.goto() and after every interaction; then use auto-retrying
    `expect(...)` for what the run should show.
    """
    page.wait_for_timeout(DEBOUNCE_MS)
    app = "[data-testid='stApp']"
    page.locator(f"{app}[data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout)
    page.locator(f"{app}[data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout)


# --------------------------------------------------------------------------- axe-core

def run_axe(page: Page, tags: tuple[str, ...] | list[str] = AXE_TAGS,
            context: str | None = None, options: dict | None = None) -> list[dict]:
    """Run axe-core (node_modules, from `npm ci`) on the page; return its violations.

    Run it only after the page rendered (wait_for_run + the expected content visible),
    or it audits the skeleton. `context` is a CSS selector to limit the audit.
    """
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core missing ({AXE_JS}): run `npm ci` in {REPO_ROOT}")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    opts = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    opts.update(options or {})
    result = page.evaluate(
        "([ctx, opts]) => axe.run(ctx ? document.querySelector(ctx) : document, opts)",
        [context, opts])
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    """One readable block per violation, for assertion messages."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines) or "no violations"


# --------------------------------------------------------------------------- collectors

# A deep link such as /compare makes the frontend probe /compare/_stcore/health and
# /compare/_stcore/host-config first (a base-path check); both 404, harmlessly.
_DEEP_LINK_PROBE = re.compile(r"^/.+/_stcore/(health|host-config)$")


def _is_deep_link_probe(url: str) -> bool:
    return bool(url) and bool(_DEEP_LINK_PROBE.match(urlsplit(url).path))


class ConsoleErrors(list):
    """Live list of console errors and uncaught page errors (as strings)."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.append(f"pageerror: {exc}"))

    def _on_console(self, msg: ConsoleMessage) -> None:
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if "404" in msg.text and _is_deep_link_probe(url):
            return
        where = f" ({url})" if url else ""
        self.append(f"console.error: {msg.text}{where}")


def console_errors(page: Page) -> ConsoleErrors:
    """Start collecting console errors; attach before page.goto()."""
    return ConsoleErrors(page)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


class ExternalRequests(list):
    """Live list of request and WebSocket URLs that leave the app's origin."""

    _LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome:", "chrome-extension:", "devtools:")

    def __init__(self, page: Page, base_url: str) -> None:
        super().__init__()
        self.origin = _origin(base_url)
        page.on("request", lambda req: self._check(req.url))
        page.on("websocket", lambda ws: self._check(ws.url))

    def _check(self, url: str) -> None:
        if url.startswith(self._LOCAL_SCHEMES):
            return
        if _origin(url) != self.origin:
            self.append(url)


def external_requests(page: Page, base_url: str) -> ExternalRequests:
    """Start recording requests (and WebSockets) not on base_url's origin."""
    return ExternalRequests(page, base_url)


# --------------------------------------------------------------------------- screenshots

def screenshot(page: Page, name: str, locator: Locator | None = None) -> Path:
    """Save test-artifacts/screenshots/<name>.png of `locator`, else of the viewport.

    (full_page=True stops at the fold: Streamlit scrolls an inner container. For a
    tall page, enlarge the viewport with page.set_viewport_size first.)
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    if locator is not None:
        locator.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path


__all__ = [
    "AXE_TAGS", "run_axe", "format_violations", "wait_for_run", "console_errors",
    "external_requests", "screenshot", "ConsoleErrors", "ExternalRequests",
    "REPO_ROOT", "in_ci", "skip_or_fail", "stop_process",
]


# --------------------------------------------------------------------------- shared steps
# (the journeys, privacy, robustness, parts and exam-fragment tests use them)

MAIN = "[data-testid='stMain']"

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}

ALL_FIT = {
    "walking_leg_pain_eased_by_sitting": "yes",
    "imaging_confirms_central_stenosis": "yes",
    "ligamentum_flavum_thickened": "yes",
}


def new_context(browser: Browser, base_url: str, size: str = "desktop") -> BrowserContext:
    return browser.new_context(base_url=base_url, viewport=VIEWPORTS[size], accept_downloads=True)


def open_app(page: Page, path: str = "/") -> None:
    """Open a URL (a new session) and wait until the page itself has drawn its main heading."""
    page.goto(path)
    wait_for_run(page)
    expect(page.locator("[data-testid='stMain'] h1").first).to_be_attached(timeout=30_000)
    wait_for_run(page)


def choice_label(question_id: str, value: str) -> str:
    return next(ch.label for ch in load_content().question(question_id).choices if ch.value == value)


def radio_group(page: Page, label_text: str):
    return page.locator("[data-testid='stRadio']").filter(has_text=label_text).first


def answer(page: Page, question_id: str, value: str, lang: str = "en") -> None:
    """Click the choice of one question (located by its question text and choice label, in ``lang``)."""
    q = load_content(lang).question(question_id)
    group = radio_group(page, " ".join(q.text.split())[:60])
    group.scroll_into_view_if_needed()
    group.get_by_text(next(ch.label for ch in q.choices if ch.value == value), exact=True).click()
    wait_for_run(page)


def rate_most_important(page: Page, value_id: str):
    """What matters to you: choose "Most important" for one value (a radio group with nothing chosen
    until then). Returns (its label, the chosen radio input)."""
    label = next(v.label for v in load_content().deliberation.values if v.id == value_id)
    group = radio_group(page, label)
    group.scroll_into_view_if_needed()
    group.get_by_text("Most important", exact=True).click()
    wait_for_run(page)
    return label, group.get_by_role("radio", name="Most important")


def click_button(page: Page, name: str) -> None:
    btn = page.get_by_role("button", name=name).first
    btn.scroll_into_view_if_needed()
    btn.click()
    wait_for_run(page)


def show_all_questions(page: Page) -> None:
    """Home mode shows one group of questions at a time; switch to all on one page."""
    toggle = page.get_by_label("Show all questions on one page")
    toggle.wait_for(state="attached")
    if not toggle.is_checked():
        page.get_by_text("Show all questions on one page").click()
        wait_for_run(page)
    expect(toggle).to_be_checked()


def fit_line(page: Page, n: int):
    return page.get_by_text(f"{n} of 5 options fit what you told us so far").first


def no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def sized_context(browser: Browser, w: int, h: int):
    return browser.new_context(viewport={"width": w, "height": h})


def wait_for_heading(page: Page, h1: str) -> None:
    wait_for_run(page)
    expect(page.locator(f"{MAIN} h1").first).to_contain_text(h1, timeout=30_000)
    wait_for_run(page)


def open_sized(browser: Browser, base_url: str, w: int, h: int, path: str, h1: str):
    """A new browser context of w x h on ``path``, ready (its main heading drawn). Returns (ctx, page)."""
    ctx = sized_context(browser, w, h)
    page = ctx.new_page()
    page.goto(f"{base_url}{path}")
    wait_for_heading(page, h1)
    return ctx, page


def option_card(page: Page, option: str):
    return page.locator(f".xcard[data-option='{option}']")


class Tab:
    """One browser tab per screen size, reused by a module's cases; it remembers the mode set from
    the address, so a mode (and a language) is set once per session."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.mode: str | None = None


def tabs_by_size(browser: Browser, sizes: dict[str, tuple[int, int]]):
    """For a module-scoped fixture: yields ``get(size) -> Tab`` (one tab per size, made when first
    asked for) and closes them all afterwards."""
    made: dict[str, Tab] = {}

    def get(size: str) -> Tab:
        if size not in made:
            w, h = sizes[size]
            made[size] = Tab(sized_context(browser, w, h).new_page())
        return made[size]

    yield get
    for t in made.values():
        t.page.context.close()


def menu_path(name: str) -> str:
    """The address of a page by its name ("start" is "/")."""
    return "/" if name == "start" else f"/{name}"


def open_by_menu(tab: Tab, base_url: str, name: str, mode: str, h1: str, query: str = "") -> None:
    """Open page ``name`` in ``tab`` as a patient would, with the side menu's link (same session, no
    reload; works with the menu collapsed too). The mode (and ``query``, e.g. "&lang=es") is set
    once per session from the address of the exam page, which stays where it is. Waits for ``h1``."""
    page = tab.page
    if tab.mode != mode:
        page.goto(f"{base_url}/exam?mode={mode}{query}")
        tab.mode = mode
        wait_for_run(page)
    if name != "exam":   # also right after a mode switch, so any single case (-k) opens its own page
        clicked = page.evaluate(
            """(path) => { const a = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
                 .find(x => new URL(x.href).pathname === path);
               if (a) { a.click(); return true; } return false; }""", menu_path(name))
        assert clicked, f"no sidebar link to {menu_path(name)}"
    wait_for_heading(page, h1)
