"""The two settings of use in a real browser: the exam room fits one screen, the home path works
by keyboard alone with focus always visible, switching mode keeps the answers, "Larger text"
really enlarges the type, and screenshots at phone, tablet and desktop size.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.answers import Saved, encode_link

from .helpers import MAIN, screenshot, wait_for_run
from .helpers import open_sized as _open
from .helpers import option_card as _card
from .helpers import sized_context as _context
from .helpers import wait_for_heading as _ready

NO_SCROLL_TOLERANCE_PX = 2

SCROLL_JS = """() => { const m = document.querySelector('[data-testid="stMain"]');
  return {sh: m.scrollHeight, ch: m.clientHeight, sw: m.scrollWidth, cw: m.clientWidth,
          dw: document.documentElement.scrollWidth, vw: window.innerWidth}; }"""

# Where keyboard focus is, and whether it is drawn: the focused element's own outline, or (radios,
# checkboxes and toggles hide their input) the outline of the label around it.
FOCUS_JS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body', visible: false};
  const hidden = el.tagName === 'INPUT' && (el.type === 'radio' || el.type === 'checkbox');
  const box = hidden ? (el.closest('label') || el) : el;
  const cs = getComputedStyle(box);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  return {tag: el.tagName, type: el.type || '', role: el.getAttribute('role') || '',
          valuetext: el.getAttribute('aria-valuetext') || '',
          text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 60),
          value: el.value || '', name: box.innerText ? box.innerText.trim().slice(0, 80) : '',
          visible: outline, outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor}; }"""


def _collapse_sidebar(page: Page) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") != "true":
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")


def _open_sidebar(page: Page) -> None:
    sidebar = page.locator("[data-testid='stSidebar']")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.locator("[data-testid='stExpandSidebarButton']").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")


def _assert_no_scroll(page: Page, label: str) -> dict:
    m = page.evaluate(SCROLL_JS)
    assert m["sh"] <= m["ch"] + NO_SCROLL_TOLERANCE_PX, f"{label}: scrolls vertically {m}"
    assert m["sw"] <= m["cw"] + NO_SCROLL_TOLERANCE_PX, f"{label}: scrolls sideways {m}"
    assert m["dw"] <= m["vw"], f"{label}: the document is wider than the window {m}"
    return m


# --------------------------------------------------------------------------- exam room

