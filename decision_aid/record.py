"""The decision record: every answer the patient gave, grouped as asked, and the clinician's part of
the summary (a template for a shared decision-making note). Pure: no Streamlit, no PDF.

Both the Summary page / exam room (``views.answers_html``, ``views.clinician_record_html``) and the
summary PDF (``export._answers_part``, ``export._clinician_part``) draw what these functions return,
so the screen and the paper say the same thing.

The clinician part covers the five elements of a shared decision-making note as listed in
Washington's informed-consent law (RCW 7.70.060; design/decision-aid-standards.md section 6), and
says plainly that it is a template for the clinician's own note, not legal advice, and that this aid
is not certified by Washington State.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .answers import Saved
from .assess import Assessment
from .content.loader import Content
from .contract import DISPLAY_ORDER, RED_FLAG_QUESTIONS
from .deliberation import important_values, knowledge_score, sure_score
from .words import STATUS_SHORT, leaning_text

# --- every answer, grouped as asked ----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerLine:
    question: str
    """The question id (contract section 4)."""
    text: str
    """The question as the patient read it."""
    answer: str
    """The chosen answer's label, or "Not answered"."""
    answered: bool
    short: str = ""
    """A few words naming the question (questions.yaml ``short``), for short lists."""


@dataclass(frozen=True)
class AnswerGroup:
    id: str
    """questions.yaml group id: safety, symptoms, tried, health, scans, pain."""
    title: str
    lines: tuple[AnswerLine, ...]


def answer_groups(c: Content, answers: Mapping[str, str]) -> list[AnswerGroup]:
    """Every question in the order asked, in its group, with the patient's answer or "Not answered".
    Nothing is left out: a warning sign answered "No" is shown as plainly as one answered "Yes"."""
    not_answered = c.text("pdf_not_answered")
    out = []
    for g in c.groups:
        lines = []
        for q in c.questions:
            if q.group != g.id:
                continue
            chosen = answers.get(q.id)
            label = next((ch.label for ch in q.choices if ch.value == chosen), None)
            lines.append(AnswerLine(q.id, " ".join(q.text.split()), label or not_answered, label is not None,
                                    q.short))
        if lines:
            out.append(AnswerGroup(g.id, g.title, tuple(lines)))
    return out


# --- the clinician part ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordInput:
    """Everything the clinician part is built from (one object, so PDF and screen cannot differ)."""

    content: Content
    saved: Saved
    assessment: Assessment
    today: date
    app_version: str
    examined_not_emergency: str | None = None
    """The exam room's "examined: not an emergency" record (who, when), shown when given."""
    hidden: bool = False
    """The option comparison is hidden (assess.comparison_hidden): no option names, statuses or
    leaning in the record either, as on screen."""


@dataclass(frozen=True)
class RecordElement:
    id: str
    """One of ELEMENTS."""
    title: str
    """Numbered as in the law: "1. Shared decision making"."""
    lines: tuple[str, ...]
    """Statements, each already in words. A line starting with "☐ " is a box the clinician ticks."""


@dataclass(frozen=True)
class ClinicianRecord:
    title: str
    template_note: str
    """"A template for your own note, not legal advice" (and: this aid is not certified)."""
    examined: str | None
    alerts: tuple[str, ...]
    """Lines the clinician must not miss (urgent level, pressure from others)."""
    elements: tuple[RecordElement, ...]
    sign: tuple[str, ...] = field(default=())


ELEMENTS: tuple[str, ...] = ("sdm", "options", "aid", "values", "questions_choice")
"""The five elements of a shared decision-making note (RCW 7.70.060), in order."""

BOX = "☐ "
LAW = "RCW 7.70.060"
"""Washington's informed-consent law whose shared decision-making note the clinician part follows."""


def examined_line(c: Content, record: Mapping[str, object] | None) -> str | None:
    """The exam room's "examined: not an emergency" record (state.examined_record) as one line for the
    clinician part: when, and for which warning-sign answers. None when there is no record."""
    if not record:
        return None
    questions = record.get("questions")
    return (c.text("pdf_clin_examined").format(at=record["at"]) + " "
            + "; ".join(c.question(str(q)).text for q in (questions if isinstance(questions, (list, tuple)) else ())))


def support_lines(c: Content, support: Mapping[str, object], with_leaning: bool = True) -> list[str]:
    """The people around the patient, in plain statements (empty when nothing was answered).
    ``with_leaning=False`` leaves out which option others lean to (the comparison is hidden)."""
    out = []
    involved = support.get("others_involved")
    if involved is not None:
        out.append(c.text("pdf_rec_others_yes" if involved else "pdf_rec_others_no"))
    lean = support.get("others_leaning")
    if involved and lean and with_leaning:
        out.append(c.text("pdf_rec_others_lean").format(option=leaning_text(c, str(lean))))
    pressure = support.get("feel_pressure")
    if pressure is not None:
        out.append(c.text("pdf_rec_pressure_yes" if pressure else "pdf_rec_pressure_no"))
    return out


