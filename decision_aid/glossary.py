"""Link medical words in a text to their plain meanings (glossary.yaml).

Pure functions, no Streamlit:

* :func:`find_terms` returns the glossary entries a text uses, in order of first use;
* :func:`glossary_html` returns the text as escaped HTML in which the first use of each entry is
  wrapped as ``<abbr class="gloss" title="plain meaning">word</abbr>`` (hover, long-press and
  screen readers give the meaning; the word itself is unchanged, so the text reads the same).

Matching: the term and its aliases, whole words only, longest first (so "spinal canal" wins over
"canal"); case-insensitive, except all-capital abbreviations (MRI, PT, LSS) which must match in
capitals so that "pt" or "ces" inside ordinary words never match.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from .content.loader import Content
from .content.models import GlossaryEntry


@dataclass(frozen=True)
class Use:
    entry: GlossaryEntry
    start: int
    end: int
    word: str
    """The text as written at that place ("steroid shot")."""


@functools.lru_cache(maxsize=4)
def _pattern(c: Content) -> tuple[re.Pattern[str], dict[str, GlossaryEntry]]:
    by_name: dict[str, GlossaryEntry] = {}
    for g in c.glossary:
        for name in (g.term, *g.aliases):
            key = name if _is_abbr(name) else name.lower()
            by_name.setdefault(key, g)
    names = sorted(by_name, key=len, reverse=True)
    parts = [re.escape(n) if _is_abbr(n) else "(?i:" + re.escape(n) + ")" for n in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"), by_name


def _is_abbr(name: str) -> bool:
    return name.isupper() and len(name) <= 5


def uses(c: Content, text: str) -> list[Use]:
    """Every place a glossary word appears in ``text`` (non-overlapping, left to right)."""
    pat, by_name = _pattern(c)
    out = []
    for m in pat.finditer(text):
        word = m.group(0)
        entry = by_name.get(word) or by_name[word.lower()]
        out.append(Use(entry, m.start(), m.end(), word))
    return out


def find_terms(c: Content, text: str) -> list[GlossaryEntry]:
    """The glossary entries used in ``text``, each once, in order of first use."""
    seen: dict[str, GlossaryEntry] = {}
    for u in uses(c, text):
        seen.setdefault(u.entry.term, u.entry)
    return list(seen.values())


def glossary_html(c: Content, text: str, already: set[str] | None = None) -> str:
    """``text`` as escaped HTML with the first use of each glossary entry marked up as
    ``<abbr class="gloss" title="plain meaning">word</abbr>``. Pass the same ``already`` set for
    several texts on one page to mark only the first use on the page (it is updated in place)."""
    done = already if already is not None else set()
    out, pos = [], 0
    for u in uses(c, text):
        if u.entry.term in done:
            continue
        done.add(u.entry.term)
        out.append(html.escape(text[pos:u.start]))
        out.append(f'<abbr class="gloss" title="{html.escape(u.entry.plain, quote=True)}">'
                   f"{html.escape(u.word)}</abbr>")
        pos = u.end
    out.append(html.escape(text[pos:]))
    return "".join(out)