@pytest.mark.parametrize("w,h", [(1024, 768), (1280, 800), (1920, 1080)], ids=["1024x768", "1280x800", "1920x1080"])
def test_exam_room_one_screen_with_scan_questions_and_answers(browser: Browser, base_url: str, w: int, h: int) -> None:
    """One page, big type: the five cards with their status in the first screen; below them, on the
    page itself (issue 13 section 5), the scan and exam questions and the patient's answers; no
    control label cut at tablet width; nothing scrolls sideways."""
    ctx = _context(browser, w, h)
    page = ctx.new_page()
    page.goto(f"{base_url}/?mode=clinic")
    _ready(page, "The five options at a glance")
    expect(page).to_have_url(f"{base_url}/exam")
    # clinic mode opens with the sidebar collapsed; the whole width is for the five cards
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    cards = page.locator(".xcard")
    expect(cards).to_have_count(5)
    expect(_card(page, "mild").locator(".status")).to_have_text("? Ask first")
    for o in ("physical_therapy", "epidural_steroid_injection", "open_surgery", "no_new_treatment"):
        expect(_card(page, o).locator(".status")).to_have_text("○ Nothing against it so far")
    # the same key facts, in the same order, in every card (more treatment and how long relief lasts
    # are rows like the others)
    for o in ("mild", "physical_therapy", "epidural_steroid_injection", "open_surgery", "no_new_treatment"):
        expect(_card(page, o).locator(".xfact dt")).to_have_text(
            ["Anesthesia:", "Hospital stay:", "Back to usual life:", "How many get better:",
             "How long relief lasts:", "More treatment later:", "Serious risks:"])
    # numbers that measure different things are not side by side in the cards (issue 11 section 2):
    # each card points below, where each option's number stands on its own line with the reason
    expect(_card(page, "physical_therapy").locator("[data-row='how_many_improve']")).to_contain_text(
        "A number from another kind of study")
    numbers = page.locator(".xnumbers")
    expect(numbers.locator(".xapart[data-row='how_many_improve']")).to_contain_text(
        "63 out of 100 felt clearly better")
    expect(numbers.locator(".xapart[data-row='serious_risks']")).to_contain_text(
        "23 out of 1,000 (operations) had a problem that put life at risk")
    expect(numbers.locator(".xapart[data-row='more_treatment']")).to_contain_text("52 out of 100 had surgery")
    expect(numbers.locator(".xapart").first).to_contain_text("These numbers are shown apart")
    expect(_card(page, "mild").locator("[data-row='how_many_improve'] .chip-ind")).to_have_text("2 by the maker")
    expect(page.locator(".xbrief")).to_contain_text("Answered: 0 of 26 questions")
    # the first screen: every card's name and status
    for i in range(5):
        box = cards.nth(i).locator(".status").bounding_box()
        assert box and box["y"] + box["height"] <= h, f"card {i}'s status is below the first screen: {box}"
    scan = page.locator(".st-key-exam_scan")
    expect(scan).to_contain_text("Scan and exam: 0 of 5 known")
    expect(page.locator(".st-key-exam_told")).to_contain_text("No answers yet.")
    screenshot(page, f"modes-exam-{w}x{h}")
    m = page.evaluate(SCROLL_JS)
    assert m["sw"] <= m["cw"] + NO_SCROLL_TOLERANCE_PX and m["dw"] <= m["vw"], f"scrolls sideways {m}"
    # no control label cut: every button's and toggle's text fits its box
    cut = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid="stMain"] button, [data-testid="stMain"] [data-testid="stWidgetLabel"]')]
        .flatMap(b => [b, ...b.querySelectorAll('*')])
        .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
                && getComputedStyle(e).overflowX !== 'visible'
                && !e.closest('.listen-compact'))   // a card's speaker icon: its name is for screen readers only
        .map(e => e.innerText.slice(0, 60))""")
    assert cut == [], f"labels cut at {w}px: {cut}"

    # the clinician answers a scan question inline: MILD turns "Usually not suitable" at once; the
    # change is named on the card, at the questions, and read out by screen readers (role=status);
    # "not sure" is not counted as known
    group = page.get_by_role("radiogroup", name="ligament at the back of the canal is thick")
    group.get_by_text("No, the report says it is not thick", exact=True).click()
    wait_for_run(page)
    expect(_card(page, "mild").locator(".status")).to_have_text("✕ Usually not suitable")
    expect(_card(page, "mild")).to_have_attribute("data-status", "not_suitable")
    expect(_card(page, "mild").locator(".xnew")).to_have_text("Changed")
    expect(page.locator(".xnew")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("Just changed: MILD now “Usually not suitable for you”.")
    expect(scan.locator(".xchanged-here")).to_contain_text("MILD now")
    expect(scan).to_contain_text("Scan and exam: 1 of 5 known")
    expect(page.locator(".st-key-exam_told")).to_contain_text("Scan: thick ligament: No, the report says it is not thick")
    page.get_by_role("radiogroup", name="slipped bone").get_by_text("Not sure / ask my doctor", exact=True).click()
    wait_for_run(page)
    expect(scan).to_contain_text("Scan and exam: 1 of 5 known")
    screenshot(page, f"modes-exam-{w}x{h}-answered")
    ctx.close()


def test_exam_room_opens_from_resume_link(browser: Browser, base_url: str) -> None:
    # a full brief and many reasons: the heaviest screen a clinic visit is likely to bring
    saved = Saved(answers={"can_lie_face_down_1h": "no", "smoker": "yes", "blood_thinner": "cannot_pause",
                           "stable_leg_weakness_on_exam": "yes"},
                  values={"avoid_general_anesthesia": 4, "short_recovery": 3, "lasting_relief": 4},
                  leaning="physical_therapy", decision_role="together", sure={"know_benefits_risks": True})
    ctx, page = _open(browser, base_url, 1280, 800, f"/?r={encode_link(saved)}&mode=clinic", "The five options at a glance")
    expect(page).to_have_url(f"{base_url}/exam")
    brief = page.locator(".xbrief")
    expect(brief).to_contain_text("Answered: 4 of 26 questions")
    expect(brief).to_contain_text("Matters most: Avoid being put fully to sleep (general anesthesia) "
                                  "(most important); Relief that lasts a long time (most important); "
                                  "A short recovery (very important)")
    expect(brief).to_contain_text("SURE: 1 of 4 yes: not yet sure")
    expect(page.locator(".xflash[role=status]")).to_have_text("✓ Your saved answers were opened from the link (4 answers).")
    expect(brief).to_contain_text("Wants to decide: I want to decide together with my clinician")
    expect(brief).to_contain_text("Leaning: Physical therapy")
    expect(_card(page, "mild").locator(".status")).to_have_text("✕ Usually not suitable")
    expect(_card(page, "mild").locator("details.why > summary")).to_have_text("Why? (4 reasons)")
    for o in ("epidural_steroid_injection", "open_surgery", "no_new_treatment"):
        expect(_card(page, o).locator(".status")).to_have_text("? Ask first")
    expect(_card(page, "physical_therapy").locator(".status")).to_have_text("○ Nothing against it so far")
    screenshot(page, "modes-exam-resume-link-1280x800")
    m = page.evaluate(SCROLL_JS)  # the page scrolls down to the scan questions, never sideways
    assert m["sw"] <= m["cw"] + NO_SCROLL_TOLERANCE_PX and m["dw"] <= m["vw"], f"exam from a resume link: {m}"
    # details on demand: the reasons open in place
    _card(page, "mild").locator("details.why > summary").click()
    expect(_card(page, "mild").locator("li.reason").first).to_be_visible()
    ctx.close()


def test_exam_room_opens_an_uploaded_answers_file(browser: Browser, base_url: str) -> None:
    doc = {"schema": "lss-decision-aid/answers", "version": 1,
           "answers": {"stable_leg_weakness_on_exam": "yes"}, "values": {"lasting_relief": 4}}
    ctx, page = _open(browser, base_url, 1280, 800, "/exam?mode=clinic", "The five options at a glance")
    page.get_by_role("button", name="Open the patient's saved file").click()
    page.locator("[data-testid='stPopoverBody'] input[type='file']").set_input_files(
        files=[{"name": "answers.json", "mimeType": "application/json",
                "buffer": json.dumps(doc).encode()}])
    wait_for_run(page)
    page.keyboard.press("Escape")
    expect(page.locator(".xbrief")).to_contain_text("Answered: 1 of 26 questions")
    expect(page.locator(".xbrief")).to_contain_text("Matters most: Relief that lasts a long time (most important)")
    expect(_card(page, "mild").locator(".status")).to_have_text("✕ Usually not suitable")
    expect(_card(page, "no_new_treatment").locator(".status")).to_have_text("? Ask first")
    ctx.close()


# --------------------------------------------------------------------------- keyboard only

def _tab_to(page: Page, want, limit: int = 120, seen: list | None = None) -> dict:
    """Press Tab until `want(focus)` is true; every stop in the page must show a visible focus ring.
    (Past the last control, Tab leaves the document for the browser's own bar: activeElement is
    <body> for that one stop, then Tab wraps to the top. Streamlit also leaves the focus point where
    the old page's Next button was, so the first Tab on a new page may do this.)"""
    outside = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUS_JS)
        if f["tag"] == "body":
            outside += 1
            assert outside <= 2, "Tab left the page twice without reaching the target"
            continue
        if seen is not None:
            seen.append(f)
        assert f["visible"], f"focus not visible on {f}"
        if want(f):
            return f
    raise AssertionError(f"never reached the target in {limit} Tab presses; last: {f}")


