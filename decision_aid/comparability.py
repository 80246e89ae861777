"""May two figures stand side by side? One pure rule used by the charts, the grid, the exam room and the PDF.

Two figures are comparable only when they measure the same thing (``outcome``), count the same unit
(people, injections, operations) out of the same denominator, describe the same kind of people
(``population_kind``) and were measured at close enough times (within a factor of
:data:`MAX_TIME_RATIO`, both known). Anything else is drawn apart, each with its own sentence, and the
reason is said in words (texts.yaml ``chart_apart_<reason>``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .content.models import Figure

MAX_TIME_RATIO = 2.0
"""Time frames "close enough": the longer at most twice the shorter (6 weeks vs 2 months, not 1 vs 5 years)."""

REASONS = ("outcome", "unit", "people", "time")
"""Reason ids, in the order they are checked (texts.yaml ``chart_apart_<id>``)."""

T = TypeVar("T")


def comparable(a: Figure, b: Figure) -> tuple[bool, str | None]:
    """(True, None) when ``a`` and ``b`` may be drawn side by side, else (False, reason id)."""
    if a.outcome != b.outcome:
        return False, "outcome"
    if a.per != b.per or a.denominator != b.denominator:
        return False, "unit"
    if a.population_kind != b.population_kind:
        return False, "people"
    if a.months is None or b.months is None:
        return False, "time"
    lo, hi = sorted((a.months, b.months))
    if hi != lo and (lo == 0 or hi / lo > MAX_TIME_RATIO):
        return False, "time"
    return True, None


def groups(items: Sequence[tuple[T, Figure]]) -> list[list[tuple[T, Figure]]]:
    """Split (key, figure) pairs into groups whose members are all comparable with each other.

    Order is kept (display order in, display order out): each item joins the first group it is
    comparable with in full, else starts its own group."""
    out: list[list[tuple[T, Figure]]] = []
    for item in items:
        for g in out:
            if all(comparable(item[1], other)[0] for _, other in g):
                g.append(item)
                break
        else:
            out.append([item])
    return out


def apart_reasons(figs: Sequence[Figure]) -> list[str]:
    """The reason ids (in :data:`REASONS` order) why some of these figures cannot stand side by side."""
    found = set()
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            ok, why = comparable(a, b)
            if not ok:
                found.add(why)
    return [r for r in REASONS if r in found]
