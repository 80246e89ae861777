"""Session isolation: many sessions with different answers each see only their own.

20 AppTest sessions are opened through the real router, each from its own resume link, then run
again interleaved (so any answer kept in a module global, a cache or a shared default would leak
into the next session). Each must show its own fit line, statuses and answers.
"""

from __future__ import annotations

import itertools

from decision_aid import state
from decision_aid.answers import Saved, encode_link
from decision_aid.assess import assess
from decision_aid.content.loader import load_content
from tests.app.helpers import all_text, open_page

C = load_content()
N = 20


def _answer_sets() -> list[dict[str, str]]:
    """20 distinct answer sets with different fit counts (some MILD excluded, some not)."""
    base = {"walking_leg_pain_eased_by_sitting": "yes", "imaging_confirms_central_stenosis": "yes",
            "ligamentum_flavum_thickened": "yes"}
    variants = [
        {}, {"can_lie_face_down_1h": "no"}, {"smoker": "yes"}, {"blood_thinner": "cannot_pause"},
        {"injection_last_8_weeks": "yes"}, {"osteoporosis": "yes"}, {"tried_physical_therapy": "no"},
        {"high_anesthesia_risk": "yes"}, {"vascular_warning_signs": "yes"}, {"diabetes": "poorly_controlled"},
    ]
    out = []
    for v, extra in itertools.product(variants, ({}, {"worse_pain": "leg"})):
        out.append({**base, **v, **extra})
        if len(out) == N:
            break
    return out


def _expected(answers: dict[str, str]) -> tuple[int, dict[str, str]]:
    a = assess(answers, C)
    return len(a.fitting()), {o: a.status(o) for o in a.options}


def test_twenty_sessions_each_see_only_their_own_answers() -> None:
    sets = _answer_sets()
    assert len({tuple(sorted(s.items())) for s in sets}) == N
    fits = {_expected(s)[0] for s in sets}
    assert len(fits) >= 3, fits        # the sessions really differ in what they show

    sessions = []
    for answers in sets:
        code = encode_link(Saved(answers=answers, values={}, leaning=None, decision_role=None, sure={}))
        sessions.append(open_page("compare", query={"r": code}))
    # run them again, interleaved, and check each against its own answers
    for _round in range(2):
        for at, answers in zip(sessions, sets, strict=True):
            at.run()
            assert [e.value for e in at.exception] == []
            n, statuses = _expected(answers)
            assert at.session_state[state.ANSWERS] == answers
            body = all_text(at)
            assert f"{n} of 5 option" in body, (answers, n)
            for oid, status in statuses.items():
                assert f'data-option="{oid}"' in body
                assert f'class="opt col-{status}" data-option="{oid}"' in body, (answers, oid, status)


def test_a_session_that_starts_later_starts_empty() -> None:
    first = open_page("situation", state={state.ANSWERS: {"smoker": "yes"}, state.NOTES: "private note"})
    assert first.session_state[state.ANSWERS] == {"smoker": "yes"}
    later = open_page("summary")
    assert later.session_state[state.ANSWERS] == {}
    assert later.session_state[state.NOTES] == ""
    assert "private note" not in all_text(later)
