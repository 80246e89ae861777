"""axe-core WCAG 2.2 A/AA on every page in Spanish, in both settings of use, at phone (390), tablet
(768) and desktop (1280) width: 0 violations (issue 14 section 1). The English run, with the
keyboard walk, is test_accessibility.py; this one adds the Spanish words (longer labels, the
lang marks, the Spanish switch) with WCAG rules only, no exceptions.

Speed: one browser context (one session) per width, reused for its 20 audits; the language and
a mode are set once from the address (?lang=es&mode=), pages are opened with the sidebar links
(helpers.open_by_menu, shared with test_accessibility.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from decision_aid.content.loader import load_content

from .helpers import Tab, format_violations, open_by_menu, run_axe, screenshot, tabs_by_size

ES = load_content("es")
WIDTHS = {"phone": (390, 844), "tablet": (768, 1024), "desktop": (1280, 900)}
MODES = ("home", "clinic")
PAGES = ("exam", "start", "learn", "situation", "compare", "values", "check", "summary", "evidence", "standards")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")


@pytest.fixture(scope="module")
def tabs(browser: Browser):
    yield from tabs_by_size(browser, WIDTHS)


def open_page(tab: Tab, base_url: str, name: str, mode: str) -> None:
    open_by_menu(tab, base_url, name, mode, ES.text(f"{name}_title")[:12], query="&lang=es")
    expect(tab.page.locator("html")).to_have_attribute("lang", "es")   # set by the page's script, once drawn


CASES = [(s, m, p) for s in WIDTHS for m in MODES for p in PAGES]


@pytest.mark.parametrize("size,mode,name", CASES, ids=[f"{s}-{m}-{p}" for s, m, p in CASES])
def test_axe_in_spanish(tabs, base_url: str, size: str, mode: str, name: str) -> None:
    tab = tabs(size)
    open_page(tab, base_url, name, mode)
    if name == "start":   # the "pick up later" panel open, so its file picker is audited too
        tab.page.get_by_text(ES.text("ui_resume_title")).first.click()
        expect(tab.page.locator("[data-testid='stFileUploaderDropzone']")).to_be_visible()
    violations = run_axe(tab.page, WCAG_TAGS)
    screenshot(tab.page, f"a11y-es-{size}-{mode}-{name}")
    assert violations == [], format_violations(violations)
