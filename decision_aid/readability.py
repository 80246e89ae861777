"""Reading level of every patient-facing text (IPDAS QC21; risk communication rule 15).

``patient_texts(content)`` lists every string a patient reads in the content files, each with a
stable address (``options.yaml: mild.cells.anesthesia.text``) and the page it appears on, so a
failing sentence is easy to find. Grades use textstat 0.7.8 (pinned: later versions download data
at run time and fail offline). Markdown marks and spelled-out abbreviations in brackets ("(MRI)")
are removed first (:func:`clean`).

Policy (gated by tests/unit/test_readability.py; limit GRADE_LIMIT = US grade 8):

1. **Long texts, one by one.** Every text of at least MIN_WORDS = 12 words must have a
   Flesch-Kincaid grade <= 8 on its own. Why 12: FK = 0.39 x words/sentence + 11.8 x
   syllables/word - 15.59, so in a text of n words one extra syllable moves the grade by 11.8/n.
   At n >= 12 a single syllable moves it by at most about one grade; below that the score is noise
   ("Your situation" scores 14.7, "Yes" scores -3.4). Twelve words is also about one full
   plain-language sentence (plain-language guides aim at 15 to 20 words a sentence at most).
2. **Short texts, pooled.** Texts under 12 words (titles, row labels, answer choices, figure
   "what" phrases, holders of views...) are pooled per page and graded together: pooled FK <= 8.
   The pool counts each text as at least one sentence (:func:`pooled_fk`): textstat's own sentence
   count drops sentences of two words or fewer, which would glue a list of labels into one giant
   sentence.
3. **Page prose, SMOG.** SMOG needs about 30 sentences of real prose, so it is computed per page on
   the pooled long texts (:func:`prose_pool`) and must be <= 8. Pooled FK of the same prose is
   reported too.
4. **Figures** are graded as the sentence the grid prints (``views.figure_sentence``: "9 out of 100
   (operations) had ...; 91 did not (during surgery)."), with the population and the comparison as
   their own texts.
5. **Glossary headwords** (``glossary.yaml: X.term``) are listed but not graded: they are the hard
   words themselves, kept so that they can be explained; their plain meanings are graded.

ALLOWANCE. A few words cannot be replaced by a plainer one without changing what the patient
must recognise and say to a clinician: the words of three or more syllables in the five option
names (surgery, physical, therapy, injection, epidural, decompression, laminectomy, minimally,
invasive) and three glossary words with no plain synonym that a clinician also uses (anesthesia,
stenosis, ligament; ALLOWED_GLOSSARY_WORDS). Each has a glossary entry that the aid links to
(:mod:`decision_aid.glossary`), and after the first use it is a known word, which is what a
syllable count stands in for. When grading, each such word (and its plural) is counted as a
two-syllable word (a stand-in, so word and sentence counts are unchanged). Nothing else gets an
allowance: common long words ("operation", "medicine", "procedure") were rewritten where it
mattered. Every grade is also computed without the allowance (``Grade.fk_raw``,
``PageGrade.smog_raw``, ``PageGrade.fk_raw``) and published on the Standards page, so the effect
is visible (about one SMOG grade on the Compare page).

texts.yaml holds every patient-facing word of pages/*.py, app.py (page names, tab title) and
the drawing modules (frame.py, navigation.py, widgets.py...), views.py, deliberation.py,
charts.py (chart_*: legend, axis, table headers, alt text), export.py (pdf_*: the summary PDF,
graded with Summary) and answers.py (file_*, link_*: why a file or link could not be opened)
(tests/unit/test_no_hardcoded_text.py fails on a new hard-coded sentence or label). Its ids
start with the page they are graded with (PAGE_OF_PREFIX); texts drawn on every page or on several
(sidebar, step path, status words, source chips, grid labels, feedback sentences) form the pool
"shared". Texts with ``{field}`` placeholders are graded with the fields filled with realistic
values (SAMPLE_FIELDS), so a placeholder neither hides words nor adds a hard one.

Not covered here: reference titles and source chips (names of papers and authors, not our words);
the Standards page (for reviewers); messages of Python's JSON reader quoted in a file error
("Expecting value").

Content only, never answers: results can be computed once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .content.loader import Content

GRADE_LIMIT = 8.0
"""US school grade that no patient-facing text may exceed."""

MIN_WORDS = 12

ALLOWED_GLOSSARY_WORDS: tuple[str, ...] = ("anesthesia", "stenosis", "ligament")
"""Medical words of three or more syllables with a glossary entry and no plain synonym a clinician
would also use; counted as two syllables (see ALLOWANCE)."""

_STAND_IN = "person"
"""A common two-syllable word (in the CMU dictionary) standing in for an allowed term when grading."""
"""Texts with at least this many words are graded one by one; shorter ones are pooled per page."""

_MD = re.compile(r"(\*\*|__|\*|`|#+\s)")
_PAREN_ABBR = re.compile(r"\(([A-Z]{2,}[a-z]?)\)")


@dataclass(frozen=True)
class PatientText:
    page: str
    """Where a patient reads it: start, learn, situation, compare, values, check, summary, evidence,
    exam, or shared (texts drawn on every page or on several pages)."""
    where: str
    """File and field, e.g. ``options.yaml: mild.cells.anesthesia.text``."""
    text: str
    graded: bool = True
    """False only for glossary headwords: the hard word itself, listed so that it is explained."""


@dataclass(frozen=True)
class Grade:
    item: PatientText
    words: int
    fk: float
    """Flesch-Kincaid grade with the allowance (the gated number)."""
    fk_raw: float
    """Flesch-Kincaid grade of the text exactly as written (reported)."""


def clean(text: str) -> str:
    """Markdown marks out; spelled-out abbreviations in brackets dropped (they are names, not words)."""
    text = _MD.sub("", text)
    text = _PAREN_ABBR.sub("", text)
    return " ".join(text.split())


def patient_texts(c: Content) -> list[PatientText]:
    return list(_walk(c))


def _item(page: str, where: str, text: str | None, graded: bool = True) -> Iterator[PatientText]:
    if text and text.strip():
        yield PatientText(page, where, text.strip(), graded)


def _walk(c: Content) -> Iterator[PatientText]:
    """Every patient-facing text, file by file, in a fixed order."""
    yield from _from_texts_and_meta(c)
    yield from _from_options(c)
    yield from _from_questions(c)
    yield from _from_rules(c)
    yield from _from_glossary(c)
    yield from _from_claims(c)
    yield from _from_disagreements(c)
    yield from _from_deliberation(c)
    yield from _from_standards(c)


def _from_texts_and_meta(c: Content) -> Iterator[PatientText]:
    # texts.yaml: the id prefix names the page (PAGE_OF_PREFIX); {fields} are filled (fill_fields).
    for k, v in c.texts.texts.items():
        yield from _item(text_page(k), f"texts.yaml: {k}", fill_fields(v) if c.lang == "en" else v)
    m = c.meta
    yield from _item("start", "meta.yaml: decision", m.decision)
    yield from _item("start", "meta.yaml: funding", m.funding)
    yield from _item("start", "meta.yaml: conflicts", m.conflicts)
    yield from _item("evidence", "meta.yaml: update_policy", m.update_policy)
    yield from _item("evidence", "meta.yaml: evidence_brief", m.evidence_brief)
    for i, p in enumerate(m.contributors):
        yield from _item("evidence", f"meta.yaml: contributors[{i}].role", p.role)
        yield from _item("evidence", f"meta.yaml: contributors[{i}].qualification", p.qualification)
        yield from _item("evidence", f"meta.yaml: contributors[{i}].conflicts", p.conflicts)


def _from_options(c: Content) -> Iterator[PatientText]:
    # options.yaml
    for r in c.rows:
        yield from _item("compare", f"options.yaml: rows.{r.id}.label", r.label)
        yield from _item("compare", f"options.yaml: rows.{r.id}.help", r.help)
    for o in c.options:
        yield from _item("compare", f"options.yaml: {o.id}.name", o.name)
        yield from _item("compare", f"options.yaml: {o.id}.short_name", o.short_name)
        yield from _item("learn", f"options.yaml: {o.id}.summary", o.summary)
        for rid, cell in o.cells.items():
            base = f"options.yaml: {o.id}.cells.{rid}"
            yield from _item("compare", f"{base}.text", cell.text)
            yield from _item("compare", f"{base}.short", cell.short)
            yield from _item("compare", f"{base}.disagreement_agree", cell.disagreement_agree)
            yield from _item("compare", f"{base}.disagreement", cell.disagreement)
            yield from _item("compare", f"{base}.awaiting", cell.awaiting)
            for f in cell.figures:
                # what + time_frame are read as one sentence: "12 out of 100 people had X; 88 did
                # not (within 5 years)." That sentence is graded (views.figure_sentence).
                yield from _item("compare", f"{base}.figures.{f.id}.sentence", _figure_sentence(f))
                yield from _item("compare", f"{base}.figures.{f.id}.population", f.population)
                yield from _item("compare", f"{base}.figures.{f.id}.comparison", f.comparison)
        for ms in o.timeline:
            yield from _item("compare", f"options.yaml: {o.id}.timeline.{ms.kind}", ms.text)


def _from_questions(c: Content) -> Iterator[PatientText]:
    # questions.yaml
    for g in c.groups:
        yield from _item("situation", f"questions.yaml: groups.{g.id}.title", g.title)
        yield from _item("situation", f"questions.yaml: groups.{g.id}.intro", g.intro)
    for q in c.questions:
        yield from _item("situation", f"questions.yaml: {q.id}.text", q.text)
        yield from _item("situation", f"questions.yaml: {q.id}.why", q.why)
        for ch in q.choices:
            yield from _item("situation", f"questions.yaml: {q.id}.choices.{ch.value}", ch.label)


def _from_rules(c: Content) -> Iterator[PatientText]:
    # rules.yaml
    for level, u in c.rules.urgency.items():
        yield from _item("start", f"rules.yaml: urgency.{level}.title", u.title, graded=False)
        yield from _item("start", f"rules.yaml: urgency.{level}.message", u.message)
    for f in c.rules.red_flags:
        yield from _item("start", f"rules.yaml: red_flags.{f.question}", f.message)
        if f.unsure_message:
            yield from _item("start", f"rules.yaml: red_flags.{f.question}.unsure", f.unsure_message)
    for r in c.rules.rules:
        yield from _item("compare", f"rules.yaml: {r.id}.reason", r.reason)
        yield from _item("summary", f"rules.yaml: {r.id}.ask", r.ask)


def _from_glossary(c: Content) -> Iterator[PatientText]:
    # glossary.yaml (the term is read as a heading, the meaning as prose)
    for g in c.glossary:
        yield from _item("learn", f"glossary.yaml: {g.term}.term", g.term, graded=False)
        yield from _item("learn", f"glossary.yaml: {g.term}.plain", g.plain)


def _from_claims(c: Content) -> Iterator[PatientText]:
    # claims.yaml
    for cl in c.claims:
        yield from _item("compare", f"claims.yaml: {cl.id}.heard", cl.heard)
        yield from _item("compare", f"claims.yaml: {cl.id}.studies_show", cl.studies_show)


def _from_disagreements(c: Content) -> Iterator[PatientText]:
    # disagreements.yaml
    for d in c.disagreements:
        yield from _item("evidence", f"disagreements.yaml: {d.id}.topic", d.topic)
        yield from _item("evidence", f"disagreements.yaml: {d.id}.agree", d.agree)
        yield from _item("evidence", f"disagreements.yaml: {d.id}.what_it_means", d.what_it_means)
        for i, v in enumerate(d.views):
            yield from _item("evidence", f"disagreements.yaml: {d.id}.views[{i}].holder", v.holder)
            yield from _item("evidence", f"disagreements.yaml: {d.id}.views[{i}]", v.view)


def _from_deliberation(c: Content) -> Iterator[PatientText]:
    # deliberation.yaml
    dl = c.deliberation
    for v in dl.values:
        yield from _item("values", f"deliberation.yaml: values.{v.id}.label", v.label)
        yield from _item("values", f"deliberation.yaml: values.{v.id}.help", v.help)
    for i, lab in enumerate(dl.importance_labels):
        yield from _item("values", f"deliberation.yaml: importance_labels[{i}]", lab)
    for f in dl.fits:
        yield from _item("values", f"deliberation.yaml: fits.{f.value}.{f.option}", f.text)
    for e in dl.expectations:
        yield from _item("check", f"deliberation.yaml: expectations.{e.id}.question", e.question)
        for o, txt in e.no_figure.items():
            yield from _item("check", f"deliberation.yaml: expectations.{e.id}.no_figure.{o}", txt)
    for k in dl.knowledge:
        yield from _item("check", f"deliberation.yaml: knowledge.{k.id}.question", k.question)
        for ch in k.choices:
            yield from _item("check", f"deliberation.yaml: knowledge.{k.id}.choices.{ch.value}", ch.label)
        yield from _item("check", f"deliberation.yaml: knowledge.{k.id}.explanation", k.explanation)
    for s in dl.sure:
        yield from _item("check", f"deliberation.yaml: sure.{s.id}", s.text)
    for i, step in enumerate(dl.sure_next_steps):
        yield from _item("check", f"deliberation.yaml: sure_next_steps[{i}]", step)
    for r in dl.roles:
        yield from _item("check", f"deliberation.yaml: roles.{r.id}", r.label)
    for a in dl.ask:
        yield from _item("summary", f"deliberation.yaml: ask.{a.id}", a.text)


def _from_standards(c: Content) -> Iterator[PatientText]:
    # standards.yaml: the Standards page is graded like every page (test node ids are not prose)
    for x in c.standards.criteria:
        yield from _item("standards", f"standards.yaml: {x.id}.criterion", x.criterion)
        yield from _item("standards", f"standards.yaml: {x.id}.feature", x.feature)
        yield from _item("standards", f"standards.yaml: {x.id}.note", x.note)


PAGE_OF_PREFIX: dict[str, str] = {
    # a page's own texts
    "start": "start", "learn": "learn", "situation": "situation", "compare": "compare",
    "values": "values", "check": "check", "summary": "summary", "evidence": "evidence", "exam": "exam",
    "standards": "standards",  # the Standards page (pages/standards.py), with standards.yaml
    "heard": "compare",  # "What you may have heard" (Compare, also Evidence)
    "ask": "summary",  # groups of questions to ask (Summary and the PDF)
    "pdf": "summary",  # the printable summary (decision_aid/export.py), offered on the Summary page
    # texts drawn on every page or on several: the pool "shared"
    "ui": "shared",  # sidebar, step path, save and resume panels, messages, fit line (the drawing modules)
    "review": "shared",  # review status (Content.review_status): sidebar, Summary, Evidence, the PDF
    "disclaimer": "shared", "privacy": "shared", "urgent": "shared", "out": "shared",  # frame
    "nav": "shared",  # page names in the navigation and the browser tab title (app.py)
    "status": "shared", "flag": "shared", "certainty": "shared", "kind": "shared", "funding": "shared",
    "fit": "shared", "ref": "shared", "fig": "shared", "cell": "shared", "reason": "shared",
    "grid": "shared", "claim": "shared", "disagree": "shared",  # views.py
    "chart": "shared",  # charts.py: Compare, the exam room and the PDF (titles, axis, legend, table, alt text)
    "expect": "shared", "sure": "shared",  # feedback sentences (deliberation.py): Check and Summary
    "file": "shared", "link": "shared",  # why a file or link could not be opened (answers.py): sidebar, any page
}
"""The first part of a texts.yaml id (before the first "_") names the page it is graded with. An id
with any other prefix is an error (tests/unit/test_readability.py), so no text escapes grading."""

SAMPLE_FIELDS: dict[str, str] = {
    # counts and numbers the code fills in
    "n": "3", "total": "5", "at": "14:05 on 4 December 2026", "answered": "4", "right": "3", "yes": "3",
    "missing": "1", "guess": "60", "rated": "2",
    # meta.yaml (content version and dates as the pages print them)
    "version": "2026.12.1", "published": "25 November 2026", "checked": "25 November 2026",
    "due": "24 November 2027",
    "review": "Prepared from sources checked on 25 November 2026. Not yet reviewed by independent "
              "clinicians or patients.",
    "who": "Jane Smith (patient, 1 December 2026)",
    # real content values (tests/unit/test_readability.py checks that each one occurs in the content)
    "step": "Your situation", "title": "Your symptoms", "option": "Physical therapy",
    "status": "Ask your clinician", "old": "Ask your clinician", "new": "Nothing against it in your answers so far",
    "changes": "MILD now \u201cAsk first\u201d", "comparison": "33 out of 100 who did home exercise alone",
    "population": "the same 86 people in Japan (Minetama)", "what": "still felt clearly better",
    "when": "after 1 year", "found": "36 out of 100 still felt clearly better, after 1 year",
    "value": "A short recovery",
    # an error message from decision_aid/answers.py
    "error": "The file is not valid JSON (it is nested too deeply).",
    # What matters to you: importance labels (lower case, as values.py fills them) and value names
    "important": "very important", "most": "most important",
    "names": "Relief that lasts a long time; A short recovery",
    # charts.py and the PDF (export.py)
    "chart": "How many people got better, out of 100", "start": "day 0", "end": "1 year", "amount": "5 out of 1,000",
    "problem": "counted per injection, not per person", "unit": "injections",
    "app": "0.1.0", "date": "25 November 2026", "questions": "23",
    "role": "I want to decide together with my clinician", "wants": "together with the clinician",
    "dots": "100",
    # the Standards page: counts of IPDAS rules by status, the grade limit
    "met": "25", "partly": "2", "not_met": "8", "tool": "IPDASi v4.0",
    # answers.py: a file or link that cannot be opened (keys and allowed values from the contract)
    "key": "smoker", "got": "\"maybe\"", "allowed": "yes, no", "schema": "lss-decision-aid/answers",
    "supported": "1", "low": "0", "high": "4", "size": "65,546", "limit": "64", "encoding": "UTF-8",
    "line": "1", "column": "2", "reason": "Expecting property name enclosed in double quotes",
    "why": "A check failed; maybe some characters were lost when copying it.",
}
"""Realistic values for the {fields} of texts.yaml, filled in before grading so that a placeholder
neither drops words nor adds a hard one (the code fills the same fields with content or numbers)."""

_FIELD = re.compile(r"\{(\w+)\}")


def fill_fields(text: str) -> str:
    """A texts.yaml text as a patient reads it: each {field} filled with its SAMPLE_FIELDS value."""
    return _FIELD.sub(lambda m: SAMPLE_FIELDS[m.group(1)], text)


def text_page(text_id: str) -> str:
    """The page a texts.yaml id is graded with (PAGE_OF_PREFIX); KeyError for an unknown prefix."""
    return PAGE_OF_PREFIX[text_id.split("_", 1)[0]]


def _figure_sentence(f) -> str:
    from .words import figure_sentence  # the exact sentence the grid shows

    return figure_sentence(f)


def allowed_terms(c: Content) -> frozenset[str]:
    """Words counted as two syllables (see ALLOWANCE in the module docstring): the words of more
    than two syllables in the five option names and short names, plus ALLOWED_GLOSSARY_WORDS."""
    import textstat

    words = set(ALLOWED_GLOSSARY_WORDS)
    for o in c.options:
        for w in re.findall(r"[A-Za-z]+", f"{o.name} {o.short_name}"):
            if textstat.syllable_count(w) >= 3:
                words.add(w.lower())
    return frozenset(words | {w[:-1] + "ies" if w.endswith("y") else w + "s" for w in words})


def _with_allowance(text: str, allowed: frozenset[str]) -> str:
    if not allowed:
        return text
    return re.sub(r"[A-Za-z]+", lambda m: _STAND_IN if m.group(0).lower() in allowed else m.group(0), text)


def fk_grade(text: str, allowed: frozenset[str] = frozenset()) -> float:
    """Flesch-Kincaid grade (textstat 0.7.8) of one text, after clean() and the allowance."""
    import textstat

    return float(textstat.flesch_kincaid_grade(_with_allowance(clean(text), allowed)))


def smog(text: str, allowed: frozenset[str] = frozenset()) -> float:
    import textstat

    return float(textstat.smog_index(_with_allowance(clean(text), allowed)))


def pooled_fk(texts: list[str], allowed: frozenset[str] = frozenset()) -> float:
    """Flesch-Kincaid of many short texts read as one passage, each text counted as (at least) one
    sentence. textstat's own sentence count drops sentences of two words or fewer, which would turn
    a list of two-word labels into one giant "sentence" (grade 40+); here the formula is applied to
    textstat's word and syllable counts with the true number of sentences."""
    import textstat

    words = syllables = sentences = 0
    for t in texts:
        x = _with_allowance(clean(t), allowed)
        words += textstat.lexicon_count(x)
        syllables += textstat.syllable_count(x)
        sentences += max(1, len(re.findall(r"[.!?]+(?:\s|$)", _sentence(x))))
    if not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