def _enter_lands_on_heading(page: Page, heading: str, text: str) -> None:
    """Enter on the focused Next button: the new part's heading ("h2.part-title") or the new page's
    title ("h1") has the keyboard focus, not the browser bar and not the bottom of the old page."""
    page.keyboard.press("Enter")
    wait_for_run(page)
    page.wait_for_function(
        "([sel, text]) => { const e = document.activeElement;"
        " return !!e && e.matches(sel) && e.innerText.trim().startsWith(text); }", arg=[heading, text])
    top = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
    assert top >= 0, f"the focused heading is above the screen: {top}"


def _next_tab(page: Page, want, what: str, first: str) -> dict:
    """One Tab from the heading (past the part's Listen control): it must reach ``want`` at once
    (no stop in the browser bar).
    ``first``: a selector of that control, awaited first (Streamlit loads some widgets, such as
    sliders, a moment after the rest of the page; the Tab must not race that)."""
    expect(page.locator(f"{MAIN} {first}").first).to_be_attached()
    page.keyboard.press("Tab")
    # home mode: a part starts with its Listen control (read aloud, issue 14): Listen, Slower
    for _ in range(3):
        if not page.evaluate("() => !!document.activeElement.closest('.listen')"):
            break
        page.keyboard.press("Tab")
    f = page.evaluate(FOCUS_JS)
    assert want(f) and f["visible"], f"the Tab after the heading should reach {what}, got {f}"
    return f


