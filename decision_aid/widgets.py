"""Inputs bound to the session (state.bind): the questions, the people around the patient, the saved
answers file (open one, or stop and pick up later)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

import streamlit as st

from . import state
from .assess import Urgency
from .content.loader import Content
from .contract import RED_FLAG_QUESTIONS
from .downloads import base_url
from .frame import level_line_html_for, level_slot
from .session import assessment, content
from .words import text


def question_input(q, where: str = "situation", *, compact: bool = False) -> None:
    """One question as a radio group bound to the plain ANSWERS key (survives page switches)."""
    # ANSWERS is the one place an answer lives: state.bind shows it on every run. A widget value left
    # over from an earlier visit (None, or older than an answer given on another page) never wins:
    # the full suite once showed "Not sure" stored but no radio checked after exam room -> home.
    labels = {ch.value: ch.label for ch in q.choices}
    # plain words: the label is also the group's accessible name (markdown ** would be read out);
    # app.css makes every widget label bold
    tag = " " + text("ui_from_scan") if q.from_imaging else ""
    st.radio(
        f"{q.text}{tag}",
        options=list(labels),
        format_func=labels.__getitem__,
        horizontal=compact,
        **state.bind_answer(q.id, where),
    )
    if q.id in RED_FLAG_QUESTIONS:
        # the level this answer raised, right under it, as soon as it is answered; the banner and the
        # heading's line appear above at the same time and push it down, so on that one run it is
        # brought into view and kept there while the page settles (no move when it is already on
        # screen; the focus stays). Kept, not scrolled once: in the exam room the rest of the screen
        # changes around it as the run ends (the cards go, the questions move above them), which
        # once left it off a phone's screen (tests/e2e/test_urgency.py, in a full-suite run)
        a = assessment()
        raised: Urgency = next((u.level for u in a.urgent_reasons if u.question == q.id), "none")
        line = level_line_html_for(content(), raised, a)
        just = state.take_just_answered(q.id, where)
        if line and just:
            dom_id = f"level-{where}-{q.id}"
            st.html(line.replace("<p ", f'<p id="{dom_id}" ', 1) + _reveal_settled_js().format(id=dom_id),
                    unsafe_allow_javascript=True)
        else:
            level_slot(line)
    if not compact:
        st.markdown(f"{text('ui_why_we_ask')} {q.why}")


def skip_button(label: str, page: str, key: str) -> None:
    """A button that skips the rest of this step: opens ``page`` (a step page, path relative to
    app.py) at its first part, the focus on its title, as a Next press to that page does. Nothing
    answered is lost and nothing skipped is stored: unanswered stays unanswered."""
    st.button(label, key=key, on_click=_skip_to, args=(page,), width="stretch")


def _skip_to(page: str) -> None:
    state.apply_language(st.session_state)  # type: ignore[arg-type]  # a callback: the session's language first
    state.set_part(Path(page).stem, 0)
    state.ask_focus("title")
    st.session_state[state.GO_PAGE] = page


def support_inputs(c: Content, where: str) -> None:
    """The Ottawa guide's questions about the people around the patient (Check page, exam room):
    is anyone else involved, which option they lean to (asked only when someone is), and whether
    the patient feels pressure. Stored in state.SUPPORT (state.bind_support)."""
    ss = st.session_state
    yes_no = {"yes": c.text("check_yes"), "no": c.text("check_no")}

    def radio(key: str, label: str, options: list[str], labels: dict[str, str]) -> None:
        st.radio(label, options, format_func=labels.__getitem__, horizontal=len(options) < 3,
                 **state.bind_support(key, where))

    radio("others_involved", c.text("check_support_involved_label"), ["yes", "no"], yes_no)
    if ss[state.SUPPORT].get("others_involved"):
        labels = {o.id: o.name for o in c.options} | {"not_sure": c.text("check_support_not_sure")}
        radio("others_leaning", c.text("check_support_leaning_label"), [*(o.id for o in c.options), "not_sure"], labels)
    radio("feel_pressure", c.text("check_support_pressure_label"), ["yes", "no"], yes_no)
    if ss[state.SUPPORT].get("feel_pressure"):
        st.markdown(c.text("check_support_pressure_note"))


def upload_answers(key_prefix: str) -> None:
    """The saved-answers file picker; opening a file replaces the answers (nothing is half-loaded)."""
    key = f"{key_prefix}_upload"
    st.file_uploader(
        text("ui_upload_label"),
        type=["json"],
        key=key,
        on_change=_load_uploaded,
        args=(key,),
        max_upload_size=1,
    )


def upload_note(key_prefix: str) -> None:
    """What opening the file did, drawn by the caller right under the folding section or pop-up that
    holds the file picker (the page's rerun folds it shut; on a phone the message at the top of the
    page is off screen): a status line scrolled into view, once."""
    key = f"{key_prefix}_upload"
    note = st.session_state.get(state.UPLOAD_NOTE)
    if not note or note[0] != key:
        return
    st.session_state[state.UPLOAD_NOTE] = None
    _key, kind, message = note
    dom_id = f"upload-note-{key}"
    st.html(f'<p id="{dom_id}" class="upload-note upload-{escape(kind)}" role="status">{escape(message)}</p>'
            + _reveal_settled_js().format(id=dom_id), unsafe_allow_javascript=True)


def _reveal_settled_js() -> str:
    """Bring one element into view and keep it there while the page above it settles (a picture
    such as the QR code loads after it and pushes it down), for at most 2 s and only until the person
    scrolls, touches or types. The focus does not move."""
    return """<script>(() => {{ const el = document.getElementById('{id}');
  const main = document.querySelector('[data-testid="stMain"]');
  if (!el || !main) return;
  // the main section is moved by hand: scrollIntoView left it in place here (Chromium, a file
  // picker inside a folding section)
  const show = () => {{ if (!el.isConnected) return;
    const r = el.getBoundingClientRect(), box = main.getBoundingClientRect();
    if (r.bottom > box.bottom) main.scrollTop += r.bottom - box.bottom + 16;
    else if (r.top < box.top) main.scrollTop -= box.top - r.top + 16; }};
  requestAnimationFrame(() => requestAnimationFrame(show));
  const ro = new ResizeObserver(show);
  ro.observe(main.firstElementChild || main);
  const stop = () => ro.disconnect();
  setTimeout(stop, 2000);
  for (const ev of ['wheel', 'touchstart', 'keydown']) main.addEventListener(ev, stop, {{once: true}});
}})();</script>"""


def _load_uploaded(widget_key: str) -> None:
    from .answers import AnswersError, parse_answers_bytes
    state.apply_language(st.session_state)  # type: ignore[arg-type]  # a callback: messages in the session's language

    up = st.session_state.get(widget_key)
    if up is None:
        return
    try:
        loaded = parse_answers_bytes(up.getvalue())
    except AnswersError as exc:
        kept = " " + text("ui_upload_kept") if st.session_state.get(state.ANSWERS) else ""
        _say("error", text("ui_upload_failed", error=exc) + kept, widget_key)
        return
    state.apply_saved(loaded)
    _say("success", text("ui_upload_done", n=len(loaded.answers)), widget_key)


def _say(kind: str, message: str, widget_key: str) -> None:
    """The one-off message at the top of the page, and the same words under the file picker."""
    state.flash(kind, message)
    st.session_state[state.UPLOAD_NOTE] = (widget_key, kind, message)


@contextmanager
def folded(label: str, name: str) -> Iterator[bool]:
    """A folded panel (st.expander) whose content is drawn only while it is open: ``with folded(...)
    as open_: if open_: ...``. Opening it reruns the page (``on_change="rerun"``), which then draws
    the content; closed, it costs one element and no widget inside it on every run (a first load
    pays for every element: docs/performance.md, fourth pass). Its state: state.panel_widget(name)."""
    box = st.expander(label, key=state.panel_widget(name), on_change="rerun")
    with box:
        yield bool(box.open)


def resume_panel(key_prefix: str) -> None:
    """Pick up where you left off: open a saved answers file (a link opens by itself)."""
    with folded(text("ui_resume_title"), f"resume_{key_prefix}") as open_:
        if open_:
            st.markdown(text("ui_resume_text"))
            upload_answers(key_prefix)
    upload_note(key_prefix)


def stop_panel(key_prefix: str) -> None:
    """Stop here and pick up later: the resume link and the answers file (written when its button
    is pressed). Drawn only while open (:func:`folded`)."""
    with folded(text("ui_stop_title"), f"stop_{key_prefix}") as open_:
        if open_:
            _stop_content(key_prefix)


def _stop_content(key_prefix: str) -> None:
    from .answers import resume_url

    saved = state.saved()
    st.markdown(text("ui_stop_text"))
    link = resume_url(base_url(), saved)
    st.code(link, language=None, wrap_lines=True)
    copy_link_button(link, key_prefix)
    st.download_button(
        text("ui_stop_save"),
        # written when pressed (the saved answers are captured in this run): a file made on every
        # run of every step page would be hashed and stored each time (docs/performance.md)
        data=saved.to_json,
        file_name="spinal-stenosis-answers.json",
        mime="application/json",
        key=f"{key_prefix}_save_file",
        on_click="ignore",
    )


def _copy_js() -> str:
    """The copy button's script (static; the link and the words come in data attributes): copy with
    the clipboard API; where that is refused (no secure context, old browser), select the link in the
    box above and say how to copy it by hand."""
    return """<script>(() => {{ const btn = document.getElementById('{id}');
  if (!btn || btn.dataset.ready) return;
  btn.dataset.ready = '1';
  const out = document.getElementById('{id}-status');
  const select = () => {{
    const box = btn.closest('[data-testid="stElementContainer"]');
    const prev = box && box.previousElementSibling;
    const code = prev && prev.querySelector('code, pre');
    if (code) {{ const r = document.createRange(); r.selectNodeContents(code);
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r); }}
    out.textContent = btn.dataset.fallback; }};
  btn.addEventListener('click', () => {{
    out.textContent = '';
    if (navigator.clipboard && window.isSecureContext)
      navigator.clipboard.writeText(btn.dataset.url).then(() => {{ out.textContent = btn.dataset.done; }}, select);
    else select(); }});
}})();</script>"""


def copy_link_button(url: str, key: str) -> None:
    """A visible "Copy link" button (44 px) under the resume link's box, with a status line that says
    it was copied (or, without clipboard access, that the link is selected: press and hold to copy)."""
    dom_id = f"copy-link-{key}"
    st.html(f'<div class="copy-link"><button type="button" class="copy-btn" id="{dom_id}" data-url="{escape(url)}" '
            f'data-done="{escape(text("ui_copy_done"))}" data-fallback="{escape(text("ui_copy_fallback"))}">'
            f'{escape(text("ui_copy_link"))}</button><p class="copy-status" id="{dom_id}-status" role="status"></p></div>'
            + _copy_js().format(id=dom_id), unsafe_allow_javascript=True)
