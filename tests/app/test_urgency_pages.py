"""Issue 11 section 1 in the app: an emergency answer hides the option comparison on every page
(until the answer changes, or a clinician in the exam room records "examined: not an emergency");
"same day" and "soon" keep it; the level shows under the question that raised it and next to each
part heading (where Back/Next put the focus)."""

from __future__ import annotations

import re

import pytest

from decision_aid import state
from decision_aid.content.loader import load_content
from decision_aid.views import STATUS_TEXT

from .helpers import PAGES, all_text, open_page, press_next

C = load_content()
PARTED = ("situation", "compare", "values", "check")
# every part of every step page at once (home mode), with something to compare on each part:
# ratings (fits per option), expectation guesses (figures per option) and a leaning
BASE = {
    state.ALL_PARTS: {p: True for p in PARTED},
    state.VALUES: {"lasting_relief": 4, "avoid_general_anesthesia": 3},
    state.EXPECTATIONS: {"improve": {"physical_therapy": 70, "open_surgery": 40}},
    state.LEANING: "open_surgery",
}
EMERGENCY = {"bladder_bowel_change": "yes", "smoker": "no"}
SAME_DAY = {"saddle_numbness": "unsure", "smoker": "no"}
SOON = {"other_red_flags": "yes", "smoker": "no"}
HIDDEN = 'data-hidden="comparison"'
HIDDEN_TITLE = C.text("urgent_hidden_title")
# the pages that compare options, and what of the comparison each one shows when it is not hidden
COMPARES = ("exam", "situation", "compare", "values", "check", "summary", "evidence")
STATUS_WORDS = [w for _sym, w in STATUS_TEXT.values()]


def html(at) -> str:
    return "\n".join(str(getattr(e.proto, "body", "")) for e in at.get("html")
                     if not str(getattr(e.proto, "body", "")).lstrip().startswith("<style>"))


def comparison_parts(at) -> list[str]:
    """What of the option comparison this run drew (empty: none of it)."""
    h, text = html(at), all_text(at)
    found = []
    if "data-option=" in h:
        found.append("option markup (grid, cards, exam cards, fits, expectations)")
    if any('<figure class="pic ' in str(e.proto.body) for e in at.get("html")):
        found.append("charts")
    found += [f"status word {w!r}" for w in STATUS_WORDS if w in text]
    if "check_leaning" in {r.key for r in at.radio}:
        found.append("leaning choice")
    if any(s.key and s.key.startswith("check_exp_") for s in at.number_input):
        found.append("expectation guesses")
    if C.text("heard_lead")[:40] in text:
        found.append("what you may have heard")
    if "fit what you told us so far" in text:
        found.append("fit line")
    return found


def open_with(page: str, answers: dict, **extra) -> object:
    mode = "clinic" if page == "exam" else "home"
    return open_page(page, state={**BASE, state.ANSWERS: dict(answers), state.MODE: mode, **extra})


@pytest.mark.parametrize("page", PAGES)
def test_emergency_hides_the_comparison_on_every_page(page: str) -> None:
    at = open_with(page, EMERGENCY)
    assert [e.value for e in at.exception] == []
    assert comparison_parts(at) == [], page
    assert 'data-urgency="emergency"' in html(at)            # the banner at the top
    if page in COMPARES:
        assert HIDDEN in html(at) and HIDDEN_TITLE in html(at)  # says why, where the comparison was
    if page in ("exam", "values", "summary"):   # (Compare keeps its glossary, which names the options)
        text = all_text(at)
        assert [o.name for o in C.options if o.name in text] == [], page


@pytest.mark.parametrize("page", ["compare", "values", "check", "summary", "evidence"])
def test_hidden_comparison_offers_to_change_the_answer(page: str) -> None:
    at = open_with(page, EMERGENCY)
    buttons = [b for b in at.button if b.key and b.key.startswith("hidden_change_")]
    assert buttons and all(b.label == C.text("urgent_change_home") for b in buttons)
    buttons[0].click().run()
    # Your situation, at the warning-sign questions, with the answer that raised the level
    assert at.session_state[state.PART]["situation"] == [g.id for g in C.groups].index("safety")
    assert "situation_q_bladder_bowel_change" in {r.key for r in at.radio}
    at.radio(key="situation_q_bladder_bowel_change").set_value("no").run()
    at.switch_page(f"pages/{page}.py").run()
    assert comparison_parts(at) != [] and HIDDEN not in html(at)   # changed: the comparison is back


