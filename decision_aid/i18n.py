"""The language of the current run, and numbers and dates written the way that language writes them.

Content is loaded per language (``content.loader.load_content(lang)``). Code that reaches the content
without being handed it (``views.text``, ``deliberation``, the PDF builders) asks :func:`current_lang`,
which is a context variable: the command line sets it for one command (``with language("es"):``),
and the app sets it for one script run. The default is English.

Dates and numbers never depend on the machine's locale: the month names are written here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from typing import Literal

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")
DEFAULT_LANG: Lang = "en"

LANG_TAGS: dict[Lang, str] = {"en": "en-US", "es": "es-US"}
"""Language tags for documents (PDF, FHIR): US English, Spanish as written in the US."""

_LANG: ContextVar[Lang] = ContextVar("decision_aid_lang", default=DEFAULT_LANG)

MONTHS: dict[Lang, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
}


def check_lang(lang: str) -> Lang:
    """``lang`` as a Lang; ValueError for anything else."""
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")


def current_lang() -> Lang:
    return _LANG.get()


def set_lang(lang: str) -> None:
    """Set the language for the rest of this context (the app: once at the top of a script run)."""
    _LANG.set(check_lang(lang))


@contextlib.contextmanager
def language(lang: str) -> Iterator[Lang]:
    """Run a block in ``lang`` and restore the previous language after it."""
    token = _LANG.set(check_lang(lang))
    try:
        yield _LANG.get()
    finally:
        _LANG.reset(token)


def format_date(d: date | datetime, lang: str | None = None, short: bool = False) -> str:
    """"4 December 2026" / "4 de diciembre de 2026"; ``short``: "4 Dec 2026" / "4 dic 2026"."""
    lg = check_lang(lang or current_lang())
    month = MONTHS[lg][d.month - 1]
    if short:
        month = month[:3]
    if lg == "es":
        return f"{d.day} {month} {d.year}" if short else f"{d.day} de {month} de {d.year}"
    return f"{d.day:02d} {month} {d.year}"


def format_time_date(d: datetime, lang: str | None = None) -> str:
    """"14:05 on 04 December 2026" / "14:05 del 4 de diciembre de 2026"."""
    lg = check_lang(lang or current_lang())
    joiner = " del " if lg == "es" else " on "
    return f"{d:%H:%M}{joiner}{format_date(d, lg)}"


def format_number(x: float, lang: str | None = None) -> str:
    """English: 12, 62.8, 1,000. Spanish: 12, 62,8, 1000 (10 000 from five digits on, a decimal comma)."""
    lg = check_lang(lang or current_lang())
    if float(x).is_integer():
        s = f"{int(x):,}"
    else:
        s = f"{x:,.1f}".rstrip("0").rstrip(".")
    if lg == "en":
        return s
    whole, _, frac = s.partition(".")
    digits = whole.replace(",", "")
    if len(digits.lstrip("-")) >= 5:
        whole = whole.replace(",", "\u00a0")  # a no-break space between groups of three
    else:
        whole = digits
    return f"{whole},{frac}" if frac else whole
