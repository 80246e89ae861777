"""Drawing the language switch, the page's language and the read-aloud controls (issue 14).
A drawing module like ui.py (it imports Streamlit); the decisions are in language.py and the HTML
in listen.py."""

from __future__ import annotations

import functools
from html import escape

import streamlit as st

from . import language, listen, state
from .content.loader import Content

SWITCH_KEY = "lang_switch"


def top_bar(c: Content) -> None:
    """On every page, both modes (app.py, after the frame): the switch to the other language. app.css
    pins it to the top right, beside Streamlit's menu, so it takes no room on the page. (The page's
    language and the read-aloud script: :func:`scripts_html`, drawn with the page top.)"""
    st.button(c.text("ui_lang_switch"), key=SWITCH_KEY, on_click=language.switch)


def scripts_html() -> str:
    """The two static scripts of every page: the page's language (WCAG 3.1.1) and read aloud (it
    installs itself once per tab). Marked by an empty ``page-scripts`` span (app.css hides an
    element that holds nothing else). app.py draws them in the same element as the step path and
    the page's Listen control (navigation.page_top): no element of their own."""
    return _scripts_html(language.current())


@functools.lru_cache(maxsize=4)  # the language id only
def _scripts_html(lang: str) -> str:
    return ('<span class="page-scripts" aria-hidden="true"></span>' + language.html_lang_script(lang)
            + listen.script_html())


def home_mode() -> bool:
    return st.session_state.get(state.MODE) == "home"


def page_control_html(c: Content) -> str:
    """Home mode, top of every page (app.py, before the page runs; drawn in one element with the step
    path, navigation.page_top): Listen to the page's opening (up to the first part or section that
    has its own control; the whole page when none has). "" in the exam room's mode."""
    return listen.control_html(c, language.current(), name=c.text("ui_listen_page")) if home_mode() else ""


def control_html(c: Content, name: str) -> str:
    """A part's control (home mode; "" in the exam room, which has its own): to put in the same
    element as the part's heading, so it costs no element of its own."""
    return listen.control_html(c, language.current(), name=name) if home_mode() else ""


def header(c: Content, title: str) -> None:
    """A section heading (h2, styled like ``st.header`` by app.css ``h2.section-title``) and, in home
    mode, the Listen control for its section: one element, not two (a page's first load pays for
    every element; docs/performance.md, fourth pass). The control reads its own element too, so the
    section is read from its title."""
    st.html(f'<h2 class="section-title">{escape(title)}</h2>{control_html(c, title)}')
