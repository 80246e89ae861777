"""Deliberation logic: values and how options fit them, expectations, knowledge check, SURE, and the
questions to ask. Pure functions over the content; no ranking, no scores across options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .assess import Assessment
from .content.deliberation_models import AskItem, ValueFit
from .content.loader import Content, load_content
from .content.models import UNANSWERED, Figure
from .contract import DISPLAY_ORDER, SURE_ITEMS
from .i18n import current_lang

IMPORTANT = 3
"""Importance at or above which a value counts as "matters most" (labels 3 and 4)."""


def _t(key: str, **fields: object) -> str:
    """A sentence from texts.yaml (graded by readability), its {fields} filled in."""
    t = load_content(current_lang()).text(key)
    return t.format(**fields) if fields else t


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
        n = len(SURE_ITEMS)
        if not self.answered:
            return _t("sure_none")
        if self.sure:
            return _t("sure_yes", yes=self.yes, total=n)
        if self.complete:
            return _t("sure_not_yet", yes=self.yes, total=n)
        return _t("sure_not_yet_missing", yes=self.yes, total=n, missing=n - self.answered)


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
    for o in DISPLAY_ORDER:
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


def expectation_figure(content: Content, expectation_id: str, option_id: str) -> Figure | None:
    """The figure a guess about ``option_id`` is compared with (None: no comparable figure)."""
    exp = next(e for e in content.deliberation.expectations if e.id == expectation_id)
    fid = exp.figures.get(option_id)  # type: ignore[call-overload]
    if fid is None:
        return None
    return next(f for o, _, f in content.figures() if o.id == option_id and f.id == fid)


def expectation_prompt(content: Content, expectation_id: str, option_id: str) -> str | None:
    """The guess asked for one option, in the same terms as the study figure it will be compared with
    (what was counted and when), so the guess and the figure are comparable. None: nothing to guess."""
    f = expectation_figure(content, expectation_id, option_id)
    if f is None:
        return None
    return content.text("expect_prompt").format(option=content.option(option_id).name, what=f.what, when=f.time_frame)


def expectation_problems(content: Content) -> list[str]:
    """Why a figure in the expectations check would not be comparable with a guess "out of 100
    people" (empty when all is well): wrong denominator, counted per injection or operation, no time
    frame, or an option with neither a figure nor a reason for having none."""
    out: list[str] = []
    for exp in content.deliberation.expectations:
        for o in DISPLAY_ORDER:
            f = expectation_figure(content, exp.id, o)
            if f is None:
                if o not in exp.no_figure:
                    out.append(f"{exp.id}/{o}: neither a figure nor a no_figure text")
                continue
            if f.denominator != 100:
                out.append(f"{exp.id}/{o}: figure {f.id} is out of {f.denominator}, not 100")
            if f.per != "people":
                out.append(f"{exp.id}/{o}: figure {f.id} counts {f.per}, not people")
            if f.is_range:
                out.append(f"{exp.id}/{o}: figure {f.id} is a range; a guess needs one number")
            if not f.time_frame.strip():
                out.append(f"{exp.id}/{o}: figure {f.id} has no time frame")
            if f.flag not in ("checked", "secondary"):
                out.append(f"{exp.id}/{o}: figure {f.id} is flagged {f.flag}")
    return out


def expectation_results(content: Content, expectation_id: str, guesses: Mapping[str, int]) -> list[ExpectationResult]:
    exp = next(e for e in content.deliberation.expectations if e.id == expectation_id)
    out = []
    for o in DISPLAY_ORDER:
        fig = expectation_figure(content, expectation_id, o)
        guess = guesses.get(o) if fig is not None else None
        out.append(ExpectationResult(o, guess, fig, exp.no_figure.get(o)))  # type: ignore[call-overload]
    return out


def _n(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def expectation_feedback(r: ExpectationResult) -> str:
    """One plain sentence comparing a guess with what studies found. No judgement of the person."""
    if r.figure is None:
        return r.no_figure or _t("expect_no_number")
    found = _t("expect_found_part", n=_n(r.figure.per_100), what=r.figure.what, when=r.figure.time_frame)
    if r.guess is None:
        return _t("expect_found", found=found)
    diff = r.guess - r.figure.per_100
    key = "expect_close" if abs(diff) <= 10 else ("expect_higher" if diff > 0 else "expect_lower")
    return _t(key, guess=r.guess, found=found)


# --- knowledge ------------------------------------------------------------------------------------


def knowledge_score(content: Content, chosen: Mapping[str, str]) -> tuple[int, int]:
    """(correct, answered) over the knowledge items."""
    items = {k.id: k for k in content.deliberation.knowledge}
    answered = [i for i in chosen if i in items]
    return sum(1 for i in answered if chosen[i] == items[i].correct), len(answered)


# --- questions to ask -----------------------------------------------------------------------------

class _AskGroups(Mapping[str, str]):
    """Group id -> title (texts.yaml ask_group_*), in this order."""

    ids = ("answers", "options", "general")

    def __getitem__(self, item: str) -> str:
        if item not in self.ids:
            raise KeyError(item)
        return _t(f"ask_group_{item}")

    def __iter__(self):
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


ASK_GROUPS: Mapping[str, str] = _AskGroups()


@dataclass(frozen=True)
class Question:
    id: str
    """The ask item id (deliberation.yaml), or ``rule:<rule id>`` for a rule's own question."""
    text: str
    group: str
    """One of :data:`ASK_GROUPS`."""
    sources: tuple[str, ...] = ()


