"""The part logic of home mode (decision_aid/parts.py): which part is shown, and where Back and
Next go, without Streamlit."""

from __future__ import annotations

import pytest

from decision_aid import state
from decision_aid.parts import LAST, Move, back_move, clamp, make_pager, next_move

STEPS = ("pages/start.py", "pages/learn.py", "pages/situation.py", "pages/compare.py", "pages/values.py",
         "pages/check.py", "pages/summary.py")


@pytest.mark.parametrize(("index", "n", "want"), [
    (None, 4, 0), (0, 4, 0), (3, 4, 3), (4, 4, 3), (99, 4, 3),   # past the end: the last part
    (LAST, 4, 3), (-2, 4, 2), (-9, 4, 0),                          # from the end
    (0, 1, 0), (LAST, 1, 0), (5, 1, 0),
])
def test_clamp_keeps_the_part_inside_the_page(index, n, want):
    assert clamp(index, n) == want


def test_clamp_refuses_a_page_without_parts():
    with pytest.raises(ValueError):
        clamp(0, 0)


def test_next_walks_the_parts_then_the_next_step():
    assert next_move(STEPS, "pages/check.py", 0, 4) == Move("pages/check.py", 1, True)
    assert next_move(STEPS, "pages/check.py", 2, 4) == Move("pages/check.py", 3, True)
    assert next_move(STEPS, "pages/check.py", 3, 4) == Move("pages/summary.py", 0, False)
    # a page shown all at once (one part) goes straight on
    assert next_move(STEPS, "pages/compare.py", 0, 1) == Move("pages/values.py", 0, False)
    # a stored index past the end counts as the last part
    assert next_move(STEPS, "pages/values.py", 7, 2) == Move("pages/check.py", 0, False)
    assert next_move(STEPS, "pages/summary.py", 0, 1) is None


def test_back_walks_the_parts_then_the_last_part_of_the_previous_step():
    assert back_move(STEPS, "pages/check.py", 3, 4) == Move("pages/check.py", 2, True)
    assert back_move(STEPS, "pages/check.py", 1, 4) == Move("pages/check.py", 0, True)
    assert back_move(STEPS, "pages/check.py", 0, 4) == Move("pages/values.py", LAST, False)
    assert back_move(STEPS, "pages/check.py", LAST, 4) == Move("pages/check.py", 2, True)
    assert back_move(STEPS, "pages/learn.py", 0, 1) == Move("pages/start.py", LAST, False)
    assert back_move(STEPS, "pages/start.py", 0, 1) is None


def test_every_part_is_reached_once_going_forward_and_back():
    parts = {"pages/situation.py": 6, "pages/compare.py": 2, "pages/values.py": 2, "pages/check.py": 4}

    def walk(start: tuple[str, int], move) -> list[tuple[str, int]]:
        out, where = [], start
        while where is not None:
            page, part = where
            n = parts.get(page, 1)
            out.append((page, clamp(part, n)))
            m = move(STEPS, page, part, n)
            where = None if m is None else (m.page, m.part)
        return out

    seen = walk(("pages/start.py", 0), next_move)
    assert len(seen) == 3 + 6 + 2 + 2 + 4 and len(set(seen)) == len(seen)
    back = walk(("pages/summary.py", 0), back_move)
    assert back == seen[::-1]


def test_pager_shows_one_part_or_all():
    titles = ("The options side by side", "The numbers as pictures")
    one = make_pager("compare", titles, 1, one_at_a_time=True)
    assert one.paged and one.shown == 1 and one.visible() == [1]
    assert one.label(1) == "Part 2 of 2: The numbers as pictures"
    every = make_pager("compare", titles, 1, one_at_a_time=False)
    assert not every.paged and every.visible() == [0, 1] and every.label(1) == "The numbers as pictures"
    assert make_pager("compare", titles, LAST, one_at_a_time=True).shown == 1
    assert make_pager("compare", titles, 9, one_at_a_time=True).label(1).startswith("Part 2 of 2")
    # a page with one part is never "paged"
    assert make_pager("x", ("Only",), 0, one_at_a_time=True).visible() == [0]
    assert not make_pager("x", ("Only",), 0, one_at_a_time=True).paged


