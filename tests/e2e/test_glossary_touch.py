"""Glossary words on the Compare page work by touch, keyboard, mouse and screen reader (no JavaScript).

A marked word (decision_aid/glossary.py term_html) is a focusable span; its plain meaning shows in
a box on its own line below the word while the word is focused or hovered (assets/app.css,
"glossary words"). Checked here in Debian's chromium:

* touch (390x844, has_touch, is_mobile): a tap shows the meaning from glossary.yaml, inside the
  screen and not covered or cut off; a tap elsewhere hides it;
* keyboard (1440x900): Tab reaches a word and shows its meaning, Tab away hides it; the box pushes
  the rest of the text down instead of covering it (so WCAG 1.4.13 needs no Escape key);
* mouse: hovering the word shows it, moving onto the box keeps it, moving away hides it;
* screen readers: chromium's accessibility tree gives the word its plain meaning as description,
  and the word's name stays the word alone (the meaning is not read twice);
* axe-core with a box open (WCAG 2.2 A/AA and best practices): no violations, at both sizes.

Screenshots: test-artifacts/screenshots/glossary_*.png. One browser, two contexts.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from decision_aid.content.loader import load_content
from decision_aid.glossary import uses

from .helpers import AXE_TAGS, format_violations, run_axe, screenshot, wait_for_run

C = load_content()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
# a word in a grid cell (not in the folded "Why?" lists of the column heads)
CELL_TERM = ".option-grid td .gloss"


def _open_compare(ctx: BrowserContext) -> Page:
    page = ctx.new_page()
    page.goto("/compare")
    wait_for_run(page)
    expect(page.locator("[data-testid='stMain'] h1").first).to_contain_text("Compare the options",
                                                                         timeout=30_000)
    expect(page.locator(CELL_TERM).first).to_be_attached(timeout=30_000)
    wait_for_run(page)
    return page


@pytest.fixture(scope="module")
def phone(browser: Browser, base_url: str):
    ctx = browser.new_context(base_url=base_url, viewport=PHONE, has_touch=True, is_mobile=True,
                              device_scale_factor=2)
    yield _open_compare(ctx)
    ctx.close()


@pytest.fixture(scope="module")
def desktop(browser: Browser, base_url: str):
    ctx = browser.new_context(base_url=base_url, viewport=DESKTOP)
    yield _open_compare(ctx)
    ctx.close()


def _meaning(term: Locator) -> str:
    """The plain meaning glossary.yaml gives for the word this element marks."""
    word = term.evaluate("e => e.firstChild.textContent")
    found = uses(C, word)
    assert len(found) == 1 and found[0].word == word, word
    return found[0].entry.plain


def _box_inside_viewport(page: Page, box: dict) -> None:
    vp = page.viewport_size
    assert box["width"] > 100 and box["height"] > 20, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= vp["width"], (box, vp)
    assert box["y"] >= 0 and box["y"] + box["height"] <= vp["height"], (box, vp)


def _shown_text(tip: Locator) -> str:
    """What the box draws: its ::before content (the meaning is an attribute, not a text node)."""
    return tip.evaluate(
        "e => { const c = getComputedStyle(e, '::before').content;"
        " return c.startsWith('\"') ? JSON.parse(c.split(' / ')[0]) : c; }")


def _not_covered_or_cut(tip: Locator) -> None:
    """The points of the box hit the box itself: nothing covers it, no scrolling frame clips it."""
    hits = tip.evaluate(
        """e => { const r = e.getBoundingClientRect(); const out = [];
                  for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.15, 0.5, 0.85]) {
                    const h = document.elementFromPoint(r.x + fx * r.width, r.y + fy * r.height);
                    out.push(h === e || e.contains(h)); }
                  return out; }""")
    assert all(hits), hits


def _style(tip: Locator) -> dict:
    return tip.evaluate(
        """e => { const s = getComputedStyle(e);
                  return {color: s.color, background: s.backgroundColor, size: parseFloat(s.fontSize),
                          weight: s.fontWeight, position: s.position, display: s.display}; }""")


def _ax_node(page: Page, term: Locator) -> dict:
    """Name and description chromium's accessibility tree gives the element (what a screen reader gets)."""
    term.evaluate("e => e.setAttribute('data-ax-probe', '1')")
    cdp = page.context.new_cdp_session(page)
    try:
        doc = cdp.send("DOM.getDocument", {"depth": 0})
        node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"],
                                              "selector": "[data-ax-probe='1']"})
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"],
                                                         "fetchRelatives": False})["nodes"][0]
    finally:
        cdp.detach()
        term.evaluate("e => e.removeAttribute('data-ax-probe')")
    return {"role": ax["role"]["value"], "name": ax.get("name", {}).get("value"),
            "description": ax.get("description", {}).get("value")}


def _axe_violations(page: Page) -> list[dict]:
    return run_axe(page, AXE_TAGS)


# --------------------------------------------------------------------------- touch