@pytest.mark.parametrize("w,h", [(1024, 768), (390, 844), (1440, 900)], ids=["tablet", "phone", "desktop"])
def test_keyboard_only_journey(browser: Browser, base_url: str, w: int, h: int) -> None:
    """Tab, arrow keys, Space and Enter only: answer a question on Your situation, move on with
    the Next button part by part, and see the status change on Compare. Focus is visible at every
    stop; after every Next the focus is on the new part's heading or the new page's title, and the
    next Tab reaches the first control of that part."""
    from decision_aid.content.loader import load_content

    c = load_content()
    # the parts of Your situation: the patient's own groups, then one for the clinician (its first group's questions)
    own = [g for g in c.groups if not g.for_clinician]
    groups = [(g.title, g.id) for g in own] + [(c.text("situation_clinician_title"),
                                                 next(g.id for g in c.groups if g.for_clinician))]
    ctx = _context(browser, w, h)
    page = ctx.new_page()
    page.goto(f"{base_url}/situation?mode=home")
    _ready(page, "Your situation")
    expect(page.locator(".steps-now")).to_have_text("Step 3 of 7: Your situation")
    expect(page.locator("h2.part-title")).to_have_text(f"Part 1 of {len(groups)}: {groups[0][0]}")
    stops: list[dict] = []
    # the first question of part 1 (No / Yes / Not sure): Tab reaches "No", the Up arrow wraps to
    # "Not sure" and chooses it
    _tab_to(page, lambda f: f["type"] == "radio" and f["name"] == "No", seen=stops)
    page.keyboard.press("ArrowUp")
    wait_for_run(page)
    f = page.evaluate(FOCUS_JS)
    assert f["type"] == "radio" and f["name"].startswith("Not sure") and f["visible"], f
    expect(page.get_by_text("You have answered 1 of 26 questions.")).to_be_visible()
    # Next walks the groups of questions, one per screen
    for k in range(1, len(groups)):
        _tab_to(page, lambda f, k=k: f["tag"] == "BUTTON" and f["text"] == f"Next: {groups[k][0]} →",
                seen=stops)
        if k == 1:
            screenshot(page, "modes-keyboard-next-focused")
        _enter_lands_on_heading(page, "h2.part-title", f"Part {k + 1} of {len(groups)}: {groups[k][0]}")
        first = next(q for q in c.questions if q.group == groups[k][1])
        first_choice = first.choices[0].label
        if k == len(groups) - 1:   # the part for the clinician starts with its "Skip these" button
            _next_tab(page, lambda f: f["tag"] == "BUTTON" and f["text"] == c.text("situation_skip"),
                      "the 'Skip these' button", "input[type=radio]")
        _tab_to(page, lambda f, lab=first_choice: f["type"] == "radio" and f["name"].startswith(lab), seen=stops)
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: Compare the options"), seen=stops)
    _enter_lands_on_heading(page, "h1", "Compare the options")
    expect(page).to_have_url(f"{base_url}/compare")
    _next_tab(page, lambda f: f["type"] == "checkbox" and f["name"].startswith("Show all options equally"),
              "the 'show all equally' switch", "input[type=checkbox]")
    pt = page.locator("th.opt[data-option='physical_therapy']")
    expect(pt.locator(".status")).to_contain_text("Ask your clinician")
    expect(page.locator("th.opt[data-option='open_surgery'] .status")).to_contain_text("Ask your clinician")
    # Compare part 2, the pictures
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: The numbers as pictures"),
            limit=600, seen=stops)
    _enter_lands_on_heading(page, "h2.part-title", "Part 2 of 2: The numbers as pictures")
    _next_tab(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "How many got better",
              "the first picture choice", "[data-testid=stButtonGroup] button")
    # on through the rest of the journey, still by keyboard: rate one value with the arrow keys
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: What matters"), limit=200,
            seen=stops)
    _enter_lands_on_heading(page, "h1", "What matters to you")
    # the part starts with "Skip this step"; then each value is a radio group with nothing chosen
    _next_tab(page, lambda f: f["tag"] == "BUTTON" and f["text"] == c.text("values_skip_step"),
              "the 'Skip this step' button", "input[type=radio]")
    f = _tab_to(page, lambda f: f["type"] == "radio" and f["name"] == "Not important", limit=10, seen=stops)
    assert page.evaluate("() => document.querySelectorAll('[data-testid=stMain] input[type=radio]:checked').length") == 0
    page.keyboard.press("ArrowDown")   # arrow keys choose within the group: "A little important"
    wait_for_run(page)
    page.keyboard.press("ArrowDown")   # "Somewhat important"
    wait_for_run(page)
    page.wait_for_function("() => document.activeElement.type === 'radio' && document.activeElement.checked"
                           " && document.activeElement.closest('label').innerText.trim() === 'Somewhat important'")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: How the options fit"), limit=200,
            seen=stops)
    _enter_lands_on_heading(page, "h2.part-title", "Part 2 of 2: How the options fit")
    # this part has no control of its own: the next Tab is the footer's Back button
    _next_tab(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("← Back: Rate what matters"),
              "the Back button (the part has no controls)", "[data-testid=stMarkdownContainer]:has-text(\"Rate something as\")")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: Check"), limit=20, seen=stops)
    _enter_lands_on_heading(page, "h1", "Check and lean")
    _next_tab(page, lambda f: f["tag"] == "BUTTON" and f["text"] == c.text("check_skip_step"),
              "the 'Skip this step' button", "input[type=number]")
    f = _tab_to(page, lambda f: f["tag"] == "INPUT" and f["text"].startswith("No new treatment for now: out of 100"),
                limit=10, seen=stops)
    assert page.evaluate("() => document.activeElement.value") == "", f   # an empty box: no guess made
    for k, title in enumerate(["A few quick questions", "How sure do you feel? (the SURE test)",
                               "Where are you leaning?", "The people around you"], start=2):
        _tab_to(page, lambda f, t=title: f["tag"] == "BUTTON" and f["text"] == f"Next: {t} →", limit=300,
                seen=stops)
        _enter_lands_on_heading(page, "h2.part-title", f"Part {k} of 5: {title}")
        _next_tab(page, lambda f: f["type"] == "radio", "the first choice of the part's first question", "input[type=radio]")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"].startswith("Next: Your summary"), limit=300,
            seen=stops)
    _enter_lands_on_heading(page, "h1", "Your summary")
    # the title has no anchor link: the next Tab reaches the first thing in the summary itself
    # (the patient's first option card's "Why?" here), not a link to the heading itself
    f = _next_tab(page, lambda f: f["tag"] not in ("body", "A"), "the summary's first control", "details.why > summary")
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stMain\"]')"), f
    # the summary holds what was entered by keyboard
    expect(page.locator(MAIN)).to_contain_text("Avoid being put fully to sleep (general anesthesia): Somewhat important")
    expect(page.locator(".card[data-option='physical_therapy']")).to_contain_text("Ask your clinician")
    assert all(f["visible"] for f in stops) and len(stops) > 20, len(stops)
    ctx.close()