@pytest.mark.parametrize("answers, level", [(SAME_DAY, "same_day"), (SOON, "soon")], ids=["same_day", "soon"])
@pytest.mark.parametrize("page", COMPARES)
def test_same_day_and_soon_keep_the_comparison(page: str, answers: dict, level: str) -> None:
    at = open_with(page, answers)
    assert f'data-urgency="{level}"' in html(at)
    assert HIDDEN not in html(at)
    assert comparison_parts(at) != [], page


def test_level_shows_under_the_question_that_raised_it() -> None:
    at = open_page("situation", state={state.ALL_PARTS: {"situation": True}})   # no part heading line
    h = html(at)
    assert "level-line" not in h and h.count('class="level-slot"') == 4   # one slot per warning-sign question
    at.radio(key="situation_q_bladder_bowel_change").set_value("yes").run()
    h = html(at)
    assert h.count("level-line") == 1 and 'class="level-line urgent-emergency"' in h
    assert C.rules.urgency["emergency"].title in h
    at.radio(key="situation_q_bladder_bowel_change").set_value("unsure").run()
    assert 'class="level-line urgent-same_day"' in html(at)


@pytest.mark.parametrize("page, presses", [("situation", 1), ("compare", 1), ("values", 1), ("check", 3)])
def test_level_line_sits_with_every_part_heading(page: str, presses: int) -> None:
    at = open_page(page, state={state.ANSWERS: dict(SOON)})
    for _ in range(presses + 1):
        heading = re.search(r'<h2 class="part-title">.*?</h2>(<p class="level-line[^"]*")?', html(at), re.S)
        assert heading and heading.group(1) == '<p class="level-line urgent-soon"', heading and heading.group(0)
        if _ < presses:
            press_next(at, page)


def test_exam_room_shows_the_warning_signs_and_records_the_examination() -> None:
    at = open_page(None, query={"mode": "clinic"}, state={state.ANSWERS: dict(EMERGENCY)})
    at.switch_page("pages/exam.py").run()
    assert comparison_parts(at) == [] and HIDDEN in html(at)
    assert "clinic_q_bladder_bowel_change" in {r.key for r in at.radio}   # the questions on the screen
    assert 'class="level-line urgent-emergency"' in html(at)
    at.checkbox(key=state.EXAMINED_WIDGET).check().run()
    record = at.session_state[state.EXAMINED]
    assert record["questions"] == ["bladder_bowel_change"] and re.match(r"\d\d:\d\d on \d", record["at"])
    h = html(at)
    assert 'class="xcards"' in h and HIDDEN not in h                       # the comparison is back
    assert 'data-urgency="emergency" data-examined="yes"' in h             # the message stays, reworded
    assert C.text("urgent_examined").format(at=record["at"]) in h
    # the record goes into the summary's clinician part
    at.switch_page("pages/summary.py").run()
    text = all_text(at)
    assert C.text("summary_clin_title") in text
    assert C.text("summary_clin_examined").format(at=record["at"]).strip() in text
    assert comparison_parts(at) != []
    # the answer changes to not an emergency: the record is dropped; a new yes hides it again
    at.switch_page("pages/exam.py").run()
    at.session_state[state.EXAM_FLAGS_PANEL] = True   # with no level, the questions fold: keep them open
    at.radio(key="clinic_q_bladder_bowel_change").set_value("no").run()
    assert at.session_state[state.EXAMINED] is None
    at.radio(key="clinic_q_bladder_bowel_change").set_value("yes").run()
    assert comparison_parts(at) == [] and HIDDEN in html(at)
    assert at.checkbox(key=state.EXAMINED_WIDGET).value is False


def test_no_examined_box_below_emergency_or_outside_it() -> None:
    at = open_page(None, query={"mode": "clinic"}, state={state.ANSWERS: dict(SAME_DAY)})
    at.switch_page("pages/exam.py").run()
    assert state.EXAMINED_WIDGET not in {c.key for c in at.checkbox}
    for page in ("situation", "compare", "summary"):
        at = open_with(page, EMERGENCY)
        assert state.EXAMINED_WIDGET not in {c.key for c in at.checkbox}
