"""FHIR R4 export for the medical record (contract section 8, issue 15 section 2).

One ``Bundle`` of type ``collection`` with three resources, each built and validated with the R4B
models of ``fhir.resources`` (pinned in requirements.txt), never hand-written dicts:

* ``Questionnaire``: the aid's questions (canonical ``QUESTIONNAIRE_URL``, version = content
  version), every answer option a ``valueCoding`` of the aid's own code system ``CODE_SYSTEM``
  (code = the contract's value id); plus the values (integer 0-4), leaning, decision role, the four
  SURE items and the Ottawa "people around you" items (support).
* ``QuestionnaireResponse``: what the person answered, linked to that Questionnaire
  (``url|version``). Status ``completed`` when every question has an answer, else ``in-progress``.
* ``DocumentReference``: the summary PDF (base64, ``application/pdf``), its date and a plain title.

No identifiers of the patient (no ``subject``, name, birth date or record number): the clinic's
system attaches the bundle to the right chart. Free-text notes are never included (as in the file
and the link). Nothing is fetched from anywhere: the canonical URL is a URN.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from .answers import Saved
from .content.loader import Content, load_content
from .contract import DECISION_ROLES, IMPORTANCE_MAX, IMPORTANCE_MIN, LEANINGS, QUESTIONS, SURE_ITEMS, VALUE_IDS
from .i18n import LANG_TAGS, current_lang

QUESTIONNAIRE_URL = "urn:lss-decision-aid:questionnaire"
CODE_SYSTEM = "urn:lss-decision-aid:codes"
SUPPORT_ITEMS = ("others_involved", "others_leaning", "feel_pressure")
"""Contract section 4, ``deliberation.support``: two booleans and a leaning (option id or not_sure)."""


def _coding(code: str, display: str) -> dict[str, str]:
    return {"system": CODE_SYSTEM, "code": code, "display": display}


def _leaning_display(c: Content, leaning: str) -> str:
    return c.text("ui_not_sure_yet") if leaning == "not_sure" else c.option(leaning).name


def _role_display(c: Content, role: str) -> str:
    return next((r.label for r in c.deliberation.roles if r.id == role), role)


def questionnaire(content: Content | None = None):
    """The aid's Questionnaire (R4B), the same for every person."""
    from fhir.resources.R4B.questionnaire import Questionnaire

    c = content or load_content(current_lang())
    groups = []
    for g in c.groups:
        items = [
            {
                "linkId": q.id,
                "text": q.text,
                "type": "choice",
                "answerOption": [{"valueCoding": _coding(ch.value, ch.label)} for ch in q.choices],
            }
            for q in c.questions if q.group == g.id
        ]
        if items:
            groups.append({"linkId": f"group.{g.id}", "text": g.title, "type": "group", "item": items})
    values = {v.id: v.label for v in c.deliberation.values}
    labels = c.deliberation.importance_labels
    scale = c.text("summary_fhir_scale").format(low=labels[IMPORTANCE_MIN].lower(), high=labels[IMPORTANCE_MAX].lower())
    groups.append({
        "linkId": "values", "text": c.text("summary_fhir_values"), "type": "group",
        "item": [{"linkId": f"values.{v}", "text": f"{values[v]} {scale}", "type": "integer",
                  "answerOption": [{"valueInteger": n} for n in range(IMPORTANCE_MIN, IMPORTANCE_MAX + 1)]}
                 for v in VALUE_IDS],
    })
    groups.append({
        "linkId": "deliberation", "text": c.text("summary_fhir_deliberation"), "type": "group",
        "item": [
            {"linkId": "deliberation.leaning", "text": c.text("summary_fhir_leaning"), "type": "choice",
             "answerOption": [{"valueCoding": _coding(x, _leaning_display(c, x))} for x in LEANINGS]},
            {"linkId": "deliberation.decision_role", "text": c.text("summary_fhir_role"), "type": "choice",
             "answerOption": [{"valueCoding": _coding(x, _role_display(c, x))} for x in DECISION_ROLES]},
            {"linkId": "deliberation.sure", "text": c.text("summary_fhir_sure"), "type": "group",
             "item": [{"linkId": f"deliberation.sure.{s.id}", "text": s.text, "type": "boolean"}
                      for s in c.deliberation.sure if s.id in SURE_ITEMS]},
            {"linkId": "deliberation.support", "text": c.text("summary_fhir_support"), "type": "group",
             "item": [
                 {"linkId": "deliberation.support.others_involved", "text": c.text("summary_fhir_others_involved"),
                  "type": "boolean"},
                 {"linkId": "deliberation.support.others_leaning", "text": c.text("summary_fhir_others_leaning"),
                  "type": "choice",
                  "answerOption": [{"valueCoding": _coding(x, _leaning_display(c, x))} for x in LEANINGS]},
                 {"linkId": "deliberation.support.feel_pressure", "text": c.text("summary_fhir_feel_pressure"),
                  "type": "boolean"},
             ]},
        ],
    })
    return Questionnaire.model_validate({
        "resourceType": "Questionnaire",
        "id": "lss-decision-aid",
        "url": QUESTIONNAIRE_URL,
        "version": c.meta.content_version,
        "name": "LssDecisionAid",
        "title": c.text("pdf_meta_title"),
        "status": "active",
        "date": c.meta.reviewed_on.isoformat(),
        "description": c.meta.decision,
        "item": groups,
    })


