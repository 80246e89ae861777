"""Parts of a step page (home mode shows one part at a time): which part, and where Back and Next go.

Pure logic, no Streamlit, so it is unit-tested on its own (tests/unit/test_parts.py). The drawing is
``navigation.part_pager`` / ``navigation.step_footer``; the stored part index lives in ``state.PART``.

A page's stored part may be ``LAST`` (-1): "Back" from the next step opens the previous step at its
last part without having to know how many parts that page has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LAST = -1
"""Stored part index meaning "the last part of that page" (resolved by :func:`clamp`)."""


def clamp(index: int | None, n_parts: int) -> int:
    """The part to show: ``index`` kept inside 0..n_parts-1; negative counts from the end (LAST)."""
    if n_parts < 1:
        raise ValueError("a page has at least one part")
    i = 0 if index is None else int(index)
    if i < 0:
        i += n_parts
    return max(0, min(i, n_parts - 1))


@dataclass(frozen=True)
class Move:
    """Where a Back or Next press goes: a page (file path relative to app.py) and the part to open."""

    page: str
    part: int
    same_page: bool
    """True: only the part changes (no page switch)."""


def next_move(steps: Sequence[str], page: str, part: int, n_parts: int) -> Move | None:
    """Next: the next part of this page; after its last part, the first part of the next step.
    ``n_parts`` is 1 when the page shows everything at once. None after the last step."""
    part = clamp(part, n_parts)
    if part < n_parts - 1:
        return Move(page, part + 1, True)
    i = list(steps).index(page)
    if i + 1 < len(steps):
        return Move(steps[i + 1], 0, False)
    return None


def back_move(steps: Sequence[str], page: str, part: int, n_parts: int) -> Move | None:
    """Back: the previous part of this page; from its first part, the LAST part of the previous
    step. None on the first part of the first step."""
    part = clamp(part, n_parts)
    if part > 0:
        return Move(page, part - 1, True)
    i = list(steps).index(page)
    if i > 0:
        return Move(steps[i - 1], LAST, False)
    return None


@dataclass(frozen=True)
class Pager:
    """One page's parts on this run. ``shown`` is the part drawn, or None when all are drawn
    (exam room, or the patient chose "all on one page")."""

    page: str
    titles: tuple[str, ...]
    shown: int | None
    all_label: str = ""
    """Label of the "all on one page" toggle (drawn by the step footer in home mode)."""

    @property
    def n(self) -> int:
        return len(self.titles)

    @property
    def paged(self) -> bool:
        return self.shown is not None

    def visible(self) -> list[int]:
        """Indices of the parts to draw, in order."""
        return list(range(self.n)) if self.shown is None else [self.shown]

    def label(self, k: int, template: str = "Part {n} of {total}: {title}") -> str:
        """"Part 2 of 3: The pictures" when one part is shown, else the title alone. The app passes
        the template from texts.yaml (``ui_part_label``, graded); the default is the same words."""
        return template.format(n=k + 1, total=self.n, title=self.titles[k]) if self.paged else self.titles[k]


def make_pager(page: str, titles: Sequence[str], stored: int | None, *, one_at_a_time: bool,
               all_label: str = "") -> Pager:
    """The pager for this run: one part (the stored one, clamped) or all of them."""
    titles = tuple(titles)
    shown = clamp(stored, len(titles)) if one_at_a_time and len(titles) > 1 else None
    return Pager(page, titles, shown, all_label)


@dataclass(frozen=True)
class QuestionPart:
    """One part of "Your situation": a title and the question groups drawn under it."""

    title: str
    groups: tuple[str, ...]
    for_clinician: bool = False
    """The part of detail for the clinician: the patient may skip it ("Skip these")."""


def situation_parts(groups: Sequence[tuple[str, str, bool]], clinician_title: str) -> tuple[QuestionPart, ...]:
    """The parts of "Your situation" from the groups ``(id, title, for_clinician)`` in content order:
    each of the patient's own groups is a part of its own (warning signs first); every group marked
    for the clinician goes into one last part, ``clinician_title``, which the patient may skip."""
    own = tuple(QuestionPart(title, (gid,)) for gid, title, clin in groups if not clin)
    detail = tuple(gid for gid, _title, clin in groups if clin)
    return own + ((QuestionPart(clinician_title, detail, True),) if detail else ())
