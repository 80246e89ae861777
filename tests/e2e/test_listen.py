"""Read aloud in a real browser (issue 14 section 2), with speechSynthesis replaced by a recorder
before the page's own script runs (page.add_init_script): what would be spoken, in which language
and at which speed, on every page in home mode and in the exam room; pause, resume and stop; the
slower speed; the word highlight; the "no voice" message (stubbed, and Debian's headless chromium as
it is, which has no voice); the keyboard; axe on pages with the controls."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import AXE_TAGS, MAIN, format_violations, open_app, run_axe, screenshot

C = load_content()

# The recorder: voices for English and Spanish (or the list in window.__ttsVoiceList), every
# utterance kept as {text, lang, rate}; pause/resume/cancel logged; __tts.finish() ends them all,
# __tts.boundary(i, n) reports a word boundary on the first.
STUB = """(() => {
  const log = [], calls = [], queue = [];
  window.__tts = {log, calls, queue};
  class U { constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; } }
  window.SpeechSynthesisUtterance = U;
  const synth = {
    speaking: false, paused: false, pending: false,
    getVoices: () => (window.__ttsVoiceList || ['en-US', 'es-US']).map(
      (l) => ({lang: l, name: 'stub ' + l, default: false,
               localService: !(window.__ttsRemote || []).includes(l)})),
    speak(u) { log.push({text: u.text, lang: u.lang, rate: u.rate}); queue.push(u); this.speaking = true; },
    pause() { calls.push('pause'); }, resume() { calls.push('resume'); },
    cancel() { calls.push('cancel'); queue.length = 0; this.speaking = false; },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth, configurable: true});
  window.__tts.finish = () => { queue.splice(0).forEach((u) => u.onend && u.onend({})); };
  window.__tts.boundary = (i, n) => { const u = queue[0];
    if (u && u.onboundary) u.onboundary({name: 'word', charIndex: i, charLength: n}); };
})();"""

HOME_PAGES = {  # page -> its h1 (the page's opening is read from it)
    "start": C.text("start_title"), "learn": C.text("learn_title"), "situation": C.text("situation_title"),
    "compare": C.text("compare_title"), "values": C.text("values_title"), "check": C.text("check_title"),
    "summary": C.text("summary_title"), "evidence": C.text("evidence_title"),
    "standards": C.text("standards_title"),
}
CONTROL_WORDS = [C.text(t) for t in ("ui_listen_play", "ui_listen_stop", "ui_listen_slower")]
SYMBOLS = re.compile(r"[\u2190-\u21FF\u2600-\u27BF\u2713\u2715\u26A0]")


def _path(name: str) -> str:
    return "/" if name == "start" else f"/{name}"


@pytest.fixture()
def tab(browser: Browser, base_url: str):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    ctx.add_init_script(STUB)
    page = ctx.new_page()
    yield page
    ctx.close()


def spoken(page: Page, n_min: int = 1) -> list[dict]:
    page.wait_for_function(f"window.__tts && window.__tts.log.length >= {n_min}", timeout=5_000)
    return page.evaluate("window.__tts.log")


def play(page: Page, k: int = 0) -> None:
    page.locator(f"{MAIN} .listen [data-listen='play']").nth(k).click()


@pytest.mark.parametrize("name", list(HOME_PAGES))
def test_each_home_page_reads_its_opening_in_english(tab: Page, name: str) -> None:
    open_app(tab, _path(name))
    tab.locator(f"{MAIN} .listen").first.wait_for()
    play(tab)
    log = spoken(tab)
    text = " ".join(u["text"] for u in log)
    assert " ".join(HOME_PAGES[name].split()) in text
    assert all(u["lang"].startswith("en") and u["rate"] == 1 for u in log)
    assert not any(u["text"] in CONTROL_WORDS for u in log)      # the controls are not read out
    assert not SYMBOLS.search(text), text                          # icons and arrows are skipped
    assert not re.search(r"\b\d+ sources?\b", text)                # source chips are skipped
    assert C.text("nav_tab_title") not in text                     # the page only, not the browser tab
    expect(tab.locator(f"{MAIN} .listen [data-listen='play']").first).to_have_attribute("data-state", "speaking")


def test_a_part_reads_its_own_part_only(tab: Page) -> None:
    open_app(tab, "/situation")
    parts = tab.locator(f"{MAIN} .listen")
    expect(parts).to_have_count(3)                  # the page's opening, the first part, "What this means"
    play(tab, 1)
    text = " ".join(u["text"] for u in spoken(tab))
    safety = next(g for g in C.groups if g.id == "safety")
    assert text.startswith("Part 1 of")
    assert " ".join(safety.intro.split())[:40] in text
    assert " ".join(C.question("saddle_numbness").text.split())[:40] in text   # the questions, read out
    assert C.text("situation_title") not in text                   # not the page's opening
    assert "Next:" not in text                                     # not the step footer


FIGURES = {   # a card-like part with figures as the grid prints them, and what Listen must say
    "en": ("23/1,000 had a serious problem; 2–4 weeks; 5% ≥ 3.",
           "23 out of 1,000 had a serious problem; 2 to 4 weeks; 5 percent at least 3."),
    "es": ("23/1000 tuvieron un problema grave; 2–4 semanas; 5% ≥ 3.",
           "23 de cada 1000 tuvieron un problema grave; 2 a 4 semanas; 5 por ciento al menos 3."),
}


@pytest.mark.parametrize("lang", sorted(FIGURES))
def test_figures_are_read_as_words(tab: Page, lang: str) -> None:
    open_app(tab, f"/learn?lang={lang}")
    # read by a copy of the page's control, scoped to the part
    tab.evaluate("""(sample) => { const ctrl = document.querySelector('.listen').cloneNode(true);
      ctrl.setAttribute('data-listen-scope', 'card');
      const box = document.createElement('section'); box.setAttribute('data-listen-root', '');
      box.id = 'figs'; box.append(ctrl);
      const p = document.createElement('p'); p.textContent = sample;
      box.append(p); document.querySelector('[data-testid="stMain"]').prepend(box); }""", FIGURES[lang][0])
    tab.locator("#figs [data-listen='play']").click()
    u = spoken(tab)[0]
    assert u["text"] == FIGURES[lang][1]
    assert u["lang"].startswith(f"{lang}-")


def test_dates_and_doi_are_not_read_as_figures(tab: Page) -> None:
    """Only the aid's own denominators (10, 100, 1,000, 10,000) make "out of": a source's date or DOI
    on the Evidence page is read as it is."""
    open_app(tab, "/learn")
    tab.evaluate("""() => { const ctrl = document.querySelector('.listen').cloneNode(true);
      ctrl.setAttribute('data-listen-scope', 'card');
      const box = document.createElement('section'); box.setAttribute('data-listen-root', '');
      box.id = 'figs'; box.append(ctrl);
      const p = document.createElement('p'); p.textContent = 'Seen 12/7/2016. DOI 10.1002/14651858. 4/100 and 7/1,000.';
      box.append(p); document.querySelector('[data-testid="stMain"]').prepend(box); }""")
    tab.locator("#figs [data-listen='play']").click()
    assert spoken(tab)[0]["text"] == "Seen 12/7/2016. DOI 10.1002/14651858. 4 out of 100 and 7 out of 1,000."


def test_exam_room_screen_and_each_card(tab: Page) -> None:
    open_app(tab, "/exam?mode=clinic")
    expect(tab.locator(".xcard .listen")).to_have_count(5)
    expect(tab.locator(f"{MAIN} .listen")).to_have_count(6)
    play(tab)   # the screen
    text = " ".join(u["text"] for u in spoken(tab))
    assert C.text("exam_title") in text
    assert all(C.option(o).short_name in text for o in ("mild", "physical_therapy", "open_surgery"))
    tab.evaluate("window.__tts.log.length = 0")
    tab.locator(".xcard[data-option='mild'] [data-listen='play']").click()
    text = " ".join(u["text"] for u in spoken(tab))
    assert text.startswith(C.option("mild").short_name)
    assert C.option("open_surgery").short_name not in text         # that card only
    assert C.text("exam_title") not in text
    button = tab.locator(".xcard[data-option='mild'] [data-listen='play']")
    box = button.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    expect(button).to_have_accessible_name(C.text("ui_listen_pause"))   # while it reads; then "Listen"
    expect(button).to_have_attribute("title", C.text("ui_listen_pause"))
    tab.evaluate("window.__tts.finish()")
    expect(button).to_have_accessible_name(C.text("ui_listen_play"))


def test_pause_resume_stop_and_the_focus_stays(tab: Page) -> None:
    open_app(tab, "/learn")
    ctrl = tab.locator(f"{MAIN} .listen").first
    main, stop = ctrl.locator("[data-listen='play']"), ctrl.locator("[data-listen='stop']")
    expect(stop).to_have_attribute("aria-disabled", "true")
    main.focus()
    tab.keyboard.press("Enter")                                    # the keyboard starts it
    spoken(tab)
    expect(main).to_have_text(re.compile(C.text("ui_listen_pause")))
    expect(stop).to_have_attribute("aria-disabled", "false")
    tab.keyboard.press("Enter")
    expect(main).to_have_text(re.compile(C.text("ui_listen_resume")))
    tab.keyboard.press("Space")
    expect(main).to_have_text(re.compile(C.text("ui_listen_pause")))
    assert tab.evaluate("window.__tts.calls").count("pause") == 1
    assert tab.evaluate("window.__tts.calls")[-1] == "resume"
    assert tab.evaluate("document.activeElement.getAttribute('data-listen')") == "play"   # focus never moved
    stop.focus()
    tab.keyboard.press("Enter")
    assert tab.evaluate("window.__tts.calls")[-1] == "cancel"
    expect(main).to_have_text(re.compile(C.text("ui_listen_play")))
    expect(stop).to_have_attribute("aria-disabled", "true")
    assert tab.evaluate("document.activeElement.getAttribute('data-listen')") == "stop"
    # reading to the end puts the control back
    main.click()
    spoken(tab)
    tab.evaluate("window.__tts.finish()")
    expect(main).to_have_attribute("data-state", "idle")


def test_slower_speed_and_word_highlight(tab: Page) -> None:
    open_app(tab, "/learn")
    ctrl = tab.locator(f"{MAIN} .listen").first
    slow = ctrl.locator("[data-listen='slow']")
    slow.click()
    expect(slow).to_have_attribute("aria-pressed", "true")
    ctrl.locator("[data-listen='play']").click()
    log = spoken(tab)
    assert {u["rate"] for u in log} == {0.8}
    tab.evaluate("window.__tts.boundary(6, 9)")                    # "About spinal stenosis": "spinal"
    marked = tab.evaluate("""() => { const h = CSS.highlights.get('listen-word');
      return h ? [...h][0].toString() : null; }""")
    assert marked == "spinal"
    screenshot(tab, "listen-learn-speaking")


def test_the_control_says_when_there_is_no_voice(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    ctx.add_init_script("window.__ttsVoiceList = ['fr-FR'];" + STUB)   # a device with only a French voice
    page = ctx.new_page()
    open_app(page, "/learn")
    play(page)
    msg = page.locator(f"{MAIN} .listen").first.locator("[data-listen='msg']")
    expect(msg).to_be_visible()
    expect(msg).to_have_text(" ".join(C.text("ui_listen_no_voice").split()))
    assert page.evaluate("window.__tts.log") == []
    ctx.close()


def test_a_network_voice_is_never_used(browser: Browser, base_url: str) -> None:
    """Nothing leaves the browser: a voice that speaks through a server (localService false, as
    Chrome's "Google" voices) is not used; with no voice on the device the control says so."""
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    ctx.add_init_script("window.__ttsRemote = ['en-US'];" + STUB)
    page = ctx.new_page()
    open_app(page, "/learn")
    play(page)
    expect(page.locator(f"{MAIN} .listen").first.locator("[data-listen='msg']")).to_be_visible()
    assert page.evaluate("window.__tts.log") == []
    ctx.close()


def test_headless_chromium_without_a_stub_says_there_is_no_voice(browser: Browser, base_url: str) -> None:
    """The real Web Speech API of Debian's headless chromium: no voice at all. The control says so
    instead of failing silently (and nothing else breaks)."""
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    open_app(page, "/learn")
    voices = page.evaluate("speechSynthesis.getVoices().length")
    play(page)
    msg = page.locator(f"{MAIN} .listen").first.locator("[data-listen='msg']")
    if voices:
        pytest.skip(f"this chromium has {voices} voices")
    expect(msg).to_have_text(" ".join(C.text("ui_listen_no_voice").split()), timeout=5_000)
    ctx.close()


def test_spanish_page_is_read_in_spanish(tab: Page) -> None:
    open_app(tab, "/learn?lang=es")
    assert tab.evaluate("document.documentElement.lang") == "es"
    play(tab)
    assert all(u["lang"].startswith("es") for u in spoken(tab))


def test_listen_buttons_are_reachable_by_tab_and_big_enough(tab: Page) -> None:
    open_app(tab, "/learn")
    tab.locator(f"{MAIN} h1").first.click()       # start the walk from the page, like a reader would
    for _ in range(60):
        tab.keyboard.press("Shift+Tab")
        if tab.evaluate("document.activeElement.getAttribute('data-listen')") == "slow":
            break
    else:
        pytest.fail("Slower never got the keyboard focus")
    for b in tab.locator(f"{MAIN} .listen button").all():
        box = b.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, box


@pytest.mark.parametrize("path", ["/learn", "/situation", "/exam?mode=clinic"])
def test_axe_with_the_controls(tab: Page, path: str) -> None:
    open_app(tab, path)
    play(tab)   # speaking state too (labels and pressed state change)
    spoken(tab)
    violations = run_axe(tab, AXE_TAGS)
    assert violations == [], format_violations(violations)


# --------------------------------------------------------------------------- every page, both languages
# (issue 14 section 2: "Browser tests with a stubbed speechSynthesis check what is spoken and in which
# language, for each page in both languages")

ES = load_content("es")
# A figure as the grid prints it ("23/1,000", "2–4", "5%", "≥") left unspoken. Dates and DOIs in the
# sources ("12/7/2016", "10.1002/14651858") are not figures and are read as they are.
FIGURE_SYMBOLS = re.compile(r"(?<![\d.,/])\d+\s*/\s*(10|100|1[,.]?000)(?![\d/])|\d\s*[\u2013\u2014]\s*\d|\d\s*%"
                            r"|[\u2264\u2265\u2248]")


def read_every_control(page: Page) -> list[dict]:
    """Press every Listen control of the page in turn (each to its end); everything spoken."""
    controls = page.locator(f"{MAIN} .listen [data-listen='play']")
    # the page-top element (step line and the page's Listen) is an HTML element with scripts, which
    # the browser may draw a moment after the title: wait for it rather than count too early
    expect(controls.first).to_be_attached()
    expect(controls.last).to_be_attached()
    n = controls.count()
    assert n >= 1
    for k in range(n):
        before = page.evaluate("window.__tts.log.length")
        controls.nth(k).scroll_into_view_if_needed()
        controls.nth(k).click()
        spoken(page, before + 1)
        page.evaluate("window.__tts.finish()")
    return page.evaluate("window.__tts.log")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(HOME_PAGES) + ["exam"])
