"""The frame around every page (drawn by app.py): styles, the sidebar (setting of use, larger text,
start again), the one-off message, the urgent banner, the short urgency lines and, under an
emergency answer, the notice that stands in for the hidden comparison."""

from __future__ import annotations

import base64
import functools
from html import escape
from pathlib import Path

import streamlit as st

from . import state, views
from .assess import Assessment, Urgency, examination_holds
from .content.loader import Content, load_content
from .i18n import current_lang
from .session import assessment, content, examined
from .views import level_line_html, urgent_html
from .words import text

ROOT = Path(__file__).resolve().parent.parent


ASSETS = ROOT / "assets"


# The theme's base is 18 px (config.toml); "Larger text" makes it 24 px (one third larger). Every
# Streamlit size and ours is in rem, so headings, buttons, labels and the sidebar all grow with it.
# The favicon as a data URL, read once per process: given a file path, st.set_page_config decodes and
# re-encodes the PNG with PIL on every rerun (about 1.5 ms of every interaction, bench/serve.py
# profile); a data URL is passed through untouched. No request leaves the page either way.
FAVICON = "data:image/png;base64," + base64.b64encode((ASSETS / "favicon.png").read_bytes()).decode("ascii")


LARGE_TEXT_CSS = "<style>html { font-size: 24px !important; }</style>"


