"""The one decision "is the option comparison hidden?" (contract section 5, issue 11 section 1):
hidden exactly under an emergency answer, until the answer changes or a clinician records
"examined: not an emergency" for those very warning signs."""

from __future__ import annotations

import pytest

from decision_aid import state
from decision_aid.assess import assess, comparison_hidden, emergency_questions, examination_holds
from decision_aid.content.loader import load_content

C = load_content()


@pytest.mark.parametrize("answers, level, hidden", [
    ({}, "none", False),
    ({"bladder_bowel_change": "yes"}, "emergency", True),
    ({"saddle_numbness": "yes"}, "emergency", True),
    ({"worsening_leg_weakness": "yes"}, "emergency", True),
    ({"bladder_bowel_change": "unsure"}, "same_day", False),
    ({"other_red_flags": "yes"}, "soon", False),
    ({"other_red_flags": "yes", "saddle_numbness": "unsure"}, "same_day", False),
    ({"other_red_flags": "yes", "worsening_leg_weakness": "yes"}, "emergency", True),
])
def test_comparison_hidden_exactly_under_an_emergency(answers, level, hidden):
    a = assess(answers, C)
    assert a.urgency == level
    assert comparison_hidden(a) is hidden
    assert comparison_hidden(a, examined=True) is False   # a clinician's record shows it again


def test_examination_covers_only_the_signs_examined():
    a = assess({"bladder_bowel_change": "yes", "other_red_flags": "yes"}, C)
    assert emergency_questions(a) == ("bladder_bowel_change",)
    record = {"questions": ["bladder_bowel_change"], "at": "10:00 on 1 December 2026"}
    assert examination_holds(a, record)
    assert not examination_holds(a, None)
    # a new yes after the examination was not examined
    later = assess({"bladder_bowel_change": "yes", "saddle_numbness": "yes"}, C)
    assert not examination_holds(later, record) and comparison_hidden(later, examination_holds(later, record))
    # no longer an emergency: nothing to hold
    assert not examination_holds(assess({"bladder_bowel_change": "unsure"}, C), record)


def test_record_is_session_only_and_dropped_by_another_file():
    from decision_aid.answers import Saved

    ss: dict = {}
    state.init_state(ss)
    state.record_examined(("bladder_bowel_change",), "10:00 on 1 December 2026", ss)
    assert state.examined_record(ss) == {"questions": ["bladder_bowel_change"], "at": "10:00 on 1 December 2026"}
    assert "examined" not in state.saved(ss).to_json()       # never in the file (or the link built from it)
    state.apply_saved(Saved(answers={"bladder_bowel_change": "yes"}), ss)
    assert state.examined_record(ss) is None
