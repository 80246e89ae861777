"""Nothing lost, nothing surprising (issue 13 section 3), driven as a patient on a phone (390 x 844):

- a page opened from the menu or by Next opens at its top (Streamlit scrolls the main section and
  kept its offset: Compare once opened 2,700 px down), and Next still puts the focus on the title;
- "See the full comparison" (Situation, Summary, the exam room) opens Compare's grid part, not the
  part seen last, and Compare's Back returns where it was pressed;
- "At home" chosen on the exam-room screen lands on the home step the patient was on (or Start);
  the exam room choice lands on the exam room; answers kept both ways;
- clearing every option on Compare says that all five are shown;
- "Start again" asks first (keyboard only), and says what was deleted or that nothing was;
- an opened answers file says what happened right under the file picker, on screen, as a status;
- the resume link has a visible "Copy link" button (44 px), with a fallback that selects the link;
- Compare part 1 on a phone: one row open, the others behind "More about this" (measured).

Screenshots: test-artifacts/screenshots/nav-*.png.
"""

from __future__ import annotations

import json

from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import MAIN, open_sized, screenshot, wait_for_heading, wait_for_run

PHONE = (390, 844)
T = load_content().text

SCROLL_TOP = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
TO_BOTTOM = """() => { const m = document.querySelector('[data-testid="stMain"]');
  m.scrollTop = m.scrollHeight; return m.scrollTop; }"""
# the height a page really has: rows of the stacked grid off screen are laid out only when scrolled
# to (content-visibility: auto, app.css), so their estimated height is switched off for the measure
TRUE_HEIGHT = """() => { const s = document.createElement('style');
  s.textContent = '.option-grid tbody tr { content-visibility: visible !important; }';
  document.head.appendChild(s);
  const h = document.querySelector('[data-testid="stMain"]').scrollHeight; s.remove(); return h; }"""


def _menu(page: Page, path: str, h1: str) -> None:
    """Open a page from the side menu (on a phone, behind the arrow at the top left)."""
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid='stExpandSidebarButton']").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").click()
    wait_for_heading(page, h1)
    _close_menu(page)


def _close_menu(page: Page) -> None:
    """The menu covers a phone's screen until closed (a phone's own browser closes it on a tap)."""
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") != "true":
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")


def _sidebar_choice(page: Page, label: str) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid='stExpandSidebarButton']").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_text(label, exact=True).click()
    wait_for_run(page)
    if page.get_by_role("dialog").count() == 0:
        _close_menu(page)


def _scrolled_down(page: Page) -> int:
    top = page.evaluate(TO_BOTTOM)
    assert top > 500, f"the page is too short to test its scroll offset ({top} px)"
    return top


def _at_top(page: Page, where: str) -> None:
    assert page.evaluate(SCROLL_TOP) == 0, f"{where}: opened {page.evaluate(SCROLL_TOP)} px down"
    expect(page.locator(f"{MAIN} h1").first).to_be_in_viewport()


def test_pages_open_at_their_top_from_the_menu_and_by_next(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, *PHONE, "/compare", T("compare_title"))
    _scrolled_down(page)
    _menu(page, "summary", T("summary_title"))
    _at_top(page, "Summary from the menu, after scrolling Compare")
    _scrolled_down(page)
    _menu(page, "compare", T("compare_title"))
    _at_top(page, "Compare from the menu, after scrolling Summary")
    # Next from the bottom of a page: the next page at its top, the focus on its title (not stolen)
    _menu(page, "learn", "About spinal stenosis")
    _scrolled_down(page)
    page.get_by_role("button", name=T("ui_step_next").format(step=T("ui_step_situation"))).click()
    wait_for_heading(page, T("situation_title"))
    _at_top(page, "Your situation by Next")
    expect(page.locator(f"{MAIN} h1").first).to_be_focused()
    screenshot(page, "nav-390-opened-at-top")
    ctx.close()