@functools.lru_cache(maxsize=1)
def _css() -> str:
    """app.css without its comments and indentation (28 KB -> 20 KB), read once per process: the
    style sheet goes out on every run, and Streamlit scans (a regular expression) and hashes every
    element's body on every run (docs/performance.md)."""
    import re

    css = (ASSETS / "app.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)       # no comment holds a string, no string "/*"
    css = re.sub(r"\n\s*", "\n", css)
    return "<style>" + css.strip() + "</style>"


@functools.lru_cache(maxsize=2)  # static: the text size only, never answers
def styles_html(large: bool) -> views.Html:
    """The style sheet, with "Larger text" when it is on: one element (style only, so Streamlit puts
    it out of the page flow) where there were two (docs/performance.md)."""
    return views.Html(_css() + (LARGE_TEXT_CSS if large else ""))


def setup_page() -> Content:
    """Called by app.py after the state defaults (state.init_state): styles. Returns the content.
    (The page's language and the read-aloud script ride in the page top, navigation.page_top.)"""
    st.html(styles_html(bool(st.session_state.get(state.LARGE_TEXT))))
    return content()


def _scroll_top_js() -> str:
    """A static script (no user text): when the page path differs from the one this tab last drew,
    scroll the main section (Streamlit scrolls it, not the window) back to the top. It never moves
    the keyboard focus (Back/Next place it: navigation.focus_script)."""
    return """<script>/*{path}*/(() => {{
  const p = {path_js};
  if (window.__daPagePath === p) return;
  const first = window.__daPagePath === undefined;   // a freshly loaded tab is at the top already
  window.__daPagePath = p;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!first && main && main.scrollTop !== 0) main.scrollTop = 0;
}})();</script>"""


@functools.lru_cache(maxsize=32)  # the page's path only (static script, no user text)
def scroll_top_html(url_path: str) -> str:
    """Every page opens at its top, whether opened from the menu, a link or Next (Streamlit keeps the
    main section's scroll offset across pages: Compare once opened 2,700 px down). The script's body
    names the page, so the browser runs it again only when the page changes. app.py sends it in the
    page top's one element (navigation.page_top), not in an element of its own."""
    import json

    path = url_path or "start"
    return _scroll_top_js().format(path=escape(path), path_js=json.dumps(path))


def frame(*, compact: bool = False) -> None:
    """Drawn above every page by app.py: messages, urgent stop, out-of-date warning.
    ``compact`` (the one-screen exam room): the one-off message is left for the page to show in
    its own header line (see ``flash_html``)."""
    c = content()
    msg = None if compact else state.take_flash()
    if msg:
        kind, text = msg
        getattr(st, kind if kind in ("info", "success", "warning", "error") else "info")(text)
    if c.is_overdue():
        st.warning(c.text("out_of_date"), icon="⚠️")
    a = assessment()
    if state.examined_record() and not examination_holds(a, state.examined_record()):
        state.drop_examined()  # the answers changed since the examination: the record no longer applies
    st.session_state[state.FRAME_URGENT] = _frame_key(a)
    # Always one element here, empty when there is no warning: a banner that appears above the page
    # must not shift the page's elements, or the browser loses the keyboard focus on the answer
    # that raised it (keyboard journey: "Not sure" on a warning-sign question).
    urgent_banner(c, a)
    text_size_switch()


def text_size_switch() -> None:
    """ "Larger text" at the top right of every page (app.css: fixed in the header band), not in the
    side menu: a phone reaches it without opening the menu. Drawn after the warning banner, so the
    banner stays the first thing on the page (and for screen readers)."""
    # no container of its own: the toggle's key (state.LARGE_TEXT_WIDGET) gives app.css its class
    st.toggle(content().text("ui_larger_text"), **state.bind_flag(state.LARGE_TEXT_WIDGET, state.LARGE_TEXT))


def frame_is_current(a: Assessment) -> bool:
    """For a fragment that changes answers (it reruns without the frame): False when the urgent stop
    the frame drew no longer matches the answers, e.g. a file opened inside the fragment says yes
    to a red flag. The fragment then reruns the whole app, so the stop is never missed."""
    return _frame_key(a) == st.session_state.get(state.FRAME_URGENT, "none")


def _frame_key(a: Assessment) -> str:
    """What the frame's banner depends on: the level, and whether a clinician's record rewords it."""
    return a.urgency + ("+examined" if examined(a) else "")


def urgent_banner(c: Content, a: Assessment) -> None:
    if a.urgency == "none":
        st.html('<div class="urgent-slot" aria-hidden="true"></div>')
        return
    level = c.rules.urgency[a.urgency]
    rec = state.examined_record() if examined(a) else None
    note = c.text("urgent_examined").format(at=rec["at"]) if rec else None
    st.html(urgent_html(a, level.title, level.message, c.text("urgent_secondary"), note))


def level_line_html_for(c: Content, level: Urgency, a: Assessment) -> str:
    """The short urgency line for ``level`` ("" for none): the level's title and a pointer to the
    full message at the top, or, once a clinician recorded the examination, that record."""
    if level == "none":
        return ""
    more = c.text("urgent_examined_line") if level == "emergency" and examined(a) else c.text("urgent_line_more")
    return level_line_html(level, c.rules.urgency[level].title, more)


def level_slot(html: str) -> None:
    """One element either way (the level line or an empty slot): a line that appears must not
    shift the elements after it (the browser would lose the keyboard focus)."""
    st.html(html or '<div class="level-slot" aria-hidden="true"></div>')


SAFETY_GROUP = "safety"


def _to_warning_signs() -> None:
    """on_click of "Change my answer": the warning-sign questions. Home mode: Your situation at the
    safety part (focus on its heading); the exam room: its own screen, with the questions open."""
    ss = st.session_state
    state.apply_language(ss)  # type: ignore[arg-type]  # a callback: the session's language first
    if ss[state.MODE] == "clinic":
        ss[state.GO_PAGE] = "pages/exam.py"
        return
    groups = [g.id for g in load_content(current_lang()).groups]  # (a callback: no router check)
    state.set_part("situation", groups.index(SAFETY_GROUP))
    state.ask_focus("part")
    ss[state.GO_PAGE] = "pages/situation.py"


def hidden_notice(c: Content, key: str, *, button: bool = True) -> None:
    """In place of the comparison under an emergency answer: why it is hidden, and a way to change
    the answer (``button``; the exam room shows its warning-sign questions on the same screen)."""

    st.html(f'<div class="hidden-note" role="note" data-hidden="comparison"><p class="hidden-title">'
            f'<span aria-hidden="true">⚠</span> {escape(c.text("urgent_hidden_title"))}</p>'
            f"<p>{escape(c.text('urgent_hidden_text'))}</p></div>")
    if button:
        clinic = st.session_state[state.MODE] == "clinic"
        label = c.text("urgent_change_clinic") if clinic else c.text("urgent_change_home")
        st.button(label, key=f"hidden_change_{key}", on_click=_to_warning_signs)


def sidebar_controls() -> None:
    """Side menu: mode switch, start again, privacy note, version. Same on every page.
    ("Larger text" is drawn by :func:`text_size_switch`, at the top right of the page.)"""
    c = content()
    with st.sidebar:
        st.radio(
            c.text("ui_mode_question"),
            options=list(state.MODES),
            format_func=lambda m: c.text({"home": "ui_mode_home", "clinic": "ui_mode_clinic"}[m]),
            **state.bind_mode(),
        )
        st.button(c.text("ui_clear"), key="sb_clear", on_click=_ask_clear)
        # privacy note, version and disclaimer: one element (each element costs server time on every run)
        st.markdown(_sidebar_notes(c))


@functools.lru_cache(maxsize=4)  # content only (one Content per language), never answers
def _sidebar_notes(c: Content) -> str:
    return "\n\n".join((c.text("privacy_short"), c.text("ui_version").format(
        version=c.meta.content_version, review=c.review_status(), due=c.fmt_date(c.meta.review_due)),
        c.text("disclaimer")))


def _ask_clear() -> None:
    """on_click of "Start again": nothing is deleted yet; :func:`confirm_clear` asks first."""
    st.session_state[state.CONFIRM_CLEAR] = True


def _keep_answers() -> None:
    """ "No, keep them" or the dialog closed: nothing deleted, and the page says so."""
    state.apply_language(st.session_state)  # type: ignore[arg-type]
    st.session_state[state.CONFIRM_CLEAR] = False
    state.flash("info", text("ui_clear_kept"))


def _clear() -> None:
    """ "Yes, delete": every answer goes; the message says what was deleted."""
    ss = st.session_state
    state.apply_language(ss)  # type: ignore[arg-type]  # the message in the session's language
    n, v = len(ss.get(state.ANSWERS) or {}), len(ss.get(state.VALUES) or {})
    state.clear_all()
    state.flash("info", text("ui_cleared_what", n=n, rated=v))


def _clear_dialog_body() -> None:
    st.markdown(text("ui_clear_ask_text"))
    yes, no = st.columns(2)
    with yes:
        st.button(text("ui_clear_yes"), key="clear_yes", type="primary", width="stretch", on_click=_clear)
    with no:
        st.button(text("ui_clear_no"), key="clear_no", width="stretch", on_click=_keep_answers)
    if not st.session_state.get(state.CONFIRM_CLEAR):
        st.rerun()   # answered (a dialog reruns on its own): the whole app, so the dialog closes and
        # the page shows the message (the button's own value is gone with the cleared session)


def confirm_clear() -> None:
    """Called by app.py after the sidebar: once "Start again" was pressed, a dialog asks "Delete all
    your answers?" (Yes, delete / No, keep them; Escape or the close button keeps them). A dialog
    takes the keyboard focus and keeps it inside until it closes."""
    if st.session_state.get(state.CONFIRM_CLEAR):
        st.dialog(text("ui_clear_ask"), on_dismiss=_keep_answers)(_clear_dialog_body)()


def flash_html() -> str:
    """The one-off message (file or link opened, answers cleared) as one short line item, or ""."""
    msg = state.take_flash()
    return views.flash_html(*msg) if msg else ""
