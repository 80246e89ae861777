"""Turn answers into the contract's assessment (contract section 5). Pure: no Streamlit, no I/O.

The rules are data (content/rules.yaml). Compiling them once per content object makes an
assessment a handful of set look-ups (well under a millisecond; see bench/).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .content.loader import Content, load_content
from .content.models import STATUS_ORDER, UNANSWERED, Rule, UrgencyLevel
from .contract import DISPLAY_ORDER, OPTION_IDS, RED_FLAG_QUESTIONS, URGENCY_LEVELS
from .i18n import current_lang

Urgency = Literal["emergency", "same_day", "soon", "none"]
"""An assessment's urgency level (contract.URGENCY_LEVELS): a warning-sign level, or none."""


@dataclass(frozen=True)
class Reason:
    rule: str
    status: str
    text: str
    sources: tuple[str, ...]
    ask: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "sources": list(self.sources)}


@dataclass(frozen=True)
class OptionResult:
    option: str
    status: str
    reasons: tuple[Reason, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reasons": [r.to_json() for r in self.reasons]}


@dataclass(frozen=True)
class UrgentReason:
    question: str
    text: str
    sources: tuple[str, ...]
    level: UrgencyLevel = "emergency"
    answer: str = "yes"

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": f"red_flag_{self.question}",
            "question": self.question,
            "answer": self.answer,
            "level": self.level,
            "text": self.text,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Assessment:
    content_version: str
    urgency: Urgency
    urgent_reasons: tuple[UrgentReason, ...]
    options: dict[str, OptionResult] = field(default_factory=dict)

    @property
    def urgent(self) -> bool:
        """True exactly for an emergency (contract section 5; kept for first-version readers)."""
        return self.urgency == "emergency"

    def to_json(self) -> dict[str, Any]:
        return {
            "content_version": self.content_version,
            "urgency": self.urgency,
            "urgent": self.urgent,
            "urgent_reasons": [u.to_json() for u in self.urgent_reasons],
            "options": {o: self.options[o].to_json() for o in OPTION_IDS},
        }

    def status(self, option_id: str) -> str:
        return self.options[option_id].status

    def fitting(self) -> list[str]:
        """Options with nothing against them so far (status ``consider``), in display order."""
        return [o for o in DISPLAY_ORDER if self.options[o].status == "consider"]


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    conditions: tuple[tuple[str, frozenset[str]], ...]
    any_: bool


@functools.lru_cache(maxsize=4)
def _compile(content: Content) -> tuple[tuple[_Compiled, ...], dict[str, Any]]:
    compiled = tuple(
        _Compiled(r, tuple((c.question, frozenset(c.is_in)) for c in r.when), r.match == "any")
        for r in content.rules.rules
    )
    flags = {f.question: f for f in content.rules.red_flags}
    return compiled, flags


def _matches(c: _Compiled, answers: Mapping[str, str]) -> bool:
    hits = (answers.get(q, UNANSWERED) in values for q, values in c.conditions)
    return any(hits) if c.any_ else all(hits)


def assess(answers: Mapping[str, str], content: Content | None = None) -> Assessment:
    """The assessment for validated ``answers`` (question id -> answer value).

    Unanswered questions are simply absent. The worst status from all matching rules wins; every
    status other than ``consider`` carries the reasons of the rules that set it.
    """
    content = content or load_content(current_lang())
    compiled, flags = _compile(content)

    urgent_reasons: list[UrgentReason] = []
    for q in RED_FLAG_QUESTIONS:
        flag, answer = flags.get(q), answers.get(q)
        if flag is None:
            continue
        if answer == "yes":
            urgent_reasons.append(UrgentReason(q, flag.message, flag.sources, flag.level, "yes"))
        elif answer == "unsure" and flag.unsure_level and flag.unsure_message:
            urgent_reasons.append(
                UrgentReason(q, flag.unsure_message, flag.sources, flag.unsure_level, "unsure")
            )
    urgency: Urgency = min((u.level for u in urgent_reasons), key=URGENCY_LEVELS.index, default="none")

    found: dict[str, list[Reason]] = {o: [] for o in OPTION_IDS}
    for c in compiled:
        if _matches(c, answers):
            r = c.rule
            reason = Reason(r.id, r.status, r.reason, r.sources, r.ask)
            for o in r.options:
                found[o].append(reason)

    options: dict[str, OptionResult] = {}
    for oid in OPTION_IDS:
        reasons = sorted(found[oid], key=lambda x: -STATUS_ORDER[x.status])
        status = reasons[0].status if reasons else "consider"
        options[oid] = OptionResult(oid, status, tuple(reasons))

    return Assessment(
        content_version=content.meta.content_version,
        urgency=urgency,
        urgent_reasons=tuple(urgent_reasons),
        options=options,
    )


def changes(before: Assessment | None, after: Assessment) -> list[tuple[str, str, str]]:
    """(option, old status, new status) for every option whose status changed."""
    if before is None:
        return []
    return [
        (o, before.status(o), after.status(o))
        for o in OPTION_IDS
        if before.status(o) != after.status(o)
    ]


def emergency_questions(a: Assessment) -> tuple[str, ...]:
    """The questions whose answers raised the emergency level (empty below emergency)."""
    return tuple(u.question for u in a.urgent_reasons if u.level == "emergency")


def examination_holds(a: Assessment, record: Mapping[str, Any] | None) -> bool:
    """Whether a clinician's "examined: not an emergency" record still covers these answers: only
    while the answers are an emergency, and only for the same warning signs that were examined
    (a new "yes" afterwards was not examined)."""
    if not record or a.urgency != "emergency":
        return False
    return tuple(record.get("questions") or ()) == emergency_questions(a)


def comparison_hidden(a: Assessment, examined: bool = False) -> bool:
    """The one place that decides whether the option comparison is hidden (contract section 5):
    under an emergency answer, until the answer changes or (exam room only) a clinician records
    "examined: not an emergency". "Same day" and "soon" keep the comparison visible."""
    return a.urgency == "emergency" and not examined