def test_focus_request_is_used_once_and_parts_are_stored_per_page():

    ss: dict = {}
    state.init_state(ss)
    assert state.take_focus(ss) is None
    state.ask_focus("part", ss)
    assert state.take_focus(ss) == {"to": "part", "n": 1}
    assert state.take_focus(ss) is None          # a later rerun (an answer) moves nothing
    state.ask_focus("title", ss)
    assert state.take_focus(ss) == {"to": "title", "n": 2}   # a new count: a new script
    state.set_part("check", 3, ss)
    state.set_part("compare", LAST, ss)
    assert state.part("check", ss) == 3 and state.part("compare", ss) == LAST and state.part("values", ss) == 0
    assert state.all_parts_widget("situation") == "situation_all"
    with pytest.raises(AssertionError):
        state.all_parts_widget("summary")


def test_situation_parts_put_every_group_for_the_clinician_in_one_last_part() -> None:
    from decision_aid.parts import QuestionPart, situation_parts

    groups = [("safety", "Safety", False), ("symptoms", "Symptoms", False), ("scans", "Scans", True),
              ("pain", "Pain", True)]
    assert situation_parts(groups, "For your clinician") == (
        QuestionPart("Safety", ("safety",)), QuestionPart("Symptoms", ("symptoms",)),
        QuestionPart("For your clinician", ("scans", "pain"), True))
    assert situation_parts(groups[:2], "For your clinician")[-1].title == "Symptoms"   # none: no such part


def test_the_content_asks_eight_questions_before_the_part_for_the_clinician() -> None:
    """Issue 13 section 1 (README "The shortest path at home"): the warning signs (counted as one
    screen of yes/no items) and at most 7 more questions come before the skippable part."""
    from decision_aid.content.loader import load_content
    from decision_aid.contract import IMAGING_QUESTIONS, RED_FLAG_QUESTIONS

    c = load_content()
    own = [q.id for q in c.questions if not next(g for g in c.groups if g.id == q.group).for_clinician]
    assert own[:len(RED_FLAG_QUESTIONS)] == list(RED_FLAG_QUESTIONS)
    assert 1 + len(own) - len(RED_FLAG_QUESTIONS) == 8
    assert not set(own) & set(IMAGING_QUESTIONS)   # scan-report questions are all for the clinician


def test_a_run_after_one_cut_short_reseeds_and_the_fragment_reruns_after_it_do_not():
    """begin_run / end_run: after a full run cut short, the next full run draws every input with its
    stored value (RESEED); once that run ends, fragment reruns (which run no begin_run, e.g. every
    scan answer on the exam-room screen) must not send every stored value again."""

    ss: dict = {}
    state.init_state(ss)
    state.begin_run(ss)               # a run that is cut short: end_run never comes
    state.begin_run(ss)               # the next full run
    assert ss[state.RESEED] is True
    state.end_run(ss)
    assert ss[state.RESEED] is False  # what a fragment rerun sees from now on
    state.begin_run(ss)
    assert ss[state.RESEED] is False  # an ordinary run after a finished one


def test_init_state_gives_each_session_its_own_mutable_defaults_and_keeps_set_keys() -> None:
    """init_state copies only the dict defaults (the others are immutable, shared safely) and never
    overwrites a key already set (a link or the query string may have set it first)."""
    assert all(isinstance(v, dict) or v is None or isinstance(v, str | bool) for v in state._DEFAULTS.values())
    one: dict = {state.MODE: "clinic"}
    two: dict = {}
    state.init_state(one)
    state.init_state(two)
    assert one[state.MODE] == "clinic" and two[state.MODE] == "home"
    assert set(one) == set(two) == set(state._DEFAULTS) | {state.READY}
    one[state.ANSWERS]["smoker"] = "yes"
    assert two[state.ANSWERS] == {} and state._DEFAULTS[state.ANSWERS] == {}