def _support(saved: Saved) -> dict[str, Any]:
    """``deliberation.support`` when this version of ``Saved`` carries it (contract section 4)."""
    support = getattr(saved, "support", None) or {}
    if not isinstance(support, dict):  # a small object with attributes
        support = {k: getattr(support, k, None) for k in SUPPORT_ITEMS}
    return {k: support.get(k) for k in SUPPORT_ITEMS if support.get(k) is not None}


def questionnaire_response(saved: Saved, content: Content | None = None, authored: datetime | None = None):
    """What the person answered (R4B), linked to :func:`questionnaire`. No identifiers, no notes."""
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    c = content or load_content(current_lang())
    label = {(q.id, ch.value): ch.label for q in c.questions for ch in q.choices}
    groups = []
    for g in c.groups:
        items = [{"linkId": q.id, "text": q.text,
                  "answer": [{"valueCoding": _coding(saved.answers[q.id], label[(q.id, saved.answers[q.id])])}]}
                 for q in c.questions if q.group == g.id and q.id in saved.answers]
        if items:
            groups.append({"linkId": f"group.{g.id}", "item": items})
    if saved.values:
        groups.append({"linkId": "values", "item": [
            {"linkId": f"values.{v}", "answer": [{"valueInteger": saved.values[v]}]}
            for v in VALUE_IDS if v in saved.values]})
    delib: list[dict[str, Any]] = []
    if saved.leaning:
        delib.append({"linkId": "deliberation.leaning",
                      "answer": [{"valueCoding": _coding(saved.leaning, _leaning_display(c, saved.leaning))}]})
    if saved.decision_role:
        delib.append({"linkId": "deliberation.decision_role",
                      "answer": [{"valueCoding": _coding(saved.decision_role, _role_display(c, saved.decision_role))}]})
    if saved.sure:
        delib.append({"linkId": "deliberation.sure", "item": [
            {"linkId": f"deliberation.sure.{k}", "answer": [{"valueBoolean": saved.sure[k]}]}
            for k in SURE_ITEMS if k in saved.sure]})
    support = _support(saved)
    if support:
        sub = []
        for k in SUPPORT_ITEMS:
            if k not in support:
                continue
            v = support[k]
            answer = ({"valueCoding": _coding(v, _leaning_display(c, v))} if k == "others_leaning"
                      else {"valueBoolean": bool(v)})
            sub.append({"linkId": f"deliberation.support.{k}", "answer": [answer]})
        delib.append({"linkId": "deliberation.support", "item": sub})
    if delib:
        groups.append({"linkId": "deliberation", "item": delib})
    complete = all(q in saved.answers for q in QUESTIONS)
    return QuestionnaireResponse.model_validate({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{c.meta.content_version}",
        "status": "completed" if complete else "in-progress",
        "authored": (authored or datetime.now(UTC)).isoformat(timespec="seconds"),
        "item": groups or None,
    })


def document_reference(pdf: bytes, content: Content | None = None, when: datetime | None = None):
    """The summary PDF as a DocumentReference (R4B): base64 data, date and a plain title."""
    from fhir.resources.R4B.documentreference import DocumentReference

    c = content or load_content(current_lang())
    when = when or datetime.now(UTC)
    return DocumentReference.model_validate({
        "resourceType": "DocumentReference",
        "status": "current",
        "date": when.isoformat(timespec="seconds"),
        "description": c.text("pdf_meta_title"),
        "content": [{"attachment": {
            "contentType": "application/pdf",
            "language": LANG_TAGS[c.lang],
            "data": base64.b64encode(pdf).decode("ascii"),
            "title": c.text("summary_fhir_pdf_title").format(date=c.fmt_date(when)),
            "creation": when.isoformat(timespec="seconds"),
            "size": len(pdf),
        }}],
    })


def build_bundle(saved: Saved, *, content: Content | None = None, pdf: bytes | None = None,
                 base_url: str | None = None, when: datetime | None = None):
    """The Bundle (R4B, type ``collection``). ``pdf``: the summary PDF (built here when not given)."""
    from fhir.resources.R4B.bundle import Bundle

    c = content or load_content(current_lang())
    when = when or datetime.now(UTC)
    if pdf is None:
        from .export import DEFAULT_BASE_URL, build_summary_pdf

        pdf = build_summary_pdf(saved, content=c, base_url=base_url or DEFAULT_BASE_URL, today=when.date())
    resources = [questionnaire(c), questionnaire_response(saved, c, when), document_reference(pdf, c, when)]
    return Bundle.model_validate({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": when.isoformat(timespec="seconds"),
        "entry": [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": r.model_dump(mode="json", exclude_none=True)}
                  for r in resources],
    })


def bundle_json(saved: Saved, **kwargs: Any) -> str:
    """The Bundle as JSON text (what the download button and the command line write)."""
    bundle = build_bundle(saved, **kwargs)
    return json.dumps(json.loads(bundle.model_dump_json(exclude_none=True)), indent=2, ensure_ascii=False) + "\n"
