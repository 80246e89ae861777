"""Reading level of every patient-facing text (IPDAS QC21; risk communication rule 15).

``patient_texts(content)`` lists every string a patient reads, each with a stable address
(``options.yaml: mild.cells.anesthesia.text``) so a failing sentence is easy to find. Grades use
textstat 0.7.8 (pinned: later versions download data at run time and fail offline):

* Flesch-Kincaid grade per text (the per-text gate in the tests);
* SMOG per page, on the pooled prose of that page (SMOG needs about 30 sentences to mean anything).

Content only, never answers: results can be computed once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from .content.loader import Content

GRADE_LIMIT = 8.0
"""US school grade that no patient-facing text may exceed."""

_MD = re.compile(r"(\*\*|__|\*|`|#+\s)")
_PAREN_ABBR = re.compile(r"\(([A-Z]{2,}[a-z]?)\)")


@dataclass(frozen=True)
class PatientText:
    page: str
    """Where a patient reads it: start, learn, situation, compare, values, check, summary, evidence."""
    where: str
    """File and field, e.g. ``options.yaml: mild.cells.anesthesia.text``."""
    text: str


@dataclass(frozen=True)
class Grade:
    item: PatientText
    words: int
    fk: float


def clean(text: str) -> str:
    """Markdown marks out; spelled-out abbreviations in brackets dropped (they are names, not words)."""
    text = _MD.sub("", text)
    text = _PAREN_ABBR.sub("", text)
    return " ".join(text.split())


def patient_texts(c: Content) -> list[PatientText]:
    return list(_walk(c))


def _walk(c: Content) -> Iterator[PatientText]:
    def t(page: str, where: str, text: str | None) -> Iterator[PatientText]:
        if text and text.strip():
            yield PatientText(page, where, text.strip())

    for k, v in c.texts.texts.items():
        page = k.split("_", 1)[0]
        page = {"heard": "compare", "privacy": "start", "disclaimer": "start", "urgent": "start",
                "out": "start"}.get(page, page)
        yield from t(page, f"texts.yaml: {k}", v)
    yield from t("start", "meta.yaml: decision", c.meta.decision)
    yield from t("start", "meta.yaml: funding", c.meta.funding)
    yield from t("start", "meta.yaml: conflicts", c.meta.conflicts)
    yield from t("evidence", "meta.yaml: update_policy", c.meta.update_policy)
    for r in c.rows:
        yield from t("compare", f"options.yaml: rows.{r.id}.label", r.label)
        yield from t("compare", f"options.yaml: rows.{r.id}.help", r.help)
    for o in c.options:
        yield from t("learn", f"options.yaml: {o.id}.summary", o.summary)
        for rid, cell in o.cells.items():
            base = f"options.yaml: {o.id}.cells.{rid}"
            yield from t("compare", f"{base}.text", cell.text)
            yield from t("compare", f"{base}.short", cell.short)
            yield from t("compare", f"{base}.disagreement", cell.disagreement)
            yield from t("compare", f"{base}.awaiting", cell.awaiting)
            for f in cell.figures:
                yield from t("compare", f"{base}.figures.{f.id}.what", f.what)
                yield from t("compare", f"{base}.figures.{f.id}.population", f.population)
        for m in o.timeline:
            yield from t("compare", f"options.yaml: {o.id}.timeline.{m.kind}", m.text)
    for g in c.groups:
        yield from t("situation", f"questions.yaml: groups.{g.id}.intro", g.intro)
    for q in c.questions:
        yield from t("situation", f"questions.yaml: {q.id}.text", q.text)
        yield from t("situation", f"questions.yaml: {q.id}.why", q.why)
    yield from t("start", "rules.yaml: urgent_message", c.rules.urgent_message)
    for f in c.rules.red_flags:
        yield from t("start", f"rules.yaml: red_flags.{f.question}", f.message)
    for r in c.rules.rules:
        yield from t("compare", f"rules.yaml: {r.id}.reason", r.reason)
        yield from t("summary", f"rules.yaml: {r.id}.ask", r.ask)
    for g in c.glossary:
        yield from t("learn", f"glossary.yaml: {g.term}", g.plain)
    for cl in c.claims:
        yield from t("compare", f"claims.yaml: {cl.id}.heard", cl.heard)
        yield from t("compare", f"claims.yaml: {cl.id}.studies_show", cl.studies_show)
    for d in c.disagreements:
        yield from t("evidence", f"disagreements.yaml: {d.id}.what_it_means", d.what_it_means)
        for i, v in enumerate(d.views):
            yield from t("evidence", f"disagreements.yaml: {d.id}.views[{i}]", v.view)
    dl = c.deliberation
    for v in dl.values:
        yield from t("values", f"deliberation.yaml: values.{v.id}.help", v.help)
    for f in dl.fits:
        yield from t("values", f"deliberation.yaml: fits.{f.value}.{f.option}", f.text)
    for e in dl.expectations:
        yield from t("check", f"deliberation.yaml: expectations.{e.id}.question", e.question)
        for o, txt in e.no_figure.items():
            yield from t("check", f"deliberation.yaml: expectations.{e.id}.no_figure.{o}", txt)
    for k in dl.knowledge:
        yield from t("check", f"deliberation.yaml: knowledge.{k.id}.question", k.question)
        yield from t("check", f"deliberation.yaml: knowledge.{k.id}.explanation", k.explanation)
    for s in dl.sure:
        yield from t("check", f"deliberation.yaml: sure.{s.id}", s.text)
    for i, s in enumerate(dl.sure_next_steps):
        yield from t("check", f"deliberation.yaml: sure_next_steps[{i}]", s)
    for a in dl.ask:
        yield from t("summary", f"deliberation.yaml: ask.{a.id}", a.text)


def fk_grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(clean(text)))


def smog(text: str) -> float:
    import textstat

    return float(textstat.smog_index(clean(text)))


def grades(c: Content) -> list[Grade]:
    return [Grade(p, len(clean(p.text).split()), fk_grade(p.text)) for p in patient_texts(c)]


@dataclass(frozen=True)
class PageGrade:
    page: str
    texts: int
    words: int
    fk: float
    smog: float
    worst_fk: float


@functools.lru_cache(maxsize=4)
def page_report(c: Content) -> tuple[PageGrade, ...]:
    """Per page: pooled Flesch-Kincaid and SMOG of all its texts, and its worst single text."""
    by_page: dict[str, list[Grade]] = {}
    for g in grades(c):
        by_page.setdefault(g.item.page, []).append(g)
    out = []
    for page, gs in sorted(by_page.items()):
        pooled = " ".join(_sentence(g.item.text) for g in gs)
        out.append(PageGrade(page, len(gs), sum(g.words for g in gs), fk_grade(pooled), smog(pooled),
                             max(g.fk for g in gs)))
    return tuple(out)


def _sentence(text: str) -> str:
    """Short labels end without a full stop; give them one so pooling does not glue sentences."""
    text = text.strip()
    return text if text[-1:] in ".?!:" else text + "."