@functools.lru_cache(maxsize=4)
def grades(c: Content) -> tuple[Grade, ...]:
    allowed = allowed_terms(c)
    return tuple(Grade(p, word_count(p.text), fk_grade(p.text, allowed), fk_grade(p.text))
                 for p in patient_texts(c) if p.graded)


def word_count(text: str) -> int:
    import textstat

    return int(textstat.lexicon_count(clean(text)))


def long_grades(c: Content) -> list[Grade]:
    """Texts of at least MIN_WORDS words: each must be at or below GRADE_LIMIT on its own."""
    return [g for g in grades(c) if g.words >= MIN_WORDS]


def short_texts(c: Content) -> dict[str, list[PatientText]]:
    """Per page: the texts under MIN_WORDS words (labels, titles, choices), graded as one pool."""
    pools: dict[str, list[PatientText]] = {}
    for g in grades(c):
        if g.words < MIN_WORDS:
            pools.setdefault(g.item.page, []).append(g.item)
    return pools


def prose_pool(c: Content, page: str) -> str:
    """The page's texts of at least MIN_WORDS words joined as one passage (for SMOG)."""
    return " ".join(_sentence(g.item.text) for g in grades(c) if g.item.page == page and g.words >= MIN_WORDS)


@dataclass(frozen=True)
class PageGrade:
    page: str
    texts: int
    words: int
    fk: float
    """Flesch-Kincaid grade of the page's prose (texts of at least MIN_WORDS words) pooled."""
    smog: float
    """SMOG of the page's prose pooled: the page-level gate."""
    worst_fk: float
    """Worst Flesch-Kincaid grade of one text of at least MIN_WORDS words (each is gated)."""
    short_texts: int
    short_fk: float
    """Flesch-Kincaid grade of the page's short texts (under MIN_WORDS words) pooled (gated)."""
    smog_raw: float
    """SMOG of the same prose without the allowance (reported, not gated)."""
    fk_raw: float
    """Pooled Flesch-Kincaid of the same prose without the allowance (reported, not gated)."""