def clinician_record(inp: RecordInput) -> ClinicianRecord:
    """The clinician's part of the summary: the five elements, each with what the aid knows filled
    in and boxes for what only the visit can record."""
    c, saved, a = inp.content, inp.saved, inp.assessment
    labels = c.deliberation.importance_labels
    value_label = {v.id: v.label for v in c.deliberation.values}
    s = sure_score(saved.sure)
    n_sure = len(c.deliberation.sure)
    wants = c.text(f"pdf_role_{saved.decision_role}") if saved.decision_role else c.text("ui_not_said_yet")

    alerts = []
    if a.urgency != "none":
        alerts.append(c.text("pdf_rec_urgent").format(status=c.rules.urgency[a.urgency].title))
    if saved.support.get("feel_pressure") is True:
        alerts.append(c.text("pdf_rec_pressure_alert"))

    sdm = RecordElement("sdm", f"1. {c.text('pdf_rec_sdm_title')}", (
        BOX + c.text("pdf_rec_sdm"),
        c.text("pdf_rec_wants").format(wants=wants),
    ))

    red_flags = [q for q in RED_FLAG_QUESTIONS if q in saved.answers]
    flags_line = c.text("pdf_rec_flags").format(answered=len(red_flags), total=len(RED_FLAG_QUESTIONS))
    status_line = "; ".join(f"{c.option(o).short_name}: {STATUS_SHORT[a.options[o].status].lower()}"
                            for o in DISPLAY_ORDER)
    options = RecordElement("options", f"2. {c.text('pdf_rec_options_title')}", (
        "   ".join(BOX + c.option(o).short_name for o in DISPLAY_ORDER),
        BOX + c.text("pdf_clin_risks"),
        c.text("pdf_rec_status") + " " + status_line + ".",
        flags_line,
    ) if not inp.hidden else (c.text("pdf_hidden_note"), flags_line))

    aid = RecordElement("aid", f"3. {c.text('pdf_rec_aid_title')}", (
        c.text("pdf_clin_aid").format(app=inp.app_version, version=c.meta.content_version,
                                      review=c.review_status()),
        c.text("pdf_rec_aid_date").format(date=c.fmt_date(inp.today)),
    ))

    top = important_values(saved.values)
    rated = "; ".join(f"{value_label[v]} ({labels[saved.values[v]].lower()})" for v in top)
    right, answered = knowledge_score(c, saved.knowledge)
    know = (c.text("pdf_rec_quiz").format(right=right, answered=answered) if answered
            else c.text("pdf_rec_quiz_none"))
    sure_line = (c.text("pdf_clin_sure_none") if not s.answered else
                 c.text("pdf_clin_sure").format(yes=s.yes, total=n_sure) if s.complete else
                 c.text("pdf_clin_sure_partial").format(yes=s.yes, total=n_sure, answered=s.answered))
    values = RecordElement("values", f"4. {c.text('pdf_rec_values_title')}", (
        f"{c.text('pdf_clin_values_rated')} {rated or c.text('pdf_clin_none_rated')}.",
        *(() if inp.hidden else (c.text("pdf_rec_lean").format(option=leaning_text(c, saved.leaning)),)),
        sure_line + " " + know,
        *support_lines(c, saved.support, with_leaning=not inp.hidden),
        BOX + c.text("pdf_clin_values"),
    ))

    choice = RecordElement("questions_choice", f"5. {c.text('pdf_rec_choice_title')}", (
        BOX + c.text("pdf_rec_questions"),
        f"{BOX}{c.text('pdf_rec_chose')} {'_' * 40}",
        f"{BOX}{c.text('pdf_rec_deciding')}   {c.text('pdf_clin_follow_up')} {'_' * 20}",
    ))
    sign = (f"{c.text('pdf_clin_sign_clinician')} {'_' * 20}   {c.text('pdf_clin_sign_date')} {'_' * 12}   "
            f"{c.text('pdf_clin_sign_patient')} {'_' * 20}",)
    return ClinicianRecord(
        title=c.text("pdf_clin_title"),
        template_note=f"{c.text('pdf_rec_law')} ({LAW}). {c.text('pdf_rec_template')}",
        examined=inp.examined_not_emergency,
        alerts=tuple(alerts),
        elements=(sdm, options, aid, values, choice),
        sign=sign,
    )