@pytest.mark.parametrize("w,h", [(1280, 800), (1024, 768)], ids=["1280x800", "tablet"])
def test_keyboard_only_exam_room(browser: Browser, base_url: str, w: int, h: int) -> None:
    """The exam room by keyboard: Tab to the scan questions on the screen, arrow keys answer, the
    cards change at once; every stop shows its focus ring."""
    ctx, page = _open(browser, base_url, w, h, "/exam?mode=clinic", "The five options at a glance")
    expect(_card(page, "mild").locator(".status")).to_have_text("? Ask first")
    stops: list[dict] = []
    f = _tab_to(page, lambda f: f["type"] == "radio", limit=60, seen=stops)
    assert f["name"].startswith("Yes"), f     # the first choice of the first scan question
    page.keyboard.press("ArrowRight")          # "No": the scan shows no central narrowing
    wait_for_run(page)
    expect(_card(page, "mild").locator(".status")).to_have_text("✕ Usually not suitable")
    expect(_card(page, "mild")).to_contain_text("Changed")
    assert all(x["visible"] for x in stops) and stops, stops
    screenshot(page, f"modes-keyboard-exam-{w}x{h}")
    ctx.close()


def test_keyboard_focus_never_goes_off_screen_on_a_phone(browser: Browser, base_url: str) -> None:
    """On a phone the sidebar is folded away off screen; Tab must not walk into it."""
    ctx, page = _open(browser, base_url, 390, 844, "/situation?mode=home", "Your situation")
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    for _ in range(12):
        page.keyboard.press("Tab")
        r = page.evaluate("""() => { const e = document.activeElement; const b = e.getBoundingClientRect();
            return {tag: e.tagName, text: (e.innerText || e.value || '').slice(0, 40), x: b.x, right: b.right,
                    inSidebar: !!e.closest('[data-testid="stSidebar"]')}; }""")
        assert not r["inSidebar"] and r["x"] >= 0 and r["right"] <= 390, f"focus off screen: {r}"
    ctx.close()


