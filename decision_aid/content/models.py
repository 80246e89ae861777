"""Frozen pydantic models for the clinical content.

Every model refuses unknown fields and cannot be changed after loading. The rules that keep the
aid honest are written here as validators, so a content error fails loudly at start-up and in the
tests, never quietly in front of a patient:

* every figure is an absolute number ("N out of 100" or "N out of 1,000", or a range) with a time
  frame, the people it applies to, its citation keys, its evidence flag and who paid for the study;
* a figure flagged ``unverified`` in the evidence brief cannot be loaded at all (it could be shown);
* any text that contains a digit must carry citation keys (a number without a source is refused);
* "no good studies" is its own kind of cell, worded differently from "no benefit";
* rules may not exclude an option (``not_suitable``) on an answer of "unsure" or no answer;
* the review date is at most 12 months after the last review.

Cross-references (citation keys, row ids, question ids) are checked by :mod:`.loader`, which sees all
files at once and reports the file and the field of every error.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

# --------------------------------------------------------------------------------------------------
# Shared vocabulary (the ids are the public contract: ../shared/design/contract.md)
# --------------------------------------------------------------------------------------------------
from ..contract import DISPLAY_ORDER  # noqa: E402  (the public contract; OptionId below must match it)

OptionId = Literal[
    "mild", "physical_therapy", "epidural_steroid_injection", "open_surgery", "no_new_treatment"
]
Status = Literal["consider", "discuss", "not_suitable"]
STATUS_ORDER: dict[str, int] = {"consider": 0, "discuss": 1, "not_suitable": 2}

Flag = Literal["checked", "secondary", "marketing", "unverified"]
"""Evidence flags of the brief. ``unverified`` figures may never be displayed."""

Certainty = Literal["high", "moderate", "low", "very_low", "contested", "not_graded"]


PopulationKind = Literal["untreated", "active_nonsurgical_arm", "treated", "surgical_candidates_nonsurgical_arm",
                         "experts_estimate"]
"""What kind of people the figure describes: people who had no procedure (natural history), an active
non-surgical study arm (care was given), people who had the treatment, or surgical candidates given
non-surgical care first."""

Design = Literal["randomised_trial", "review_of_trials", "cohort", "clinic_records", "database",
                 "case_series", "expert_opinion", "conference_report", "summary_of_older_study"]
"""Study design shown beside each figure (texts.yaml design_*)."""

UNANSWERED = "__unanswered__"
"""Pseudo-answer a rule may match on to say "not known yet" (only with status ``discuss``)."""

Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
AnswerValue = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Sources = Annotated[tuple[Key, ...], Field(min_length=1)]

_DIGIT = re.compile(r"\d")


class Frozen(BaseModel):
    """Base: immutable, no unknown fields, field docstrings become schema descriptions."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


def _no_number_without_source(text: str | None, sources: tuple[str, ...], what: str) -> None:
    if text and _DIGIT.search(text) and not sources:
        raise ValueError(f"{what} contains a number but has no citation keys ('sources')")


# --------------------------------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------------------------------


SHORT_LABEL_MAX = 40
"""A source label fits on one line of a phone (references.yaml ``short``)."""

_LOCATOR = re.compile(r"https?:|www\.|\.(com|org|gov|net|uk)\b|\bNCT\d|\bPMID\b|\bdoi\b|\b10\.\d{4}/|\d{6,}", re.I)
"""What a registry number, PMID, DOI or web address looks like (never in a short label)."""