def test_tap_shows_the_plain_meaning_inside_the_screen_and_tap_elsewhere_hides_it(phone: Page) -> None:
    page = phone
    term = page.locator(CELL_TERM).first
    tip = term.locator(".gloss-tip")
    meaning = _meaning(term)
    expect(tip).to_be_hidden()
    term.evaluate("e => e.scrollIntoView({block: 'center'})")
    term.tap()
    expect(tip).to_be_visible()
    assert page.evaluate("() => document.activeElement.className") == "gloss"
    assert _shown_text(tip) == meaning
    _box_inside_viewport(page, tip.bounding_box())
    _not_covered_or_cut(tip)
    st = _style(tip)
    assert st["size"] >= 16 and st["color"] == "rgb(17, 17, 17)" and st["background"] == "rgb(255, 255, 255)", st
    assert st["position"] == "relative" and st["display"] == "inline-block", st  # in the text flow
    # the box is as wide as the stacked cell, so it never runs off a phone screen
    cell = term.locator("xpath=ancestor::td[1]").bounding_box()
    box = tip.bounding_box()
    assert box["x"] >= cell["x"] and box["x"] + box["width"] <= cell["x"] + cell["width"] + 0.5, (box, cell)
    screenshot(page, "glossary_open_phone_390x844")
    screenshot(page, "glossary_open_phone_cell", term.locator("xpath=ancestor::td[1]"))

    violations = _axe_violations(page)
    assert violations == [], format_violations(violations)

    # tap on plain text elsewhere: focus leaves the word, the box goes
    page.locator("[data-testid='stMain'] h1").first.tap()
    expect(tip).to_be_hidden()
    assert page.evaluate("() => document.activeElement.className") != "gloss"


# --------------------------------------------------------------------------- keyboard and mouse

def _tab_to_first_cell_term(page: Page, max_tabs: int = 80) -> Locator:
    page.locator(".grid-wrap").first.focus()
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        i = page.evaluate("() => document.activeElement.matches('.option-grid td .gloss')"
                          " ? [...document.querySelectorAll('.gloss')].indexOf(document.activeElement) : -1")
        if i >= 0:
            return page.locator(".gloss").nth(i)  # stays this word after focus moves on
    raise AssertionError(f"no glossary word in the grid cells within {max_tabs} Tab presses")


def test_tab_reaches_a_word_shows_its_meaning_and_tab_away_hides_it(desktop: Page) -> None:
    page = desktop
    term = _tab_to_first_cell_term(page)
    tip = term.locator(".gloss-tip")
    meaning = _meaning(term)
    expect(tip).to_be_visible()
    assert _shown_text(tip) == meaning
    _box_inside_viewport(page, tip.bounding_box())
    _not_covered_or_cut(tip)
    # the box is below the word and pushes the following text down: it covers nothing
    word_box = term.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e.firstChild);"
                             " const b = r.getBoundingClientRect(); return {top: b.top, bottom: b.bottom}; }")
    box = tip.bounding_box()
    assert box["y"] >= word_box["bottom"] - 0.5, (box, word_box)
    after = term.evaluate("""e => { let n = e.nextSibling; while (n && !(n.textContent || '').trim()) n = n.nextSibling;
                                   if (!n) return null; const r = document.createRange(); r.selectNodeContents(n);
                                   return r.getBoundingClientRect().bottom; }""")
    if after is not None:
        assert after >= box["y"] + box["height"], (after, box)

    # screen readers: the meaning is the word's description; its name is the word alone
    ax = _ax_node(page, term)
    assert ax == {"role": "term", "name": term.evaluate("e => e.firstChild.textContent"),
                  "description": meaning}, ax

    screenshot(page, "glossary_open_desktop_1440x900")
    screenshot(page, "glossary_open_desktop_cell", term.locator("xpath=ancestor::td[1]"))
    violations = _axe_violations(page)
    assert violations == [], format_violations(violations)

    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()
    page.keyboard.press("Shift+Tab")
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()


def test_hover_shows_the_meaning_and_the_box_itself_can_be_hovered(desktop: Page) -> None:
    page = desktop
    page.locator("[data-testid='stMain'] h1").first.click()  # nothing focused
    term = page.locator(CELL_TERM).nth(1)
    tip = term.locator(".gloss-tip")
    expect(tip).to_be_hidden()
    term.evaluate("e => e.scrollIntoView({block: 'center'})")
    word = term.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e.firstChild);"
                         " const b = r.getClientRects()[0]; return {x: b.x + b.width / 2, y: b.y + b.height / 2}; }")
    page.mouse.move(word["x"], word["y"])
    expect(tip).to_be_visible()
    assert _shown_text(tip) == _meaning(term)
    box = tip.bounding_box()
    # straight down onto the box, pixel by pixel: no gap where hover is lost (WCAG 1.4.13 hoverable)
    target = {"x": word["x"], "y": box["y"] + box["height"] / 2}
    steps = int(target["y"] - word["y"])
    for i in range(1, steps + 1):
        page.mouse.move(word["x"], word["y"] + i)
        assert tip.is_visible(), f"box hidden {i} px below the middle of the word"
    expect(tip).to_be_visible()
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()
