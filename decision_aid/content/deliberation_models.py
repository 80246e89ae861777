"""Models for the deliberation content: values, expectations, knowledge check, SURE, leaning,
questions to ask, and the decision-aid standards page. Same rules as :mod:`.models`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..contract import (  # noqa: E402  (the public contract)
    DECISION_ROLES,
    EXPECTATION_IDS,
    KNOWLEDGE_ITEMS,
    VALUE_IDS,
)
from ..contract import (
    SURE_ITEMS as SURE_IDS,
)
from .models import (
    Choice,
    Condition,
    Frozen,
    Id,
    Key,
    OptionId,
    Sources,
    Status,
    Text,
    _no_number_without_source,
)


class ValueDef(Frozen):
    id: Id
    label: Text
    """What the patient rates, e.g. "Not having general anesthesia"."""
    help: Text


class ValueFit(Frozen):
    """How one option stands on one value, drawn from the evidence."""

    value: Id
    option: OptionId
    fit: Literal["meets", "works_against", "mixed", "unknown"]
    text: Text
    sources: Sources


class Expectation(Frozen):
    id: Id
    question: Text
    """Asked before the figures are shown again, e.g. "Out of 100 people like you..."."""
    figures: dict[OptionId, Id]
    """For each option with a comparable figure: the id of that figure in options.yaml."""
    no_figure: dict[OptionId, Text] = {}
    """For options without such a figure: plain words saying why."""


class KnowledgeItem(Frozen):
    id: Id
    question: Text
    choices: tuple[Choice, ...] = Field(min_length=2)
    correct: str
    explanation: Text
    sources: Sources

    @model_validator(mode="after")
    def _check(self) -> KnowledgeItem:
        if self.correct not in {c.value for c in self.choices}:
            raise ValueError(f"knowledge item {self.id!r}: 'correct' is not one of the choices")
        return self


class SureItem(Frozen):
    id: Id
    text: Text


class AskItem(Frozen):
    """A question to take to the consultation, included when its conditions hold."""

    id: Id
    text: Text
    always: bool = False
    when: tuple[Condition, ...] = ()
    """Included when any condition holds (answers)."""
    option_status: dict[OptionId, tuple[Status, ...]] = {}
    """Included when an option has one of these statuses."""
    when_pressure: bool = False
    """Included when the patient feels pressure from someone (answers file deliberation.support)."""
    sources: tuple[Key, ...] = ()
    covers: tuple[Id, ...] = ()
    """Rule ids (rules.yaml) whose own, narrower "ask" this question already covers: when this item
    applies, those rules' questions are left out so the list has no near-duplicates."""

    @model_validator(mode="after")
    def _check(self) -> AskItem:
        if not (self.always or self.when or self.option_status or self.when_pressure):
            raise ValueError(f"ask item {self.id!r} never applies: give always, when, option_status or when_pressure")
        _no_number_without_source(self.text, self.sources, f"ask item {self.id!r}")
        return self


class Labelled(Frozen):
    id: Id
    label: Text


class DeliberationFile(Frozen):
    values: tuple[ValueDef, ...]
    importance_labels: tuple[Text, ...] = Field(min_length=5, max_length=5)
    """Labels of importance 0..4."""
    fits: tuple[ValueFit, ...]
    expectations: tuple[Expectation, ...]
    knowledge: tuple[KnowledgeItem, ...] = Field(min_length=3, max_length=5)
    sure: tuple[SureItem, ...]
    sure_next_steps: tuple[Text, ...] = Field(min_length=1)
    roles: tuple[Labelled, ...]
    ask: tuple[AskItem, ...]

    @model_validator(mode="after")
    def _check(self) -> DeliberationFile:
        ids = tuple(v.id for v in self.values)
        if ids != VALUE_IDS:
            raise ValueError(f"values must be the contract's ids in order: {list(VALUE_IDS)}")
        if tuple(s.id for s in self.sure) != SURE_IDS:
            raise ValueError(f"sure items must be {list(SURE_IDS)}")
        if tuple(r.id for r in self.roles) != DECISION_ROLES:
            raise ValueError(f"roles must be {list(DECISION_ROLES)}")
        # answers files and resume links carry these ids (contract section 4; link order)
        if tuple(e.id for e in self.expectations) != EXPECTATION_IDS:
            raise ValueError(f"expectations must be the contract's ids in order: {list(EXPECTATION_IDS)}")
        knowledge = {k.id: tuple(ch.value for ch in k.choices) for k in self.knowledge}
        if list(knowledge.items()) != list(KNOWLEDGE_ITEMS.items()):
            raise ValueError(f"knowledge items and their answers must be the contract's, in order: {KNOWLEDGE_ITEMS}")
        seen = set()
        for f in self.fits:
            if (f.value, f.option) in seen:
                raise ValueError(f"duplicate fit for {f.value}/{f.option}")
            seen.add((f.value, f.option))
        return self


class Criterion(Frozen):
    """One IPDAS criterion this aid claims to meet, with the feature and the test that checks it."""

    id: Text
    group: Literal["qualifying", "certification", "quality", "good_practice"]
    criterion: Text
    feature: Text
    check: Literal["CI", "CI+R", "R", "S"]
    tests: tuple[Text, ...] = ()
    """pytest node ids (``tests/unit/test_x.py::test_y``) that check it."""
    status: Literal["met", "partly", "not_met"] | None = None
    """What the content claims. Blank is "not assessed"; the page shows "met" or "partly" only when
    every named test passed in the recorded run (decision_aid/standards.py)."""
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Criterion:
        if self.check in ("CI", "CI+R") and self.status == "met" and not self.tests:
            raise ValueError(f"criterion {self.id!r}: an automatic check needs at least one test")
        return self


class OutsideScoring(Frozen):
    """An independent scoring of an earlier version, quoted on the Standards page as it was given."""

    tool: Text
    met: int
    total: int


class StandardsFile(Frozen):
    criteria: tuple[Criterion, ...]
    outside_scoring: OutsideScoring | None = None