class Reference(Frozen):
    key: Key
    """Citation key exactly as in the evidence brief, e.g. ``MiDAS-2y``."""
    short: Annotated[Text, StringConstraints(max_length=SHORT_LABEL_MAX)]
    """The plain label every source line shows, built from the reference's kind, who paid and year
    as the brief states them: "NASS guideline, 2013", "Maker-funded trial, 2018", "Review of studies,
    2025". No registry number or web address (those are one tap away, on the Evidence page)."""
    authors: str | None = None
    title: str | None = None
    year: int | None = None
    journal: str | None = None
    pmid: str | None = None
    doi: str | None = None
    urls: tuple[str, ...] = ()
    kind: Literal[
        "trial", "trial_registry", "systematic_review", "guideline", "consensus", "cohort",
        "case_report", "regulatory", "payer_policy", "patient_leaflet", "clinic_marketing",
        "manufacturer", "news", "summary_site", "other",
    ]
    funding: Literal["industry", "public", "unknown", "not_applicable"]
    """Who paid, as far as the brief says. ``industry`` = the device maker sponsored or hosted it."""
    funding_note: str | None = None
    note: str | None = None
    """The brief's own caveats on this source (unverified attribution, low quality...)."""

    @model_validator(mode="after")
    def _needs_locator(self) -> Reference:
        if not (self.pmid or self.doi or self.urls):
            raise ValueError(f"reference {self.key!r} needs a pmid, a doi or a url")
        if _LOCATOR.search(self.short):
            raise ValueError(f"reference {self.key!r}: the short label {self.short!r} names a registry number "
                             "or a web address; those belong in pmid, doi and urls")
        return self


# --------------------------------------------------------------------------------------------------
# Figures and cells of the option grid
# --------------------------------------------------------------------------------------------------


class Figure(Frozen):
    """One absolute number shown to patients: ``value`` (or ``low``-``high``) out of ``denominator``."""

    id: Id
    what: Text
    """Plain words for what the number counts, completing "N out of 100 people ...": e.g. "said the
    operation had helped them"."""
    value: float | None = Field(default=None, ge=0)
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)
    denominator: Literal[100, 1000] = 100
    per: Literal["people", "injections", "operations"] = "people"
    """What is counted in the denominator. Per injection and per person are not comparable."""
    time_frame: Text
    """When it was measured, e.g. "1 year after the operation"."""
    population: Text
    """Who the number applies to, e.g. "people aged 70 or older in one Norwegian study (101 people)"."""
    comparison: str | None = None
    """The other arm of the same study in the same words, when there is one (both sides shown)."""
    sources: Sources
    flag: Flag
    certainty: Certainty = "not_graded"
    """Only a grade the evidence brief states, with ``certainty_by``; otherwise ``not_graded``."""
    certainty_by: tuple[Key, ...] = ()
    """Who gives the grade (citation keys); required for any grade but ``not_graded``."""
    outcome: Id
    """What is measured (comparability: :func:`decision_aid.comparability.comparable`)."""
    population_kind: PopulationKind
    months: float | None = Field(default=None, ge=0)
    """The time frame in months (0 = at the time of treatment); None when the source gives none."""
    design: Design
    size: int | None = Field(default=None, ge=1)
    """How many people (or injections, operations: ``per``) the figure rests on, when the brief says."""
    """Who paid for the study is not stored here: it is derived from the references' ``funding``."""

    @model_validator(mode="after")
    def _check(self) -> Figure:
        if self.flag == "unverified":
            raise ValueError(
                f"figure {self.id!r} is flagged 'unverified' in the evidence brief and may not be "
                "displayed: show the checked alternative or an 'awaiting checking' note instead"
            )
        if self.flag == "marketing":
            raise ValueError(
                f"figure {self.id!r} is a marketing claim: put it in claims.yaml "
                "('What you may have heard'), never in the option grid"
            )
        if self.certainty != "not_graded" and not self.certainty_by:
            raise ValueError(f"figure {self.id!r}: a certainty grade needs 'certainty_by' (who gives it); "
                             "where the brief states none, use 'not_graded'")
        point = self.value is not None
        rng = self.low is not None or self.high is not None
        if point == rng:
            raise ValueError(f"figure {self.id!r} needs exactly one of 'value' or 'low'+'high'")
        if rng and (self.low is None or self.high is None or self.low > self.high):
            raise ValueError(f"figure {self.id!r} needs 'low' <= 'high'")
        top = self.high if rng else self.value
        if top is not None and top > self.denominator:
            raise ValueError(f"figure {self.id!r} is larger than its denominator")
        return self

    @property
    def is_range(self) -> bool:
        return self.value is None

    @property
    def per_100(self) -> float:
        """Point value (or middle of the range) scaled to 100, for icon arrays."""
        v = self.value if self.value is not None else (self.low + self.high) / 2  # type: ignore[operator]
        return v * 100 / self.denominator