@functools.lru_cache(maxsize=4)
def page_report(c: Content) -> tuple[PageGrade, ...]:
    """Per page: pooled prose FK and SMOG, worst single long text, pooled short texts."""
    allowed = allowed_terms(c)
    by_page: dict[str, list[Grade]] = {}
    for g in grades(c):
        by_page.setdefault(g.item.page, []).append(g)
    shorts = short_texts(c)
    out = []
    for page, gs in sorted(by_page.items()):
        prose = prose_pool(c, page)
        out.append(PageGrade(
            page=page, texts=len(gs), words=sum(g.words for g in gs),
            fk=fk_grade(prose, allowed), smog=smog(prose, allowed),
            worst_fk=max((g.fk for g in gs if g.words >= MIN_WORDS), default=0.0),
            short_texts=len(shorts.get(page, [])),
            short_fk=pooled_fk([p.text for p in shorts.get(page, [])], allowed),
            smog_raw=smog(prose), fk_raw=fk_grade(prose),
        ))
    return tuple(out)


def _sentence(text: str) -> str:
    """Short labels end without a full stop; give them one so pooling does not glue sentences."""
    text = text.strip()
    return text if text[-1:] in ".?!:" else text + "."


# --- Spanish ---------------------------------------------------------------------------------------
#
# The Spanish texts (content/es/*.yaml, loaded with load_content("es")) are graded with the
# Fernandez-Huerta reading ease (textstat 0.7.8; higher is easier): 206.84 - 60 x syllables/word
# - 1.02 x words/sentence. FH_LIMIT = 70 is about grade 7, the Spanish counterpart of the English
# grade-8 limit. Same policy as the English: every text of at least MIN_WORDS words on its own, and
# the short texts of each page pooled (each counted as one sentence). Before scoring, markdown,
# link targets and {placeholders} are removed (spanish_clean). No allowance for long medical words.
# textstat's metric functions are called with the language passed in (textstat.backend.metrics),
# so the process-wide textstat.set_lang is never touched.

