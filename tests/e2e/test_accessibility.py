"""axe-core and a keyboard walk on every page, in both settings of use, at three screen sizes
(60 audits).

Keyboard walk (after each audit): Tab from where the page left the focus, through the end of the
page (the browser's own bar: activeElement is <body>), round from the top and on until the end
again, or TAB_STOPS stops on long pages. Every stop must show a visible focus ring (an outline of
at least 2 px on the element, or on the label of a radio or checkbox whose input is hidden) and
sit inside the screen's width; a page with no stop at all fails.

WCAG 2.2 A/AA rules: zero violations, no exceptions. axe's best-practice rules run too; the few
exceptions are listed in BEST_PRACTICE_EXCEPTIONS with their reason, by rule id and a selector
fragment, and only for the nodes they name.

Speed: one browser; one context and one tab per screen size, reused for all 20 audits at that
size; pages are opened by clicking the sidebar links (no reload, same session), and a mode is set
once per size with ?mode=. The per-audit times and counts go to
test-artifacts/axe-report.json; test_zz_report checks every audit ran clean with its keyboard walk.
"""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import AXE_TAGS, REPO_ROOT, format_violations, open_by_menu, run_axe, screenshot, tabs_by_size

SIZES = {"phone": (390, 844), "tablet": (1024, 768), "desktop": (1440, 900)}
MODES = ("home", "clinic")
PAGES = ("exam", "start", "learn", "situation", "compare", "values", "check", "summary", "evidence",
         "standards")
# What each page shows once it has rendered (its h1), so axe never audits a half-drawn page.
H1 = {
    "exam": "The five options at a glance",
    "start": "Narrowing in the lower spine",
    "learn": "spinal stenosis",
    "situation": "Your situation",
    "compare": "Compare the options",
    "values": "What matters to you",
    "check": "Check and lean",
    "summary": "Your summary",
    "evidence": "Evidence",
    "standards": "standards",
}
WCAG_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}

# Best-practice exceptions: (rule id, selector fragment) -> reason. Never a WCAG A/AA rule.
BEST_PRACTICE_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("presentation-role-conflict", "stFileUploaderDropzone"): (
        "Streamlit's file uploader puts role=presentation on its focusable drop zone; the real "
        "control is the 'Browse files' button inside it, which has a proper name."),
}

TAB_STOPS = 40
FOCUS_JS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body'};
  const hidden = el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox');
  const box = hidden ? (el.closest('label') || el) : el;
  const cs = getComputedStyle(box);
  const r = box.getBoundingClientRect();
  return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 50),
          ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
          left: r.left, right: r.right, width: window.innerWidth}; }"""


def tab_walk(page: Page, stops: int = TAB_STOPS) -> int:
    """Tab through the page (see the module docstring); every stop visible and on screen. Returns
    the number of stops in the page (browser-bar stops not counted)."""
    outside, seen = 0, 0
    while seen < stops:
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS_JS)
        if f["tag"] == "body":
            outside += 1
            if outside == 2:
                break          # the end of the page, twice: every stop between was walked
            continue
        seen += 1
        assert f["ring"], f"no visible focus ring on {f}"
        assert f["left"] >= -1 and f["right"] <= f["width"] + 1, f"focus off screen: {f}"
    assert seen > 0, "no keyboard stop on the page"
    return seen


REPORT = REPO_ROOT / "test-artifacts" / "axe-report.json"
_results: list[dict] = []


@pytest.fixture(scope="module")
def tabs(browser: Browser):
    yield from tabs_by_size(browser, SIZES)


def _allowed(v: dict) -> list[dict]:
    """Nodes of a violation that an exception does not cover."""
    if WCAG_TAGS & set(v["tags"]):
        return v["nodes"]
    keep = []
    for node in v["nodes"]:
        target = " ".join(map(str, node["target"])) + " " + node.get("html", "")
        if not any(rule == v["id"] and frag in target for (rule, frag) in BEST_PRACTICE_EXCEPTIONS):
            keep.append(node)
    return keep


CASES = [(s, m, p) for s in SIZES for m in MODES for p in PAGES]


@pytest.mark.parametrize("size,mode,name", CASES, ids=[f"{s}-{m}-{p}" for s, m, p in CASES])
def test_axe(tabs, base_url: str, size: str, mode: str, name: str) -> None:
    tab = tabs(size)
    t0 = time.perf_counter()
    open_by_menu(tab, base_url, name, mode, H1[name])
    if name == "start":
        # open the "pick up later" panel so the file picker inside it is audited too
        tab.page.get_by_text("Pick up where you left off").click()
        expect(tab.page.locator("[data-testid='stFileUploaderDropzone']")).to_be_visible()
    t1 = time.perf_counter()
    raw = run_axe(tab.page, AXE_TAGS)
    t2 = time.perf_counter()
    violations = [dict(v, nodes=n) for v in raw if (n := _allowed(v))]
    wcag = [v for v in violations if WCAG_TAGS & set(v["tags"])]
    _results.append({"size": size, "mode": mode, "page": name, "violations": len(violations),
                     "wcag_violations": len(wcag), "excepted": len(raw) - len(violations),
                     "load_s": round(t1 - t0, 2), "axe_s": round(t2 - t1, 2)})
    screenshot(tab.page, f"a11y-{size}-{mode}-{name}")
    assert violations == [], format_violations(violations)
    _results[-1]["tab_stops"] = tab_walk(tab.page)
    _results[-1]["tab_s"] = round(time.perf_counter() - t2, 2)


def test_zz_report() -> None:
    """Written last: counts and times of every audit (a record, not a timing test: wall time on a
    shared machine says nothing about the app; server cost is measured by make bench)."""
    if len(_results) != len(CASES):
        pytest.skip("run the whole module to get the report")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    total = sum(r["load_s"] + r["axe_s"] + r.get("tab_s", 0) for r in _results)
    REPORT.write_text(json.dumps({"audits": len(_results), "total_s": round(total, 1),
                                  "results": _results}, indent=1))
    assert sum(r["violations"] for r in _results) == 0
    assert all(r.get("tab_stops") for r in _results), "every audited page had its keyboard walk"