def test_every_control_of_every_page_in_both_languages(tab: Page, name: str, lang: str) -> None:
    c = ES if lang == "es" else C
    other = C if lang == "es" else ES
    path = "/exam?mode=clinic" if name == "exam" else _path(name)
    open_app(tab, f"{path}{'&' if '?' in path else '?'}lang={lang}")
    expect(tab.locator("html")).to_have_attribute("lang", lang)
    if name == "compare":   # a stacked grid (narrow main column) shows one row; the person opens the rest
        tab.evaluate("document.querySelectorAll('details.row-more').forEach(d => { d.open = true; })")
    log = read_every_control(tab)
    text = " ".join(u["text"] for u in log)
    assert " ".join(c.text(f"{name}_title").split()) in text                 # the page's own words
    assert all(u["lang"].startswith(f"{lang}-") for u in log), {u["lang"] for u in log}
    assert not FIGURE_SYMBOLS.search(text), FIGURE_SYMBOLS.search(text)      # figures as words
    assert not SYMBOLS.search(text)
    controls = {c.text(t) for t in ("ui_listen_play", "ui_listen_stop", "ui_listen_slower")}
    assert not any(u["text"] in controls for u in log)                        # the controls are not read
    assert other.text(f"{name}_title") not in text                            # nothing in the other language
    if name == "compare":   # the grid's figures, "N out of 100" in the page's words
        assert re.search(r"\d+ (out of|de cada) \d", text), re.findall(r".{30}\d+.{30}", text)[:15]