FH_LIMIT = 70.0
"""Lowest Fernandez-Huerta reading ease a Spanish text may have."""

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PLACEHOLDER = re.compile(r"\{\w*\}")


def spanish_clean(text: str) -> str:
    """clean(), plus markdown links reduced to their words and {placeholders} removed."""
    return clean(_PLACEHOLDER.sub("", _LINK.sub(r"\1", text)))


def fernandez_huerta(text: str) -> float:
    """Fernandez-Huerta reading ease of one Spanish text (textstat 0.7.8, language passed in)."""
    from textstat.backend import metrics

    return float(metrics.fernandez_huerta(spanish_clean(text), "es"))


def pooled_fh(texts: list[str]) -> float:
    """Fernandez-Huerta of many short Spanish texts read as one passage, each text at least one
    sentence (as pooled_fk)."""
    from textstat.backend import counts

    words = syllables = sentences = 0
    for t in texts:
        x = spanish_clean(t)
        words += counts.count_words(x)
        syllables += counts.count_syllables(x, "es")
        sentences += max(1, len(re.findall(r"[.!?]+(?:\s|$)", _sentence(x) if x else ".")))
    if not words:
        return 0.0
    return 206.84 - 60 * syllables / words - 1.02 * words / sentences


@dataclass(frozen=True)
class SpanishGrade:
    item: PatientText
    words: int
    fh: float