CellKind = Literal["evidence", "no_good_studies", "not_applicable", "not_in_brief"]
"""``not_in_brief``: a fact our evidence brief states without details or a source (e.g. "covered")."""


class Cell(Frozen):
    """One option x one row of the grid."""

    kind: CellKind = "evidence"
    """``no_good_studies`` means nobody has measured it well, which is not the same as "no effect"."""
    text: Text
    """Plain words, grade 8 or lower."""
    short: str | None = Field(default=None, max_length=70)
    """A few words for the one-screen exam-room grid (required on key rows); same sources."""
    sources: tuple[Key, ...] = ()
    flag: Flag = "checked"
    """Flag of the statement in ``text``. ``marketing`` text is shown with a label saying so."""
    figures: tuple[Figure, ...] = ()
    disagreement: str | None = None
    """Where sources disagree: who says what, in plain words."""
    disagreement_agree: str | None = None
    """What those sources agree on, in one plain sentence: shown before the disagreement (required
    with it), so a reader meets the common ground first and then the range."""
    disagreement_sources: tuple[Key, ...] = ()
    awaiting: str | None = None
    """A result that exists but is not yet checked: said in words, never as a number."""

    @model_validator(mode="after")
    def _check(self) -> Cell:
        if self.kind == "evidence" and not (self.sources or self.figures):
            raise ValueError("an 'evidence' cell needs sources or figures")
        if self.flag == "unverified":
            raise ValueError("cell text may not rest on an 'unverified' statement")
        _no_number_without_source(self.text, self.sources, "cell text")
        _no_number_without_source(self.short, self.sources, "cell short text")
        _no_number_without_source(self.disagreement, self.disagreement_sources, "disagreement")
        if self.disagreement and not self.disagreement_sources:
            raise ValueError("a disagreement needs 'disagreement_sources' for each side")
        if bool(self.disagreement) != bool(self.disagreement_agree):
            raise ValueError("a disagreement leads with what its sources agree on: give 'disagreement_agree' "
                             "with 'disagreement' (and only with it)")
        _no_number_without_source(self.disagreement_agree, self.disagreement_sources, "disagreement_agree")
        if self.awaiting and _DIGIT.search(self.awaiting):
            raise ValueError("'awaiting' notes say in words that a result is unchecked; no numbers")
        return self


class Row(Frozen):
    id: Id
    label: Text
    """The patient's question this row answers, e.g. "How many people get better?"."""
    help: Text
    kind: Literal["practical", "benefit", "harm", "evidence"]
    key_row: bool = False
    """Shown in the one-screen exam-room grid."""
    comparable: bool = True
    """False when the numbers in this row come from different studies, people, measures, units
    (per person, injection or operation) or time frames, so they must not be read side by side;
    the grid then says so beside the row (text ``compare_row_not_comparable``)."""


MILESTONES: tuple[str, ...] = ("procedure", "hospital", "recovery", "benefit_starts", "benefit_lasts")
MilestoneKind = Literal["procedure", "hospital", "recovery", "benefit_starts", "benefit_lasts"]


