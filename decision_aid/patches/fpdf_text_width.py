"""fpdf2 2.8: text measuring made linear instead of quadratic while a summary PDF is built.

fpdf2's line breaker re-measures the whole growing fragment after every character, and each
measurement sums the widths of all its characters. Remembering the sum for each prefix gives the
same numbers in a fraction of the time. The memo lives in a context variable set only for the
length of one build (:data:`WIDTHS`, set by export.py), so nothing a patient wrote outlives that
build or is shared between sessions; outside a build, and for shaped text or symbol fonts, fpdf2's
own code runs. Measured in docs/performance.md.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from . import require

WRITTEN_FOR = "2.8"
"""The fpdf2 version this was written against (TTFFont.get_text_width's signature and fields)."""

WIDTHS: ContextVar[dict[int, dict[str, float]] | None] = ContextVar("pdf_text_widths", default=None)


def install() -> None:
    """Replace ``fpdf.fonts.TTFFont.get_text_width`` once per process (PatchOutdated on another fpdf2)."""
    from fpdf.fonts import TTFFont

    if getattr(TTFFont.get_text_width, "_lss_fast", False):
        return
    require("fpdf2", WRITTEN_FOR, __name__)
    original = TTFFont.get_text_width

    def get_text_width(self: Any, text: str, font_size_pt: float, text_shaping_params: Any) -> tuple[int, float]:
        memo = WIDTHS.get()
        if memo is None or text_shaping_params or self.is_symbol:
            return original(self, text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        units = memo.setdefault(id(self), {"": 0})
        u = units.get(text)
        if u is None:
            head = units.get(text[:-1])
            cw = self.cw
            u = head + cw[ord(text[-1])] if head is not None else sum(cw[ord(ch)] for ch in text)
            units[text] = u
        return len(text), u * font_size_pt * 0.001

    get_text_width._lss_fast = True  # type: ignore[attr-defined]
    TTFFont.get_text_width = get_text_width  # type: ignore[method-assign]
