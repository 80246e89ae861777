"""The clinic's two downloads (issue 15 sections 1-2): "Print one page" and the FHIR record, in the
exam room and on Summary, with and without earlier answers."""

from __future__ import annotations

import pytest

from decision_aid import state
from decision_aid.content.loader import load_content

from .helpers import open_page

C = load_content()


def _download_labels(at) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


@pytest.mark.parametrize("page", ["exam", "summary"])
@pytest.mark.parametrize("answers", [{}, {"smoker": "no", "walking_leg_pain_eased_by_sitting": "yes"}],
                         ids=["no-answers", "answers"])
def test_print_one_page_and_fhir_buttons(page, answers):
    at = open_page(page, state={state.ANSWERS: dict(answers)} if answers else None)
    assert not at.exception
    labels = _download_labels(at)
    assert C.text("ui_handout_button") in labels
    assert C.text("ui_fhir_button") in labels
