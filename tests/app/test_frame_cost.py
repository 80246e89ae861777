"""The frame around every page after issue 12's page-load work: what it draws, in fewer elements, and
the two things that made it cheaper without changing what anyone sees (docs/performance.md)."""

from __future__ import annotations

from decision_aid import downloads, state
from decision_aid.answers import Saved, resume_url
from decision_aid.content.loader import load_content

from .helpers import open_page

C = load_content()


def _html(at) -> list[str]:
    return [str(e.proto.body) for e in at.get("html")]


def test_a_stored_answer_is_sent_again_after_a_run_that_was_cut_short() -> None:
    """The exam room -> home flake: a run gave the radio its stored answer, then stopped (a click
    arrived) before the radio reached the browser. The next run must send the answer again, or the
    browser draws the radio new with no answer checked."""
    q = C.questions[0]
    at = open_page("situation", state={state.MODE: "home"})
    key = state.question_widget(q.id)
    at.radio(key=key).set_value(q.choices[-1].value).run()
    at.switch_page("pages/compare.py").run()
    # what a cut-short run on Your situation leaves behind: the widget's value seeded, the run open
    at.session_state[key] = q.choices[-1].value
    at.session_state[state.RUN_OPEN] = True
    at.switch_page("pages/situation.py").run()
    radio = at.radio(key=key)
    assert radio.value == q.choices[-1].value
    assert radio.proto.set_value, "the stored answer was not sent to the browser"
    # an ordinary run after it sends nothing it need not
    at.run()
    assert at.session_state[state.RESEED] is False
    assert not at.radio(key=key).proto.set_value


def test_summary_keeps_only_the_empty_link_qr_code_for_the_process() -> None:
    """The QR code of the link with nothing entered is kept for every session (5 ms less per first
    Summary); a code of a link with answers never goes into that cache."""
    downloads._blank_qr_png.cache_clear()
    open_page("summary")
    assert downloads._blank_qr_png.cache_info().currsize == 1
    at = open_page("summary", state={state.ANSWERS: {"smoker": "yes"}})
    assert not at.exception
    cached = downloads._blank_qr_png.cache_parameters()  # (the cache holds links only as keys)
    assert cached["maxsize"] == 8
    assert downloads._blank_qr_png.cache_info().currsize == 1
    assert downloads._blank_qr_png.cache_info().hits == 0
    blank = resume_url(downloads.base_url(), Saved())
    assert downloads._blank_qr_png(blank)   # the one kept is the empty link's
    assert downloads._blank_qr_png.cache_info().hits == 1


def test_home_step_path_page_listen_and_scripts_are_one_element() -> None:
    at = open_page("compare", state={state.MODE: "home"})
    tops = [h for h in _html(at) if '<nav class="steps"' in h]
    assert len(tops) == 1
    top = tops[0]
    assert "Step 4 of 7: Compare the options" in top
    assert 'data-listen-scope="part"' in top and C.text("ui_listen_page") in top   # the page's Listen
    nav = top.split('<nav class="steps"', 1)[1].split("</nav>", 1)[0]
    assert "<a " not in nav and "<button" not in nav   # the path is words, not controls
    # the page's language and the read-aloud script ride in the same element
    assert top.startswith('<span class="page-scripts"') and "documentElement.lang='en'" in top and "__daListen" in top
    # the style sheet (with Larger text when on) is one element of its own, style only
    styles = [h for h in _html(at) if h.startswith("<style>")]
    assert len(styles) == 1 and ".steps" in styles[0]
    at.toggle(key=state.LARGE_TEXT_WIDGET).set_value(True).run()
    styles = [h for h in _html(at) if h.startswith("<style>")]
    assert len(styles) == 1 and "font-size: 24px" in styles[0]


def test_exam_room_has_the_scripts_but_no_step_path_or_page_listen_on_top() -> None:
    at = open_page("exam", state={state.MODE: "clinic"})
    tops = [h for h in _html(at) if h.startswith('<span class="page-scripts"')]
    assert len(tops) == 1 and "__daListen" in tops[0]
    assert tops[0].rsplit("</script>", 1)[1] == ""   # nothing after the scripts: app.css hides it


def test_the_style_sheet_sent_keeps_every_rule_of_app_css() -> None:
    """The page gets app.css without comments and indentation (8 KB less on every run); every rule
    and declaration is still there, in order."""
    import re

    from decision_aid import frame

    raw = (frame.ASSETS / "app.css").read_text(encoding="utf-8")
    sent = frame._css()
    assert sent.startswith("<style>") and sent.endswith("</style>") and "/*" not in sent
    assert len(sent) < 0.8 * len(raw)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert squash(sent[len("<style>"):-len("</style>")]) == squash(re.sub(r"/\*.*?\*/", "", raw, flags=re.S))
    assert sent.count("{") == sent.count("}") > 200
