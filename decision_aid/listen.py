"""Read aloud ("Listen", issue 14 section 2): pure HTML builders for the controls and the one static
script (assets/listen.js) that speaks with the browser's own speechSynthesis. Nothing is sent
anywhere; no Streamlit here.

A control is a plain group of buttons with data attributes; the script finds them by event
delegation. Every word a control shows or the script says ("Listen", "out of" for "23/1,000") is a
texts.yaml text (``ui_listen_*``), passed to the script as ``data-w-*`` attributes, so the script
itself holds no words and no user text. What a control reads (``data-listen-scope``):

- ``part``: the element it sits in and the elements after it, up to the next control or the step
  footer (home mode: a page's opening, each part heading, each section);
- ``card``: the closest ``[data-listen-root]`` (an exam-room option card);
- ``screen``: the whole main area (the exam-room screen).
"""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

from .content.loader import Content

ASSETS = Path(__file__).resolve().parent.parent / "assets"

SCOPES = ("part", "card", "screen")

# A speaker icon: drawn by app.css (.listen-icon, a data: URL mask, no request), since st.html's
# sanitiser drops inline SVG; hidden from screen readers.
SPEAKER_ICON = '<span class="listen-icon" aria-hidden="true"></span>'

# data-w-<name> -> texts.yaml id: the words the script shows (button labels, the no-voice message)
# and says in place of symbols.
WORDS: dict[str, str] = {
    "listen": "ui_listen_play",
    "pause": "ui_listen_pause",
    "resume": "ui_listen_resume",
    "no-voice": "ui_listen_no_voice",
    "out-of": "ui_listen_say_out_of",
    "to": "ui_listen_say_to",
    "percent": "ui_listen_say_percent",
    "at-least": "ui_listen_say_at_least",
    "at-most": "ui_listen_say_at_most",
    "less-than": "ui_listen_say_less_than",
    "more-than": "ui_listen_say_more_than",
    "about": "ui_listen_say_about",
}


@functools.lru_cache(maxsize=4)  # content only (one Content per language), never answers
def _words_attrs(c: Content) -> str:
    return " ".join(f'data-w-{name}="{escape(c.text(tid))}"' for name, tid in WORDS.items())


def control_html(c: Content, lang: str, *, name: str = "", scope: str = "part", compact: bool = False) -> str:
    """One "Listen" control: Listen (then Pause / Resume), Stop and Slower.

    ``name`` (what is read, e.g. the part's title) makes the group's accessible name "Listen:
    name"; every button keeps its visible label as its name (WCAG 2.5.3). ``lang`` is the page's
    language ("en" or "es"): the script picks a voice for it, or says there is none.
    Stop is out of the Tab order until something plays (one stop fewer per part for keyboard
    users); it keeps the focus when pressed.
    ``compact`` (an exam-room card, where the screen must fit without scrolling): one 44 x 44 px
    speaker button named "Listen" for screen readers (the word is hidden visually); Stop and
    Slower are the screen's own control, and Stop stops any reading."""
    assert scope in SCOPES, scope
    label = c.text("ui_listen_group").format(title=name) if name else c.text("ui_listen_play")
    word = escape(c.text("ui_listen_play"))
    main = (f'<button type="button" class="listen-btn listen-main" data-listen="play" data-state="idle"'
            f'{f" title={chr(34)}{word}{chr(34)}" if compact else ""}>{SPEAKER_ICON} '
            f'<span class="listen-label{" sr-only" if compact else ""}">{word}</span></button>')
    more = ("" if compact else
            f'<button type="button" class="listen-btn" data-listen="stop" aria-disabled="true" tabindex="-1">'
            f'{escape(c.text("ui_listen_stop"))}</button>'
            f'<button type="button" class="listen-btn" data-listen="slow" aria-pressed="false">'
            f'{escape(c.text("ui_listen_slower"))}</button>')
    return (
        f'<div class="listen{" listen-compact" if compact else ""}" role="group" aria-label="{escape(label)}" '
        f'data-listen-scope="{scope}" data-lang="{escape(lang)}" {_words_attrs(c)}>{main}{more}'
        f'<span class="listen-msg" data-listen="msg" role="status" hidden></span></div>'
    )


def with_card_controls(c: Content, lang: str, cards_html: str) -> str:
    """The exam room's five cards (views.exam_cards_html), each marked as what its control reads
    (``data-listen-root``) with a compact control in its status line; the card's own label (option
    and status) names each control's group, so no two are alike."""
    import re
    from html import unescape

    def add(m: re.Match[str]) -> str:
        name = unescape(m.group("name"))
        return (f'<section data-listen-root="" class="xcard{m.group("rest")}>{m.group("head")}<div class="xstatus">'
                + control_html(c, lang, name=name, scope="card", compact=True))

    return re.sub(r'<section class="xcard(?P<rest>[^>]*aria-label="(?P<name>[^"]*)"[^>]*)>'
                  r'(?P<head>.*?)<div class="xstatus">', add, cards_html, flags=re.S)


@functools.lru_cache(maxsize=1)
def script_js() -> str:
    """The static read-aloud script (assets/listen.js), read once per process."""
    return (ASSETS / "listen.js").read_text(encoding="utf-8")


def script_html() -> str:
    """The script as an element body for ``st.html(..., unsafe_allow_javascript=True)``: the same
    text on every run, so Streamlit mounts it once per page; it installs itself once per tab."""
    return f"<script>{script_js()}</script>"