def spanish_texts(c: Content) -> list[PatientText]:
    """Every patient-facing text of the Spanish content ``c`` (load_content("es")), addressed
    ``es/options.yaml: ...``; figure sentences are built in Spanish."""
    from .i18n import language

    with language(c.lang):
        return [PatientText(p.page, f"{c.lang}/{p.where}", p.text, p.graded) for p in patient_texts(c)]


@functools.lru_cache(maxsize=2)
def spanish_grades(c: Content) -> tuple[SpanishGrade, ...]:
    return tuple(SpanishGrade(p, word_count(spanish_clean(p.text)), fernandez_huerta(p.text))
                 for p in spanish_texts(c) if p.graded)


@dataclass(frozen=True)
class SpanishPageGrade:
    page: str
    texts: int
    words: int
    fh: float
    """Fernandez-Huerta of the page's longer texts pooled (reported)."""
    worst_fh: float
    """Lowest Fernandez-Huerta of one text of at least MIN_WORDS words (each is gated)."""
    short_texts: int
    short_fh: float
    """Fernandez-Huerta of the page's short texts pooled (gated)."""


@functools.lru_cache(maxsize=2)
def spanish_page_report(c: Content) -> tuple[SpanishPageGrade, ...]:
    """Per page, for the Spanish content: pooled FH of the longer texts, the hardest one, the
    pooled short texts (the Standards page shows it beside the English page_report)."""
    by_page: dict[str, list[SpanishGrade]] = {}
    for g in spanish_grades(c):
        by_page.setdefault(g.item.page, []).append(g)
    out = []
    for page, gs in sorted(by_page.items()):
        long = [g for g in gs if g.words >= MIN_WORDS]
        short = [g for g in gs if g.words < MIN_WORDS]
        out.append(SpanishPageGrade(
            page=page, texts=len(gs), words=sum(g.words for g in gs),
            fh=pooled_fh([g.item.text for g in long]) if long else 0.0,
            worst_fh=min((g.fh for g in long), default=100.0),
            short_texts=len(short), short_fh=pooled_fh([g.item.text for g in short]),
        ))
    return tuple(out)
