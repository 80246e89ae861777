"""axe-core WCAG 2.2 A/AA on every page in Spanish, in both settings of use, at phone (390), tablet
(768) and desktop (1280) width: 0 violations (issue 14 section 1). The English run, with the
keyboard walk, is test_accessibility.py; this one adds the Spanish words (longer labels, the
lang marks, the Spanish switch) with WCAG rules only, no exceptions.

Speed: one browser context (one session) per width, reused for its 20 audits; the language and
a mode are set once from the address (?lang=es&mode=), pages are opened with the sidebar links."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import format_violations, run_axe, screenshot, wait_for_run

ES = load_content("es")
WIDTHS = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1280, 900)}
MODES = ("home", "clinic")
PAGES = ("exam", "start", "learn", "situation", "compare", "values", "check", "summary", "evidence", "standards")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")


class Tab:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.mode: str | None = None


@pytest.fixture(scope="module")
def tabs(browser: Browser, base_url: str):
    made: dict[str, Tab] = {}

    def get(size: str) -> Tab:
        if size not in made:
            w, h = WIDTHS[size]
            ctx = browser.new_context(base_url=base_url, viewport={"width": w, "height": h})
            made[size] = Tab(ctx.new_page())
        return made[size]

    yield get
    for t in made.values():
        t.page.context.close()


def _path(name: str) -> str:
    return "/" if name == "start" else f"/{name}"


def open_page(tab: Tab, name: str, mode: str) -> None:
    page = tab.page
    if tab.mode != mode:
        page.goto(f"/exam?mode={mode}&lang=es")
        tab.mode = mode
        wait_for_run(page)
    if name != "exam":
        clicked = page.evaluate(
            """(path) => { const a = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
                 .find(x => new URL(x.href).pathname === path);
               if (a) { a.click(); return true; } return false; }""", _path(name))
        assert clicked, f"no sidebar link to {_path(name)}"
    wait_for_run(page)
    expect(page.locator("[data-testid='stMain'] h1").first).to_contain_text(
        ES.text(f"{name}_title")[:12], timeout=30_000)
    wait_for_run(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")   # set by the page's script, once drawn


CASES = [(s, m, p) for s in WIDTHS for m in MODES for p in PAGES]


@pytest.mark.parametrize("size,mode,name", CASES, ids=[f"{s}-{m}-{p}" for s, m, p in CASES])
def test_axe_in_spanish(tabs, size: str, mode: str, name: str) -> None:
    tab = tabs(size)
    open_page(tab, name, mode)
    if name == "start":   # the "pick up later" panel open, so its file picker is audited too
        tab.page.get_by_text(ES.text("ui_resume_title")).first.click()
        expect(tab.page.locator("[data-testid='stFileUploaderDropzone']")).to_be_visible()
    violations = run_axe(tab.page, WCAG_TAGS)
    screenshot(tab.page, f"a11y-es-{size}-{mode}-{name}")
    assert violations == [], format_violations(violations)
