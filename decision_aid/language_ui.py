"""Drawing the language switch, the page's language and the read-aloud controls (issue 14).
A drawing module like ui.py (it imports Streamlit); the decisions are in language.py and the HTML
in listen.py."""

from __future__ import annotations

import streamlit as st

from . import language, listen, state
from .content.loader import Content

SWITCH_KEY = "lang_switch"


def top_bar(c: Content) -> None:
    """On every page, both modes (app.py, before the frame): the switch to the other language, and
    one element with the two static scripts (the page's language, WCAG 3.1.1; read aloud). app.css
    pins the bar to the top right, beside Streamlit's menu, so it takes no room on the page."""
    lang = language.current()
    with st.container(key="lang_bar"):
        st.button(c.text("ui_lang_switch"), key=SWITCH_KEY, on_click=language.switch)
        st.html('<span class="page-scripts" aria-hidden="true"></span>' + language.html_lang_script(lang)
                + listen.script_html(), unsafe_allow_javascript=True)


def home_mode() -> bool:
    return st.session_state.get(state.MODE) == "home"


def page_control(c: Content) -> None:
    """Home mode, top of every page (app.py, before the page runs): Listen to the page's opening
    (up to the first part or section that has its own control; the whole page when none has)."""
    if home_mode():
        st.html(listen.control_html(c, language.current(), name=c.text("ui_listen_page")))


def control_html(c: Content, name: str) -> str:
    """A part's control (home mode; "" in the exam room, which has its own): to put in the same
    element as the part's heading, so it costs no element of its own."""
    return listen.control_html(c, language.current(), name=name) if home_mode() else ""


def section_control(c: Content, name: str) -> None:
    """Home mode: a control for the section that follows (drawn right after its heading)."""
    html = control_html(c, name)
    if html:
        st.html(html)


def header(c: Content, title: str) -> None:
    """A section heading (``st.header``) and, in home mode, the Listen control for its section."""
    st.header(title, anchor=False)
    section_control(c, title)
