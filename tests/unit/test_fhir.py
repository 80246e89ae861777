"""The FHIR R4 export (issue 15 section 2): the bundle parses back with fhir.resources (R4B), every
QuestionnaireResponse item matches the Questionnaire (linkId, answer type, allowed coding), the
summary PDF rides along, no identifiers of the patient and no notes; the command line."""

from __future__ import annotations

import base64
import dataclasses
import json
from io import BytesIO

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.documentreference import DocumentReference
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader

from decision_aid.answers import Saved
from decision_aid.content.loader import load_content
from decision_aid.contract import QUESTIONS, VALUE_IDS
from decision_aid.fhir import CODE_SYSTEM, QUESTIONNAIRE_URL, bundle_json

from .helpers import FULL, PARTIAL, one_error_line, run

C = load_content()
TYPE_OF_ANSWER = {"choice": "valueCoding", "integer": "valueInteger", "boolean": "valueBoolean"}


SUPPORTED = dataclasses.replace(
    FULL, support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True})


def parse(saved: Saved) -> tuple[dict, Questionnaire, QuestionnaireResponse, DocumentReference]:
    text = bundle_json(saved, content=C)
    bundle = Bundle.model_validate_json(text)  # the library's own validation, R4B
    assert bundle.type == "collection"
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds == ["Questionnaire", "QuestionnaireResponse", "DocumentReference"]
    q, qr, doc = (e.resource for e in bundle.entry)
    return json.loads(text), q, qr, doc


def _items(items, prefix=()):
    for it in items or ():
        yield it
        yield from _items(it.item)


def check_against(q: Questionnaire, qr: QuestionnaireResponse) -> int:
    """Every answered item exists in the Questionnaire, with the right answer type and an allowed
    option. Returns how many answers were checked."""
    defs = {it.linkId: it for it in _items(q.item)}
    checked = 0
    for it in _items(qr.item):
        assert it.linkId in defs, it.linkId
        d = defs[it.linkId]
        if d.type == "group":
            assert not it.answer
            continue
        for ans in it.answer:
            field = TYPE_OF_ANSWER[d.type]
            set_fields = [k for k in TYPE_OF_ANSWER.values() if getattr(ans, k) is not None]
            assert set_fields == [field], (it.linkId, set_fields)
            if d.answerOption:
                allowed = [o.valueCoding.code if field == "valueCoding" else o.valueInteger for o in d.answerOption]
                got = ans.valueCoding.code if field == "valueCoding" else ans.valueInteger
                assert got in allowed, (it.linkId, got, allowed)
                if field == "valueCoding":
                    assert ans.valueCoding.system == CODE_SYSTEM
            checked += 1
    return checked


@pytest.mark.parametrize("saved", [FULL, PARTIAL, Saved(), SUPPORTED], ids=["full", "partial", "empty", "support"])
def test_bundle_parses_and_every_answer_matches_the_questionnaire(saved):
    _, q, qr, doc = parse(saved)
    assert q.url == QUESTIONNAIRE_URL and q.version == C.meta.content_version
    assert qr.questionnaire == f"{QUESTIONNAIRE_URL}|{C.meta.content_version}"
    assert qr.status == ("completed" if len(saved.answers) == len(QUESTIONS) else "in-progress")
    n = check_against(q, qr)
    expected = (len(saved.answers) + len(saved.values) + bool(saved.leaning) + bool(saved.decision_role)
                + len(saved.sure) + len(getattr(saved, "support", {})))
    assert n == expected


def test_questionnaire_has_every_question_with_its_options():
    _, q, _, _ = parse(Saved())
    defs = {it.linkId: it for it in _items(q.item)}
    for qid, values in QUESTIONS.items():
        assert defs[qid].type == "choice"
        assert sorted(o.valueCoding.code for o in defs[qid].answerOption) == sorted(values)  # as the screen orders them
    for v in VALUE_IDS:
        assert defs[f"values.{v}"].type == "integer"
        assert [o.valueInteger for o in defs[f"values.{v}"].answerOption] == [0, 1, 2, 3, 4]
    for k in ("others_involved", "feel_pressure"):
        assert defs[f"deliberation.support.{k}"].type == "boolean"
    assert defs["deliberation.support.others_leaning"].type == "choice"


def test_answers_values_and_support_come_through():
    _, _, qr, _ = parse(SUPPORTED)
    got = {it.linkId: it.answer[0] for it in _items(qr.item) if it.answer}
    assert got["smoker"].valueCoding.code == FULL.answers["smoker"]
    assert got["values.avoid_general_anesthesia"].valueInteger == 4
    assert got["deliberation.leaning"].valueCoding.code == "physical_therapy"
    assert got["deliberation.decision_role"].valueCoding.code == "together"
    assert got["deliberation.sure.enough_support"].valueBoolean is False
    assert got["deliberation.support.feel_pressure"].valueBoolean is True
    assert got["deliberation.support.others_leaning"].valueCoding.code == "open_surgery"


def test_document_reference_carries_the_summary_pdf():
    raw, _, _, doc = parse(FULL)
    att = doc.content[0].attachment
    assert att.contentType == "application/pdf" and att.title and doc.date
    pdf = base64.b64decode(raw["entry"][2]["resource"]["content"][0]["attachment"]["data"], validate=True)
    assert att.data == pdf  # the library reads the same bytes back
    assert pdf.startswith(b"%PDF") and att.size == len(pdf)
    assert len(PdfReader(BytesIO(pdf)).pages) > 1


def test_no_identifiers_of_the_patient_and_no_notes():
    raw, _, qr, doc = parse(SUPPORTED)
    text = json.dumps(raw)
    for key in ('"subject"', '"patient"', '"birthDate"', '"name": {', '"identifier"', '"author"', '"encounter"'):
        assert key not in text, key
    assert qr.subject is None and doc.subject is None
    # no free text from the person: every answer is a coding, an integer or a boolean
    for it in _items(qr.item):
        for ans in it.answer or ():
            assert ans.valueString is None


# --- command line --------------------------------------------------------------------------------------


def test_cli_fhir_writes_a_valid_bundle(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(FULL.to_json(), encoding="utf-8")
    out = tmp_path / "bundle.json"
    proc = run("fhir", str(answers), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().strip() == str(out)
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    q, qr, _ = (e.resource for e in bundle.entry)
    assert check_against(q, qr) == len(FULL.answers) + len(FULL.values) + 2 + len(FULL.sure)


@pytest.mark.parametrize("args, says", [
    (["fhir", "-o", "{out}"], "answers"),
    (["fhir", "{missing}", "-o", "{out}"], "file not found"),
    (["fhir", "{bad}", "-o", "{out}"], "smoker"),
    (["fhir", "{good}", "-o", "{out}", "--lang", "fr"], "fr"),
    (["fhir", "{good}", "-o", "{nodir}"], "does not exist"),
])
def test_cli_fhir_bad_input_one_line_nothing_written(args, says, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "lss-decision-aid/answers", "version": 1, "answers": {"smoker": "maybe"}}))
    good = tmp_path / "good.json"
    good.write_text(PARTIAL.to_json())
    out = tmp_path / "bundle.json"
    fill = {"missing": str(tmp_path / "nope.json"), "bad": str(bad), "good": str(good), "out": str(out),
            "nodir": str(tmp_path / "no" / "bundle.json")}
    line = one_error_line(run(*[a.format(**fill) for a in args]))
    assert says in line
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))