def test_see_full_comparison_opens_the_grid_and_back_returns_there(browser: Browser, base_url: str) -> None:
    part1 = T("ui_part_label").format(n=1, total=2, title=T("compare_part_options"))
    ctx, page = open_sized(browser, base_url, *PHONE, "/compare", T("compare_title"))
    # the person last saw Compare's pictures (part 2)
    page.get_by_role("button", name=T("ui_step_next").format(step=T("compare_part_pictures"))).click()
    wait_for_run(page)
    expect(page.locator("h2.part-title")).to_have_text(
        T("ui_part_label").format(n=2, total=2, title=T("compare_part_pictures")))
    full = T("ui_full_comparison") + " →"
    for path, h1, step in (("summary", T("summary_title"), T("ui_step_summary")),
                           ("situation", T("situation_title"), T("ui_step_situation"))):
        _menu(page, path, h1)
        page.get_by_role("button", name=full).click()
        wait_for_heading(page, T("compare_title"))
        expect(page.locator("h2.part-title")).to_have_text(part1)   # the grid, not the part seen last
        expect(page.locator("table.option-grid")).to_be_visible()
        _at_top(page, f"Compare from {path}")
        page.get_by_role("button", name=T("ui_step_back").format(step=step)).click()
        wait_for_heading(page, h1)
    # opened from the menu, Compare's Back follows the steps again (not the last link's page)
    _menu(page, "summary", T("summary_title"))
    _menu(page, "compare", T("compare_title"))
    expect(page.get_by_role("button", name=T("ui_step_back").format(step=T("ui_step_situation")))).to_be_visible()
    ctx.close()


def test_full_comparison_from_the_exam_room_and_back(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, 1280, 800, "/?mode=clinic", T("exam_title"))
    page.get_by_role("button", name=T("ui_full_comparison") + " →").click()
    wait_for_heading(page, T("compare_title"))
    expect(page.locator("table.option-grid")).to_be_visible()
    page.get_by_role("button", name=T("ui_step_back").format(step=T("nav_exam"))).click()
    wait_for_heading(page, T("exam_title"))
    expect(page).to_have_url(f"{base_url}/exam")
    ctx.close()


def test_mode_switch_lands_on_the_home_step_or_the_exam_room(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, *PHONE, "/situation?mode=home", T("situation_title"))
    page.locator(MAIN).get_by_role("radiogroup").first.get_by_text("Not sure", exact=True).click()
    wait_for_run(page)
    _sidebar_choice(page, T("ui_mode_clinic"))
    wait_for_heading(page, T("exam_title"))
    expect(page.locator(".xbrief")).to_contain_text("Answered: 1 of 26 questions")
    # "At home": the step the patient was on, not the exam screen; the answer kept
    _sidebar_choice(page, T("ui_mode_home"))
    wait_for_heading(page, T("situation_title"))
    expect(page).to_have_url(f"{base_url}/situation")
    expect(page.locator(".steps-now")).to_have_text(T("ui_step_now").format(n=3, total=7, step=T("ui_step_situation")))
    expect(page.locator(MAIN).get_by_role("radiogroup").first.get_by_role("radio", name="Not sure")).to_be_checked()
    screenshot(page, "nav-390-home-from-exam")
    ctx.close()
    # no home step seen yet (opened in the exam room): "At home" lands on Start
    ctx, page = open_sized(browser, base_url, *PHONE, "/?mode=clinic", T("exam_title"))
    _sidebar_choice(page, T("ui_mode_home"))
    wait_for_heading(page, T("start_title"))
    expect(page.locator(".steps-now")).to_have_text(T("ui_step_now").format(n=1, total=7, step=T("ui_step_start")))
    ctx.close()


def test_clearing_every_option_says_all_five_are_shown(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, *PHONE, "/compare", T("compare_title"))
    note = page.locator(".shown-note[role='status']")
    expect(note).to_have_text("")
    pills = page.locator("[data-testid='stButtonGroup']").filter(has=page.get_by_text("MILD", exact=True))
    for o in load_content().options:
        pills.get_by_role("button", name=o.short_name, exact=True).click()
        wait_for_run(page)
    expect(note).to_have_text(T("compare_shown_none"))
    expect(note).to_be_visible()
    expect(page.locator("table.option-grid th.opt")).to_have_count(5)
    screenshot(page, "nav-390-cleared-options", note)
    # one option picked again: the note goes
    pills.get_by_role("button", name="MILD", exact=True).click()
    wait_for_run(page)
    expect(note).to_have_text("")
    ctx.close()


def _tab_to(page: Page, name: str, limit: int = 12) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement.innerText || '').trim()") == name:
            return
    raise AssertionError(f"{name!r} not reached by Tab")


