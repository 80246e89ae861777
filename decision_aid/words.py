"""Words: the one place that turns ids and numbers into what a patient reads.

Text look-up (every patient-facing text lives in ``content/texts.yaml``, graded by readability.py),
the fixed word lists (status, flags, certainty, design, fit, ...), number formatting ("1,000",
"62.8", "12 out of 100"), and the wording of the leaning and the decision role. Used by the views,
charts, the PDFs, readability and deliberation, so each is said the same way everywhere. Pure: no
Streamlit; texts are read once per process (the content loader caches them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .contract import STATUSES

if TYPE_CHECKING:  # the loader (pydantic, YAML) is imported only once a text is needed
    from .assess import Assessment
    from .content.loader import Content
    from .content.models import Figure


def text(text_id: str, **fields: object) -> str:
    """A patient-facing text from texts.yaml, its {fields} filled in.

    Only texts.yaml is read, and only once a text is needed (the command line's success path never
    reads it); the same texts as ``load_content().texts`` when the content is loaded. A missing id
    raises ContentError naming it (the command line reports it in one line), never a KeyError."""
    from .content.loader import ContentError, load_texts
    from .i18n import current_lang

    texts = load_texts(current_lang()).texts
    if text_id not in texts:
        raise ContentError(f"texts.yaml: texts.{text_id}: missing")
    t = texts[text_id]
    return t.format(**fields) if fields else t


class Words(Mapping[str, str]):
    """Words for a few fixed ids (status, flag, ...), looked up in texts.yaml on use (content is
    loaded once per process), so that they are graded with the other texts."""

    def __init__(self, prefix: str, ids: Sequence[str]) -> None:
        self.prefix, self.ids = prefix, tuple(ids)

    def __getitem__(self, item: str) -> str:
        if item not in self.ids:
            raise KeyError(item)
        return text(self.prefix + item)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class WithSymbol(Mapping[str, tuple[str, str]]):
    """(symbol, words): the symbol is not a word (status is shown in words and a shape)."""

    def __init__(self, symbols: dict[str, str], words: Words) -> None:
        self.symbols, self.words = symbols, words

    def __getitem__(self, item: str) -> tuple[str, str]:
        return self.symbols[item], self.words[item]

    def __iter__(self) -> Iterator[str]:
        return iter(self.symbols)

    def __len__(self) -> int:
        return len(self.symbols)


# fixed word lists (texts.yaml <prefix><id>) --------------------------------------------------------

STATUS_TEXT = WithSymbol({"consider": "○", "discuss": "?", "not_suitable": "✕"}, Words("status_", STATUSES))
STATUS_SHORT = Words("status_short_", STATUSES)
FLAG_TEXT = Words("flag_", ("checked", "secondary", "marketing"))
FLAG_SHORT = Words("flag_short_", ("secondary", "marketing"))
CERTAINTY_TEXT = Words("certainty_", ("high", "moderate", "low", "very_low", "contested", "not_graded"))
KIND_TEXT = Words("kind_", ("no_good_studies", "not_applicable", "not_in_brief"))
FUNDING_TEXT = Words("funding_", ("industry", "public", "unknown"))
DESIGN_TEXT = Words("fig_design_", ("randomised_trial", "review_of_trials", "cohort", "clinic_records", "database",
                                    "case_series", "expert_opinion", "conference_report", "summary_of_older_study"))
APART_TEXT = Words("chart_apart_", ("outcome", "unit", "people", "time"))
FIT_TEXT = WithSymbol({"meets": "✓", "works_against": "✕", "mixed": "~"}, Words("fit_", ("meets", "works_against", "mixed")))
# Short row labels for the one-screen exam-room cards (same order in every card).
EXAM_LABELS = Words("exam_label_", ("anesthesia", "setting_stay", "back_to_activity", "how_many_improve",
                                    "how_long_lasts", "more_treatment", "serious_risks"))
MILESTONE_LABELS = Words("chart_milestone_", ("procedure", "hospital", "recovery", "benefit_starts", "benefit_lasts"))
ASK_GROUPS: Mapping[str, str] = Words("ask_group_", ("answers", "options", "general"))
"""Group id -> title of the questions to ask, in this order."""


# numbers -------------------------------------------------------------------------------------------


def fmt_number(x: float) -> str:
    """12 -> "12", 62.8 -> "62.8", 1000 -> "1,000" (Spanish: "62,8", "1000"; i18n.format_number)."""
    from .i18n import format_number

    return format_number(x)


def figure_amount(fig: Figure) -> str:
    """The number part in words: "12 out of 100" or "1.8 to 2.1 out of 100"."""
    if fig.value is not None:
        n = fmt_number(fig.value)
    else:
        assert fig.low is not None and fig.high is not None  # the model requires a value or a range
        n = text("fig_range", low=fmt_number(fig.low), high=fmt_number(fig.high))
    return text("fig_amount", n=n, total=fmt_number(fig.denominator))


def figure_sentence(fig: Figure) -> str:
    """Both frames in one plain sentence: "12 out of 100 people had X; 88 did not (within 5 years)."""
    other = ""
    if fig.value is not None and fig.value > 0:
        other = text("fig_did_not", n=fmt_number(fig.denominator - fig.value))
    who = "" if fig.per == "people" else " (" + text(f"fig_per_{fig.per}") + ")"
    return f"{figure_amount(fig)}{who} {fig.what}{other} ({fig.time_frame})."


# the patient's own choices in words ------------------------------------------------------------------


def leaning_text(c: Content, lean: str | None, *, short: bool = False) -> str:
    """Where the patient is leaning, in words: an option's name, "not sure yet" or "not said yet"."""
    if not lean:
        return text("ui_not_said_yet")
    if lean == "not_sure":
        return text("ui_not_sure_yet")
    return c.option(lean).short_name if short else c.option(lean).name


def role_text(c: Content, role: str | None) -> str:
    """How the patient wants to decide, in words ("not said yet" when not chosen)."""
    return next((r.label for r in c.deliberation.roles if r.id == role), text("ui_not_said_yet"))


def fit_line(a: Assessment, *, answered: bool = True) -> str:
    """"2 of 5 options may fit you" (one or many); with no answers yet, no count that reads like a
    verdict (issue 13 section 4)."""
    if not answered:
        return text("ui_fit_line_none")
    n = len(a.fitting())
    return text("ui_fit_line_one" if n == 1 else "ui_fit_line_many", n=n, total=len(a.options))


def fit_line_short(a: Assessment, *, answered: bool = True) -> str:
    if not answered:
        return text("ui_fit_line_none")
    return text("ui_fit_line_short", n=len(a.fitting()), total=len(a.options))
