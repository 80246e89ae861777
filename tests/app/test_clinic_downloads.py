"""The clinic's two downloads (issue 15 sections 1-2): "Print one page" and the FHIR record, in the
exam room and on Summary, with and without earlier answers."""

from __future__ import annotations

import pytest

from decision_aid import state
from decision_aid.content.loader import load_content

from .helpers import all_text, open_page

C = load_content()


def _download_labels(at) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


@pytest.mark.parametrize("page", ["exam", "summary"])
@pytest.mark.parametrize("answers", [{}, {"smoker": "no", "walking_leg_pain_eased_by_sitting": "yes"}],
                         ids=["no-answers", "answers"])
def test_print_one_page_and_fhir_buttons(page, answers):
    seed = {state.ANSWERS: dict(answers)} if answers else {}
    if page == "exam":   # the exam room's "Record and print" pop-up, opened
        seed[state.EXAM_RECORD_PANEL] = True
    at = open_page(page, state=seed)
    assert not at.exception
    labels = _download_labels(at)
    assert C.text("ui_handout_button") in labels
    assert C.text("ui_fhir_button") in labels


def test_exam_room_draws_its_folded_panels_only_while_open():
    """The record pop-up, the file pop-up and the warning signs: nothing inside is drawn (no element,
    no widget) until the clinician opens them; opened, they hold what they held before."""
    at = open_page("exam", query={"mode": "clinic"})
    assert not at.exception, at.exception
    keys = {w.key for kind in ("radio", "download_button", "file_uploader") for w in at.get(kind)}
    assert not keys & {"exam_handout", "exam_fhir", "support_exam_feel_pressure", "clinic_q_bladder_bowel_change"}
    assert "shared decision-making record" not in all_text(at)
    assert not at.get("file_uploader")
    for panel in (state.EXAM_RECORD_PANEL, state.EXAM_FILE_PANEL, state.EXAM_FLAGS_PANEL):
        at.session_state[panel] = True
    at.run()
    assert not at.exception, at.exception
    assert {e.proto.label for e in at.get("download_button")} == {C.text("ui_handout_button"), C.text("ui_fhir_button")}
    assert len(at.get("file_uploader")) == 1
    assert {"support_exam_feel_pressure", "clinic_q_bladder_bowel_change"} <= {r.key for r in at.radio}
    assert "For the clinician: shared decision-making record" in all_text(at)
