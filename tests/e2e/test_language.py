"""The page language in a real browser (issue 14 section 1, contract section 2): ?lang=es declares
<html lang="es">, the choice survives page moves and a mode switch, the switch is reachable and big
enough, its label is marked with the other language, and a resume link made in Spanish opens in
English with the same answers (the link never carries the language)."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import MAIN, answer, choice_label, click_button, open_app, radio_group, wait_for_run

C = load_content()
ES = load_content("es")
SWITCH = ".st-key-lang_switch button"


def html_lang(page: Page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_lang_es_is_declared_and_kept_across_pages_and_modes(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    open_app(page, "/learn?lang=es")
    assert html_lang(page) == "es"
    assert "lang=" not in page.url                      # applied once; the session keeps it
    click_button(page, ES.text("ui_step_next").format(step=ES.text("ui_step_situation")))
    expect(page.locator(f"{MAIN} h1").first).to_contain_text(ES.text("situation_title"))
    assert html_lang(page) == "es"
    # the mode switch in the sidebar: the exam room, still Spanish
    page.get_by_text(ES.text("ui_mode_clinic"), exact=True).click()
    wait_for_run(page)
    expect(page.locator(".xcard")).to_have_count(5)
    expect(page.locator(f"{MAIN} h1").first).to_contain_text(ES.text("exam_title"))
    assert html_lang(page) == "es"
    # the switch: on top, 44 px, its label in the other language
    switch = page.locator(SWITCH)
    expect(switch).to_be_visible()
    box = switch.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 44
    expect(switch).to_have_attribute("lang", "en")       # (Spanish page: the label names English)
    switch.click()
    wait_for_run(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(SWITCH)).to_have_attribute("lang", "es")
    page.reload()                                         # a new session: English, the default
    wait_for_run(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    ctx.close()


def test_switch_by_keyboard(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    open_app(page, "/")
    switch = page.locator(SWITCH)
    switch.focus()
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")   # no sideways scroll
    ctx.close()


def test_a_link_made_in_spanish_opens_in_english_with_the_same_answers(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    open_app(page, "/situation?lang=es")
    page.get_by_text(ES.text("situation_show_all"), exact=True).click()
    wait_for_run(page)
    answer(page, "smoker", "yes", lang="es")
    answer(page, "diabetes", "none", lang="es")
    page.get_by_text(ES.text("ui_stop_title")).first.click()
    link = page.locator("[data-testid='stCode']").first.inner_text().strip()
    assert "/?r=" in link and "lang" not in link
    assert html_lang(page) == "es"
    ctx.close()

    again = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = again.new_page()
    open_app(page, link[link.index("/?r="):])          # the link alone: English
    assert html_lang(page) == "en"
    page.locator("[data-testid='stSidebarNav'] a[href$='/situation']").click()
    wait_for_run(page)
    assert html_lang(page) == "en"
    page.get_by_text(C.text("situation_show_all"), exact=True).click()
    wait_for_run(page)
    for qid, value in (("smoker", "yes"), ("diabetes", "none")):
        group = radio_group(page, " ".join(C.question(qid).text.split())[:60])
        expect(group.get_by_role("radio", name=choice_label(qid, value))).to_be_checked()
    again.close()


def test_the_pinned_controls_cover_no_heading_on_a_phone(browser: Browser, base_url: str) -> None:
    """The language switch and "Larger text" are pinned at the top; on a phone they must not sit on
    a page's title (the exam room's did, in both languages) or on the step line."""
    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    for path in ("/exam?mode=clinic&lang=es", "/exam?lang=en", "/situation?mode=home", "/situation?lang=es"):
        open_app(page, path)
        boxes = [b for b in (page.locator(sel).first.bounding_box() for sel in (SWITCH, ".st-key-text_size"))
                 if b]
        assert len(boxes) == 2, path
        for target in page.locator(f"{MAIN} h1, {MAIN} .steps-now").all():
            t = target.bounding_box()
            assert t, path
            for b in boxes:
                apart = (b["y"] + b["height"] <= t["y"] + 2 or t["y"] + t["height"] <= b["y"] + 2   # 2 px: edges touching
                         or b["x"] + b["width"] <= t["x"] + 2 or t["x"] + t["width"] <= b["x"] + 2)
                assert apart, (path, target.inner_text(), b, t)
    ctx.close()
