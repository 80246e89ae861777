"""The page language (issue 14): which language this session reads, and the content in it.

The choice lives in the session only (``state.LANG``): set by ``?lang=es`` / ``?lang=en`` (contract
section 2) or by the switch drawn on every page, kept across pages, modes and reruns. Answers, files
and resume links never depend on it: a link made in Spanish opens in English with the same answers.

No Streamlit import here (``state`` imports it lazily): the helpers take the session mapping.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from . import state
from .content.loader import Content, load_content

LANGS: tuple[str, ...] = state.LANGS
DEFAULT = "en"


def normalise(code: object) -> str | None:
    """A language id from a query parameter or the session ("es", "ES", "es-MX" -> "es"); None
    when it is not one of LANGS."""
    if not isinstance(code, str):
        return None
    base = code.strip().lower().split("-", 1)[0].split("_", 1)[0]
    return base if base in LANGS else None


def other(lang: str) -> str:
    """The language the switch offers: the one that is not ``lang``."""
    return "es" if lang == "en" else "en"


def current(ss: Mapping[str, Any] | None = None) -> str:
    """This session's language (DEFAULT before the session chose one)."""
    ss = state._ss() if ss is None else ss
    return normalise(ss.get(state.LANG)) or DEFAULT


def apply(ss: Mapping[str, Any] | None = None) -> str:
    """Make this session's language the language of the current thread's run (i18n.set_lang): every
    text look-up, number and date in the package follows it. Streamlit runs each rerun, fragment
    rerun and callback in a new thread, so this is called at the top of app.py and of each fragment;
    callbacks get it from state.bind (the same state.apply_language). Returns the language."""
    ss = state._ss() if ss is None else ss
    state.apply_language(ss)
    return current(ss)


def set_language(lang: str, ss: MutableMapping[str, Any] | None = None) -> None:
    """Choose the language; nothing else in the session changes (answers, mode, parts)."""
    ss = state._ss() if ss is None else ss
    code = normalise(lang)
    assert code is not None, lang
    ss[state.LANG] = code


def switch(ss: MutableMapping[str, Any] | None = None) -> None:
    """on_click of the language switch: the other language."""
    ss = state._ss() if ss is None else ss
    set_language(other(current(ss)), ss)


def content_for(lang: str) -> Content:
    """The validated content in ``lang`` (loaded once per process and language by the loader)."""
    return load_content(normalise(lang) or DEFAULT)


def html_lang_script(lang: str) -> str:
    """A same-origin script that declares the page's language (WCAG 3.1.1): Streamlit's index.html
    says ``<html lang="en">`` whatever the page holds. The language id is one of LANGS (never user
    text), so the body differs only between languages and runs again when the language changes."""
    code = normalise(lang) or DEFAULT
    return f"<script>document.documentElement.lang='{code}';{_mark_streamlit_english()}</script>"


# Streamlit's own words stay English whatever the page's language (the skip link, the file picker's
# "Upload" button and its "1MB per file" line): on a page in another language they are marked
# lang="en" (WCAG 3.1.2), so a screen reader or Listen does not read them as Spanish. Installed once
# per tab; it follows the page's language as it changes.
def streamlit_english() -> str:
    """CSS selector of Streamlit's own English words."""
    return ('a[href="#stMain"], [data-testid="stFileUploaderDropzone"] button, '
            '[data-testid="stFileUploaderDropzoneInstructions"]')


def _mark_streamlit_english() -> str:
    return ("if(!window.__markEn){window.__markEn=1;const m=()=>{const other=document.documentElement.lang!=='en';"
            f"document.querySelectorAll('{streamlit_english()}').forEach(e=>{{"
            "if(other&&e.lang!=='en')e.lang='en';else if(!other&&e.lang)e.removeAttribute('lang');});};"
            "new MutationObserver(m).observe(document.body,{childList:true,subtree:true});m();}")
