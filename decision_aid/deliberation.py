"""Deliberation logic: values and how options fit them, expectations, knowledge check, SURE, and the
questions to ask. Pure functions over the content; no ranking, no scores across options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .assess import Assessment
from .content.deliberation_models import AskItem, ValueFit
from .content.loader import Content
from .content.models import UNANSWERED, Figure
from .contract import OPTION_IDS, SURE_ITEMS

IMPORTANT = 3
"""Importance at or above which a value counts as "matters most" (labels 3 and 4)."""


# --- SURE -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SureResult:
    yes: int
    answered: int
    complete: bool
    sure: bool
    """True only when all four items are answered "yes" (the standard reading)."""

    @property
    def text(self) -> str:
        if not self.answered:
            return "Not answered yet."
        if self.sure:
            return "4 of 4 yes: you feel sure about your choice."
        missing = "" if self.complete else f" ({4 - self.answered} not answered)"
        return (f"{self.yes} of 4 yes{missing}: you may not feel sure yet. That is common, and it is fine to "
                "take more time.")


def sure_score(sure: Mapping[str, bool]) -> SureResult:
    """SURE test: fewer than 4 "yes" answers means the patient is not yet sure (decisional conflict)."""
    answered = [k for k in SURE_ITEMS if k in sure]
    yes = sum(1 for k in answered if sure[k])
    return SureResult(yes=yes, answered=len(answered), complete=len(answered) == 4, sure=yes == 4)


# --- values ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionValues:
    option: str
    meets: tuple[ValueFit, ...]
    works_against: tuple[ValueFit, ...]
    mixed: tuple[ValueFit, ...]


def important_values(values: Mapping[str, int]) -> list[str]:
    """Value ids rated "very" or "most" important, most important first (ties in contract order)."""
    from .contract import VALUE_IDS

    ranked = [v for v in VALUE_IDS if values.get(v, 0) >= IMPORTANT]
    return sorted(ranked, key=lambda v: -values[v])


def value_fits(content: Content, values: Mapping[str, int]) -> dict[str, OptionValues]:
    """For each option: which of the patient's important values it meets, works against, or is mixed on.

    No totals, no ranking: the same list for every option, drawn from the content with sources.
    """
    chosen = important_values(values)
    by_key = {(f.value, f.option): f for f in content.deliberation.fits}
    out: dict[str, OptionValues] = {}
    for o in OPTION_IDS:
        fits = [by_key[(v, o)] for v in chosen]
        out[o] = OptionValues(
            option=o,
            meets=tuple(f for f in fits if f.fit == "meets"),
            works_against=tuple(f for f in fits if f.fit == "works_against"),
            mixed=tuple(f for f in fits if f.fit in ("mixed", "unknown")),
        )
    return out


# --- expectations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectationResult:
    option: str
    guess: int | None
    figure: Figure | None
    no_figure: str | None

    @property
    def gap(self) -> float | None:
        if self.guess is None or self.figure is None:
            return None
        return self.guess - self.figure.per_100


def expectation_results(content: Content, expectation_id: str, guesses: Mapping[str, int]) -> list[ExpectationResult]:
    exp = next(e for e in content.deliberation.expectations if e.id == expectation_id)
    figs = {(o.id, f.id): f for o, _, f in content.figures()}
    out = []
    for o in OPTION_IDS:
        fig = figs.get((o, exp.figures[o])) if o in exp.figures else None
        out.append(ExpectationResult(o, guesses.get(o), fig, exp.no_figure.get(o)))
    return out


def expectation_feedback(r: ExpectationResult) -> str:
    """One plain sentence comparing a guess with what studies found. No judgement of the person."""
    if r.figure is None:
        return r.no_figure or "There is no number from studies to compare with."
    found = r.figure.per_100
    n = f"{found:.0f}" if float(found).is_integer() else f"{found:.1f}"
    if r.guess is None:
        return f"Studies found about {n} out of 100 ({r.figure.time_frame})."
    diff = r.guess - found
    if abs(diff) <= 10:
        return f"Your guess ({r.guess}) is close to what studies found: about {n} out of 100 ({r.figure.time_frame})."
    more = "higher" if diff > 0 else "lower"
    return (f"Your guess ({r.guess}) is {more} than what studies found: about {n} out of 100 "
            f"({r.figure.time_frame}). This may be worth talking about with your clinician.")


# --- knowledge ------------------------------------------------------------------------------------


def knowledge_score(content: Content, chosen: Mapping[str, str]) -> tuple[int, int]:
    """(correct, answered) over the knowledge items."""
    items = {k.id: k for k in content.deliberation.knowledge}
    answered = [i for i in chosen if i in items]
    return sum(1 for i in answered if chosen[i] == items[i].correct), len(answered)


# --- questions to ask -----------------------------------------------------------------------------


def _applies(item: AskItem, answers: Mapping[str, str], assessment: Assessment) -> bool:
    if item.always:
        return True
    for c in item.when:
        if answers.get(c.question, UNANSWERED) in c.is_in:
            return True
    for o, statuses in item.option_status.items():
        if assessment.status(o) in statuses:
            return True
    return False


def questions_to_ask(content: Content, answers: Mapping[str, str], assessment: Assessment) -> list[str]:
    """Questions for the consultation, from the answers and the assessment, without duplicates.

    Rule-specific questions (from the reasons that dim or flag an option) come first, then the
    general list. Order follows the content, never a ranking of options.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        k = text.strip().lower().rstrip("?")
        if k not in seen:
            seen.add(k)
            out.append(text.strip())

    for o in OPTION_IDS:
        for r in assessment.options[o].reasons:
            if r.ask:
                add(r.ask)
    for item in content.deliberation.ask:
        if _applies(item, answers, assessment):
            add(item.text)
    return out