class Milestone(Frozen):
    """One bar of the shared recovery timeline (days from the start of treatment, day 0)."""

    kind: MilestoneKind
    status: Literal["known", "not_applicable", "no_data"] = "known"
    text: Text
    """Plain words, e.g. "1 to 4 days in hospital"."""
    start_days: float | None = Field(default=None, ge=0, le=365)
    end_low_days: float | None = Field(default=None, ge=0)
    """Earliest typical end; equal to end_high_days when there is no range."""
    end_high_days: float | None = Field(default=None, ge=0)
    """Latest typical end; values over 365 mean "beyond 1 year" (drawn to the edge)."""
    sources: tuple[Key, ...] = ()
    flag: Flag = "checked"

    @model_validator(mode="after")
    def _check(self) -> Milestone:
        if self.status == "known":
            if None in (self.start_days, self.end_low_days, self.end_high_days):
                raise ValueError(f"milestone {self.kind!r}: known milestones need start_days, end_low_days, end_high_days")
            if not self.start_days <= self.end_low_days <= self.end_high_days:  # type: ignore[operator]
                raise ValueError(f"milestone {self.kind!r}: need start <= end_low <= end_high")
            if not self.sources:
                raise ValueError(f"milestone {self.kind!r}: a known milestone needs sources")
        elif self.start_days is not None:
            raise ValueError(f"milestone {self.kind!r}: no days for a {self.status} milestone")
        if self.flag == "unverified":
            raise ValueError(f"milestone {self.kind!r}: may not rest on an unverified statement")
        _no_number_without_source(self.text, self.sources, f"milestone {self.kind!r}")
        return self


class Option(Frozen):
    id: OptionId
    name: Text
    short_name: Text
    summary: Text
    """One plain sentence: what this option is."""
    symbol: Text
    """A short text badge (not colour alone) used beside the name."""
    cells: dict[Id, Cell]
    timeline: tuple[Milestone, ...]

    @field_validator("timeline")
    @classmethod
    def _every_milestone(cls, v: tuple[Milestone, ...]) -> tuple[Milestone, ...]:
        kinds = tuple(m.kind for m in v)
        if kinds != MILESTONES:
            raise ValueError(f"timeline must have exactly these milestones in order: {list(MILESTONES)}; got {list(kinds)}")
        return v


class OptionsFile(Frozen):
    rows: tuple[Row, ...]
    options: tuple[Option, ...]

    @model_validator(mode="after")
    def _same_rows(self) -> OptionsFile:
        ids = [o.id for o in self.options]
        if tuple(ids) != DISPLAY_ORDER:  # contract section 3: least to most invasive
            raise ValueError(f"options must be exactly {list(DISPLAY_ORDER)} in this order "
                             f"(least to most invasive), got {ids}")
        row_ids = [r.id for r in self.rows]
        if len(set(row_ids)) != len(row_ids):
            raise ValueError("duplicate row id")
        for o in self.options:
            missing = [r for r in row_ids if r not in o.cells]
            extra = [c for c in o.cells if c not in row_ids]
            if missing or extra:
                raise ValueError(f"option {o.id!r}: missing rows {missing}, unknown rows {extra}")
            for r in self.rows:
                if r.key_row and not o.cells[r.id].short:
                    raise ValueError(f"option {o.id!r}, key row {r.id!r}: a 'short' text is required")
        return self


# --------------------------------------------------------------------------------------------------
# Questions and rules
# --------------------------------------------------------------------------------------------------


class Choice(Frozen):
    value: AnswerValue
    label: Text


class Question(Frozen):
    id: Id
    group: Id
    short: Text
    """A few words naming the question, for short lists (the exam room's list of answers)."""
    text: Text
    why: Text
    """Short "why we ask" in plain words."""
    choices: tuple[Choice, ...] = Field(min_length=2)
    from_imaging: bool = False
    """Answered from the MRI or CT report; the clinician may fill it in."""
    sources: tuple[Key, ...] = ()


class QuestionGroup(Frozen):
    id: Id
    title: Text
    intro: Text
    for_clinician: bool = False
    """Detail for the clinician: home mode asks it last, in one part the patient may skip."""


class QuestionsFile(Frozen):
    groups: tuple[QuestionGroup, ...]
    questions: tuple[Question, ...]

    @model_validator(mode="after")
    def _check(self) -> QuestionsFile:
        groups = [g.id for g in self.groups]
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate question id")
        for q in self.questions:
            if q.group not in groups:
                raise ValueError(f"question {q.id!r}: unknown group {q.group!r}")
            vals = [c.value for c in q.choices]
            if len(set(vals)) != len(vals):
                raise ValueError(f"question {q.id!r}: duplicate choice value")
        flags = [g.for_clinician for g in self.groups]
        if flags != sorted(flags):
            raise ValueError("the groups for the clinician come after the patient's own groups")
        return self


