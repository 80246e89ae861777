"""Honest review status (issue 11 section 7): until independent clinicians and patients have reviewed
the content, the app and the PDF say "prepared from sources checked on DATE; not yet reviewed by
independent clinicians or patients", never "reviewed". The wording follows from meta.yaml reviewers."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from decision_aid.answers import Saved
from decision_aid.content.loader import load_content
from decision_aid.content.models import Reviewer
from decision_aid.export import build_summary_pdf
from decision_aid.readability import patient_texts

C = load_content()
# "reviewed" as a claim: any use except the honest "not yet reviewed"
CLAIM = re.compile(r"(?<!not yet )\breviewed\b", re.I)


def _claims(text: str) -> list[str]:
    return [m.group(0) for m in CLAIM.finditer(" ".join(text.split()))]


def test_no_reviewers_are_recorded_so_the_status_says_not_yet_reviewed():
    assert C.meta.reviewers == ()
    status = C.review_status()
    assert status == (f"Prepared from sources checked on {C.meta.reviewed_on:%d %B %Y}. "
                      "Not yet reviewed by independent clinicians or patients.")


def test_no_patient_facing_text_claims_reviewed_while_no_one_has():
    # review_done is drawn only when meta.yaml lists reviewers (test below)
    claims = [(p.where, p.text) for p in patient_texts(C)
              if _claims(p.text) and p.where != "texts.yaml: review_done"]
    assert claims == []


def test_listed_reviewers_are_named_in_the_status():
    meta = C.meta.model_copy(update={"reviewers": (
        Reviewer(name="A. Clinician", kind="clinician", reviewed_on=date(2026, 12, 1)),
        Reviewer(name="B. Patient", kind="patient", reviewed_on=date(2026, 12, 2)))})
    status = dataclasses.replace(C, meta=meta).review_status()
    assert "Not yet reviewed" not in status
    assert "A. Clinician (clinician, 01 December 2026)" in status
    assert "B. Patient (patient, 02 December 2026)" in status


def test_the_pdf_says_not_yet_reviewed_on_every_page_and_claims_nothing_else():
    from io import BytesIO

    from pypdf import PdfReader

    pdf = build_summary_pdf(Saved(), content=C)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages]
    short = f"Prepared from sources checked on {C.meta.reviewed_on:%d %b %Y}. Not yet reviewed by independent"
    assert all(short in p for p in pages)  # the footer
    assert C.review_status() in " ".join(pages)  # the version lines
    assert [c for p in pages for c in _claims(p)] == []