def ask_applies(item: AskItem, answers: Mapping[str, str], assessment: Assessment,
                support: Mapping[str, object] | None = None) -> bool:
    """True when the item's trigger holds: always, any answer condition, any option status, or the
    patient feels pressure from someone (``support``, contract section 4)."""
    if item.always:
        return True
    if item.when_pressure and (support or {}).get("feel_pressure") is True:
        return True
    for c in item.when:
        if answers.get(c.question, UNANSWERED) in c.is_in:
            return True
    for o, statuses in item.option_status.items():
        if assessment.status(o) in statuses:
            return True
    return False


_applies = ask_applies  # older name


def ask_questions(content: Content, answers: Mapping[str, str], assessment: Assessment,
                  support: Mapping[str, object] | None = None) -> list[Question]:
    """Questions for the consultation, from the answers and the assessment, without duplicates.

    Order: questions about the patient's own answers (the content's, then the narrower questions of
    rules not already covered), then questions about the options still open, then questions for
    everyone. Order follows the content, never a ranking of options.
    """
    applying = [i for i in content.deliberation.ask if ask_applies(i, answers, assessment, support)]
    covered = {r for i in applying for r in i.covers}
    out: list[Question] = []
    seen: set[str] = set()

    def add(q: Question) -> None:
        k = q.text.strip().lower().rstrip("?")
        if k not in seen:
            seen.add(k)
            out.append(q)

    def group(i: AskItem) -> str:
        return "general" if i.always else ("answers" if i.when or i.when_pressure else "options")

    for i in applying:
        if group(i) == "answers":
            add(Question(i.id, i.text.strip(), "answers", tuple(i.sources)))
    for o in DISPLAY_ORDER:
        for r in assessment.options[o].reasons:
            if r.ask and r.rule not in covered:
                add(Question(f"rule:{r.rule}", r.ask.strip(), "answers", tuple(r.sources)))
    for g in ("options", "general"):
        for i in applying:
            if group(i) == g:
                add(Question(i.id, i.text.strip(), g, tuple(i.sources)))
    return out


def questions_to_ask(content: Content, answers: Mapping[str, str], assessment: Assessment,
                     support: Mapping[str, object] | None = None) -> list[str]:
    """The texts of :func:`ask_questions`, in order."""
    return [q.text for q in ask_questions(content, answers, assessment, support)]