def test_start_again_asks_first_by_keyboard(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, *PHONE, "/situation?mode=home", T("situation_title"))
    page.locator(MAIN).get_by_role("radiogroup").first.get_by_text("Not sure", exact=True).click()
    wait_for_run(page)
    answered = page.get_by_text(T("situation_answered").format(n=1, total=26).replace("**", ""))
    expect(answered).to_be_visible()
    dialog = page.get_by_role("dialog")
    # "No, keep them": nothing deleted, and the page says so
    _sidebar_choice(page, T("ui_clear"))
    expect(dialog).to_contain_text(T("ui_clear_ask"))
    screenshot(page, "nav-390-start-again-asks")
    _tab_to(page, T("ui_clear_no"))
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(dialog).to_have_count(0)
    expect(page.get_by_text(T("ui_clear_kept"))).to_be_visible()
    expect(answered).to_be_visible()
    # Escape keeps them too
    _sidebar_choice(page, T("ui_clear"))
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    wait_for_run(page)
    expect(dialog).to_have_count(0)
    expect(answered).to_be_visible()
    # "Yes, delete": the answers go, and the message says what was deleted
    _sidebar_choice(page, T("ui_clear"))
    _tab_to(page, T("ui_clear_yes"))
    page.keyboard.press("Enter")
    wait_for_run(page)
    expect(dialog).to_have_count(0)
    expect(page.get_by_text(T("ui_cleared_what").format(n=1, rated=0))).to_be_visible()
    expect(page.get_by_text(T("situation_answered").format(n=0, total=26).replace("**", ""))).to_be_visible()
    ctx.close()


def test_opened_file_is_confirmed_next_to_the_picker_on_a_phone(browser: Browser, base_url: str) -> None:
    ctx, page = open_sized(browser, base_url, *PHONE, "/summary", T("summary_title"))
    page.get_by_text(T("ui_resume_title")).click()
    good = {"schema": "lss-decision-aid/answers", "version": 1, "answers": {"stable_leg_weakness_on_exam": "yes"}}
    page.locator(f"{MAIN} input[type='file']").last.set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": json.dumps(good).encode()}])
    wait_for_run(page)
    note = page.locator(".upload-note[role='status']")
    expect(note).to_have_text(T("ui_upload_done").format(n=1))
    expect(note).to_be_in_viewport()
    screenshot(page, "nav-390-upload-note")
    ctx.close()


def test_copy_link_button_copies_or_selects_the_link(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]},
                              permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.goto(f"{base_url}/learn")
    wait_for_heading(page, "About spinal stenosis")
    page.get_by_text(T("ui_stop_title")).click()
    button = page.get_by_role("button", name=T("ui_copy_link"))
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box
    link = page.locator("[data-testid='stCode']").last.inner_text().strip()
    assert "/?r=" in link
    # the button's script runs once the opened panel is drawn (it marks the button ready); a click
    # before that did nothing in a fresh-clone CI run
    expect(button).to_have_attribute("data-ready", "1")
    button.click()
    expect(page.locator(".copy-status")).to_have_text(T("ui_copy_done"))
    assert page.evaluate("() => navigator.clipboard.readText()") == link
    screenshot(page, "nav-390-copy-link")
    ctx.close()
    # without clipboard access (an old browser, a page not served over https): the link is
    # selected and the line says how to copy it by hand
    ctx = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    ctx.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    page = ctx.new_page()
    page.goto(f"{base_url}/learn")
    wait_for_heading(page, "About spinal stenosis")
    page.get_by_text(T("ui_stop_title")).click()
    button = page.get_by_role("button", name=T("ui_copy_link"))
    expect(button).to_have_attribute("data-ready", "1")
    button.click()
    expect(page.locator(".copy-status")).to_have_text(T("ui_copy_fallback"))
    assert "/?r=" in page.evaluate("() => window.getSelection().toString()")
    ctx.close()


def test_compare_part_one_is_short_on_a_phone(browser: Browser, base_url: str) -> None:
    """390 px: the stacked grid opens with "What happens"; the other rows show their name and "More
    about this" (was 46,556 px, 55 screens; now about 7,300 px: docs/usability.md). At 1440 px (the grid itself 900 px or wider)
    every row shows, no toggle."""
    ctx, page = open_sized(browser, base_url, *PHONE, "/compare", T("compare_title"))
    expect(page.locator("table.option-grid")).to_be_visible()
    height = page.evaluate(TRUE_HEIGHT)
    assert height <= 10 * PHONE[1], f"Compare part 1 is {height} px ({height / PHONE[1]:.1f} phone screens)"
    row = page.locator("tr[data-row='how_many_improve']")
    expect(row.locator("td").first).to_be_hidden()
    row.get_by_text(T("compare_row_more")).click()
    expect(row.locator("td")).to_have_count(5)
    for k in range(5):
        expect(row.locator("td").nth(k)).to_be_visible()
    expect(row.get_by_text(T("compare_row_less"))).to_be_visible()
    expect(page.locator("tr[data-row='what_happens'] td").first).to_be_visible()
    screenshot(page, "nav-390-compare-rows")
    ctx.close()
    ctx, page = open_sized(browser, base_url, 1440, 900, "/compare", T("compare_title"))   # the grid 900 px or wider
    row = page.locator("tr[data-row='how_many_improve']")
    expect(row.locator("td").first).to_be_visible()
    expect(row.locator("details.row-more")).to_be_hidden()
    ctx.close()