# --------------------------------------------------------------------------- mode switch

def test_mode_switch_keeps_answers_and_clinic_lands_on_exam(browser: Browser, base_url: str) -> None:
    ctx, page = _open(browser, base_url, 1440, 900, "/situation?mode=home", "Your situation")
    page.locator(MAIN).get_by_role("radiogroup").first.get_by_text("Not sure", exact=True).click()
    wait_for_run(page)
    expect(page.get_by_text("You have answered 1 of 26 questions.")).to_be_visible()
    # home -> clinic in the sidebar: the exam page opens, with the answer
    page.locator("[data-testid='stSidebar']").get_by_text("In the exam room, one screen").click()
    _ready(page, "The five options at a glance")
    expect(page).to_have_url(f"{base_url}/exam")
    expect(page.locator(".xbrief")).to_contain_text("Answered: 1 of 26 questions")
    expect(_card(page, "physical_therapy").locator(".status")).to_have_text("? Ask first")
    # clinic -> home: still the same answer, and the steps are back (the exam room folds the
    # sidebar away; its arrow opens it again)
    _open_sidebar(page)
    page.locator("[data-testid='stSidebar']").get_by_text("At home, step by step").click()
    wait_for_run(page)
    page.locator("[data-testid='stSidebarNav'] a[href$='/situation']").click()
    _ready(page, "Your situation")
    expect(page.locator(".steps-now")).to_have_text("Step 3 of 7: Your situation")
    expect(page.get_by_text("You have answered 1 of 26 questions.")).to_be_visible()
    expect(page.locator(MAIN).get_by_role("radiogroup").first.get_by_role("radio", name="Not sure")).to_be_checked()
    # Start's exam-room button also lands on the exam page, answers kept
    page.locator("[data-testid='stSidebarNav'] a[href$='/']").click()
    _ready(page, "Narrowing in the lower spine")
    page.get_by_role("button", name="Use it in the exam room").click()
    _ready(page, "The five options at a glance")
    expect(page.locator(".xbrief")).to_contain_text("Answered: 1 of 26 questions")
    ctx.close()