class Condition(Frozen):
    question: Id
    is_in: tuple[str, ...] = Field(alias="in", min_length=1)
    """Answer values that make this condition true; ``__unanswered__`` = no answer yet."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Rule(Frozen):
    """A named criterion: when the answers match, it sets a status on one or more options."""

    id: Id
    options: tuple[OptionId, ...] = Field(min_length=1)
    match: Literal["any", "all"] = "any"
    when: tuple[Condition, ...] = Field(min_length=1)
    status: Literal["discuss", "not_suitable"]
    reason: Text
    """Patient-facing, plain words: why this option is dimmed or needs review."""
    ask: Text | None = None
    """What to ask the clinician about it."""
    sources: Sources

    @model_validator(mode="after")
    def _check(self) -> Rule:
        if self.status == "not_suitable":
            for c in self.when:
                soft = {"unsure", UNANSWERED} & set(c.is_in)
                if soft:
                    raise ValueError(
                        f"rule {self.id!r}: 'not_suitable' may not be set on {sorted(soft)} "
                        f"(question {c.question!r}): unsure or unanswered never excludes an option"
                    )
        soft_only = [
            o for o in self.options if o in ("physical_therapy", "no_new_treatment")
        ]
        if soft_only and self.status == "not_suitable":
            raise ValueError(
                f"rule {self.id!r}: physical therapy and no new treatment are never made "
                "'not_suitable' by a rule"
            )
        return self


UrgencyLevel = Literal["emergency", "same_day", "soon"]


class UrgencyMessage(Frozen):
    """What the aid says at one urgency level (contract section 5)."""

    title: Text
    message: Text
    sources: Sources


class RedFlag(Frozen):
    question: Id
    level: UrgencyLevel
    """The urgency a "yes" to this question raises."""
    message: Text
    """What this answer means and what to do now."""
    unsure_level: UrgencyLevel | None = None
    """The urgency an "unsure" raises, if any (with ``unsure_message``)."""
    unsure_message: Text | None = None
    sources: Sources

    @model_validator(mode="after")
    def _unsure_pair(self) -> RedFlag:
        if (self.unsure_level is None) != (self.unsure_message is None):
            raise ValueError(f"red flag {self.question!r}: unsure_level and unsure_message go together")
        return self


class RulesFile(Frozen):
    urgency: dict[UrgencyLevel, UrgencyMessage]
    red_flags: tuple[RedFlag, ...]
    rules: tuple[Rule, ...]

    @field_validator("urgency")
    @classmethod
    def _every_level(cls, urgency: dict[str, UrgencyMessage]) -> dict[str, UrgencyMessage]:
        missing = {"emergency", "same_day", "soon"} - set(urgency)
        if missing:
            raise ValueError(f"urgency: missing levels {sorted(missing)}")
        return urgency

    @field_validator("rules")
    @classmethod
    def _unique(cls, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        ids = [r.id for r in rules]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate rule ids: {sorted(dup)}")
        return rules


# --------------------------------------------------------------------------------------------------
# Other content
# --------------------------------------------------------------------------------------------------


class Meta(Frozen):
    content_version: Annotated[str, StringConstraints(pattern=r"^\d{4}\.\d{1,2}\.\d+$")]
    reviewed_on: date
    review_due: date
    published_on: date
    evidence_brief: Text
    funding: Text
    conflicts: Text
    update_policy: Text
    decision: Text
    """The decision this aid helps with, in one line (IPDAS Q2)."""
    contributors: tuple[Contributor, ...] = Field(min_length=1)
    reviewers: tuple[Reviewer, ...] = ()
    """Independent clinicians and patients who reviewed this content version (IPDAS QC14, QC15).
    Empty: the aid says "not yet reviewed by independent clinicians or patients" (Content.review_status)."""

    @model_validator(mode="after")
    def _dates(self) -> Meta:
        if self.review_due <= self.reviewed_on:
            raise ValueError("review_due must be after reviewed_on")
        limit = date(self.reviewed_on.year + 1, self.reviewed_on.month, min(self.reviewed_on.day, 28))
        if self.review_due > limit:
            raise ValueError("review_due may be at most 12 months after reviewed_on")
        if self.published_on > self.reviewed_on:
            raise ValueError("published_on cannot be after reviewed_on")
        return self


class Contributor(Frozen):
    name: Text
    role: Text
    qualification: Text
    conflicts: Text
    clinician: bool = False
    """A doctor, nurse or therapist. With none, the Evidence page says there is no clinical author yet."""


class Reviewer(Frozen):
    """Someone not involved in making the aid who reviewed this content version."""

    name: Text
    kind: Literal["clinician", "patient"]
    reviewed_on: date


class GlossaryEntry(Frozen):
    term: Text
    aliases: tuple[str, ...] = ()
    plain: Text


class Claim(Frozen):
    """Something patients may have heard (e.g. from a clinic article), next to what studies show."""

    id: Id
    option: OptionId
    heard: Text
    """The claim in our own plain words, labelled as what patients may have heard."""
    heard_sources: Sources
    heard_flag: Literal["marketing", "secondary"]
    studies_show: Text
    studies_sources: Sources

    @model_validator(mode="after")
    def _check(self) -> Claim:
        _no_number_without_source(self.studies_show, self.studies_sources, "studies_show")
        return self


class View(Frozen):
    holder: Text
    """Who holds this view (a society, a regulator, an insurer, a review...)."""
    view: Text
    sources: Sources
    industry_ties: bool = False


class Disagreement(Frozen):
    id: Id
    topic: Text
    agree: Text
    """One plain sentence of what the sources agree on, shown first (before the range of views)."""
    options: tuple[OptionId, ...] = ()
    views: tuple[View, ...] = Field(min_length=2)
    what_it_means: Text

    @model_validator(mode="after")
    def _agree_without_numbers(self) -> Disagreement:
        _no_number_without_source(self.agree, (), f"disagreement {self.id!r}: agree")
        return self


class TextsFile(Frozen):
    """Page texts keyed by id. Values are markdown in plain words."""

    texts: dict[Id, Text]
    sources: dict[Id, tuple[Key, ...]] = {}
    """Citation keys for texts that state facts or numbers."""

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> TextsFile:
        lang = (info.context or {}).get("lang", "en")
        for k, v in self.texts.items():
            _no_number_without_source(
                _strip_non_clinical_numbers(v, lang), self.sources.get(k, ()), f"text {k!r}"
            )
        for k in self.sources:
            if k not in self.texts:
                raise ValueError(f"sources given for unknown text {k!r}")
        return self


_NON_CLINICAL: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(\b(step|steps|page|grade)\s+\d+\b|\b\d+\s+(steps|pages|questions)\b|\b(19|20)\d\d-\d\d-\d\d\b"
        r"|\bout of (100|1,000)\b|\b0 to 4\b)",
        re.I,
    ),
    # the same in Spanish: "paso 2", "página 3", "grado 8", "7 preguntas", "de cada 100", "de 0 a 4"
    "es": re.compile(
        r"(\b(paso|pasos|página|páginas|grado|nivel)\s+\d+\b|\b\d+\s+(pasos|páginas|preguntas)\b"
        r"|\b(19|20)\d\d-\d\d-\d\d\b|\bde cada (100|1000)\b|\bde 0 a 4\b|\b0 a 4\b)",
        re.I,
    ),
}


def _strip_non_clinical_numbers(text: str, lang: str = "en") -> str:
    """Step counts, page counts and dates are not clinical figures and need no citation."""
    return _NON_CLINICAL[lang].sub("", text)


Meta.model_rebuild()
