"""Link medical words in a text to their plain meanings (glossary.yaml).

Pure functions, no Streamlit:

* :func:`find_terms` returns the glossary entries a text uses, in order of first use;
* :func:`glossary_html` returns the text as escaped HTML in which the first use of each entry is
  marked with :func:`term_html` (see there for why that markup).

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


def term_html(word: str, plain: str) -> str:
    """One glossary word marked up so that its plain meaning works by touch, keyboard, mouse and
    screen reader, without JavaScript (st.html drops scripts)::

        <span class="gloss" tabindex="0" role="term" aria-description="MEANING">word<span
         class="gloss-tip" aria-hidden="true" data-tip="MEANING"></span></span>

    * ``tabindex="0"``: Tab reaches the word and a tap focuses it; the CSS in assets/app.css
      (section "glossary words") shows the meaning while the word is focused or hovered, and hides
      it when focus moves on or the user taps elsewhere. A ``title`` tooltip does neither (WCAG
      1.4.13, 2.1.1).
    * The meaning shows as a box on its own line below the word, in the text flow: it pushes the
      rest of the text down instead of covering it, so it never hides the word or other text and
      is never cut off by the grid's scrolling frame; hovering the box keeps it open.
    * The meaning is only in attributes, never a text node: the sentence reads the same with the
      tags removed (tests, copy and paste, browse mode). Screen readers get it as the word's
      description (``aria-description``); the box draws it with ``content: attr(data-tip) / ""``
      (the ``/ ""`` keeps it out of the word's name, so it is not read twice); ``aria-hidden`` too.
    * A ``<span>`` (not a ``<button>``: clicking does nothing, and a button cannot hold a box
      inside running text) with ``role="term"``; valid phrasing content inside ``<p>``, ``<td>``,
      ``<li>`` (so no ``<details>``).
    """
    meaning = html.escape(plain, quote=True)
    return (
        f'<span class="gloss" tabindex="0" role="term" aria-description="{meaning}">{html.escape(word)}'
        f'<span class="gloss-tip" aria-hidden="true" data-tip="{meaning}"></span></span>'
    )


def glossary_html(c: Content, text: str, already: set[str] | None = None) -> str:
    """``text`` as escaped HTML with the first use of each glossary entry marked up by
    :func:`term_html`. Pass the same ``already`` set for several texts on one page to mark only
    the first use on the page (it is updated in place)."""
    done = already if already is not None else set()
    out, pos = [], 0
    for u in uses(c, text):
        if u.entry.term in done:
            continue
        done.add(u.entry.term)
        out.append(html.escape(text[pos:u.start]))
        out.append(term_html(u.word, u.entry.plain))
        pos = u.end
    out.append(html.escape(text[pos:]))
    return "".join(out)