def test_home_mode_steps_and_stop_for_later(browser: Browser, base_url: str) -> None:
    ctx, page = _open(browser, base_url, 1024, 768, "/learn?mode=home", "About spinal stenosis")
    expect(page.locator(".steps-now")).to_have_text("Step 2 of 7: About stenosis")
    expect(page.locator(".steps li[aria-current='step']")).to_have_text("About stenosis")  # CSS numbers it
    page.get_by_role("button", name="← Back: Start").click()
    _ready(page, "Narrowing in the lower spine")
    expect(page.locator(".steps-now")).to_have_text("Step 1 of 7: Start")
    # Start's "at home" button begins the steps
    page.get_by_role("button", name="Use it at home, step by step").click()
    _ready(page, "About spinal stenosis")
    expect(page.locator(".steps-now")).to_have_text("Step 2 of 7: About stenosis")
    page.get_by_text("Stop here and pick up later").click()
    expect(page.get_by_text("Nothing you enter is stored on our server.")).to_be_visible()
    expect(page.locator("[data-testid='stCode']").last).to_contain_text("/?r=")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Save my answers as a file (.json)").click()
    saved = json.loads(dl.value.path().read_text())
    assert saved["schema"] == "lss-decision-aid/answers" and saved["answers"] == {}
    ctx.close()


# --------------------------------------------------------------------------- larger text

def test_larger_text_enlarges_everything(browser: Browser, base_url: str) -> None:
    ctx, page = _open(browser, base_url, 1440, 900, "/?mode=home", "Narrowing in the lower spine")
    js = """() => { const px = el => parseFloat(getComputedStyle(el).fontSize);
      const main = document.querySelector('[data-testid="stMain"]');
      return {root: px(document.documentElement), p: px(main.querySelector('[data-testid="stMarkdownContainer"] p')),
              h1: px(main.querySelector('h1')), button: px(main.querySelector('[data-testid="stButton"] button')),
              side: px(document.querySelector('[data-testid="stSidebar"] [data-testid="stWidgetLabel"] p'))}; }"""
    # every element the script measures must be drawn first (the Start page's buttons come a moment
    # after its heading; under load the script ran before them and read null)
    for sel in ('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p', '[data-testid="stMain"] h1',
                '[data-testid="stMain"] [data-testid="stButton"] button',
                '[data-testid="stSidebar"] [data-testid="stWidgetLabel"] p'):
        expect(page.locator(sel).first).to_be_attached()
    before = page.evaluate(js)
    assert before["root"] == 18 and before["p"] == 18, before  # the theme's 18 px base
    page.locator(".st-key-text_size").get_by_text("Larger text").click()  # top right, outside the menu
    wait_for_run(page)
    expect(page.locator("html")).to_have_css("font-size", "24px")
    after = page.evaluate(js)
    for k in before:
        assert after[k] >= before[k] * 1.3, (k, before, after)
    screenshot(page, "modes-larger-text-desktop")
    ctx.close()


# --------------------------------------------------------------------------- screenshots

SHOT_SIZES = {"phone": (390, 844), "tablet": (1024, 768), "desktop": (1440, 900)}


@pytest.mark.parametrize("size", list(SHOT_SIZES))
def test_screenshots_both_modes(browser: Browser, base_url: str, size: str) -> None:
    w, h = SHOT_SIZES[size]
    ctx = _context(browser, w, h)
    page = ctx.new_page()
    for mode, path, h1 in (("clinic", "/?mode=clinic", "The five options at a glance"),
                           ("home", "/situation?mode=home", "Your situation")):
        page.goto(base_url + path)
        _ready(page, h1)
        if mode == "clinic" and size == "phone":
            _collapse_sidebar(page)
        m = page.evaluate(SCROLL_JS)
        assert m["dw"] <= m["vw"], f"{size} {mode}: page wider than the screen {m}"
        screenshot(page, f"modes-{size}-{mode}")
    ctx.close()
