"""This session's data as the pages need it: the content, the assessment of the answers (once per
change of the answers), whether a clinician's examination record holds, whether the comparison is
hidden, what changed since the statuses were last shown, and the exam-room brief and the record
built from the session. Session state (decision_aid/state.py) in; plain values and HTML from
views.py out. The one path of an answer: widget -> state -> assess -> here -> view."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from . import language, state, views
from .assess import Assessment, assess, changes, examination_holds
from .assess import comparison_hidden as _comparison_hidden
from .content.loader import Content, load_content
from .i18n import current_lang
from .patches.streamlit_pages import route_through_app

if TYPE_CHECKING:
    from .record import AnswerGroup


def content() -> Content:
    """The validated content (cached once per process: immutable, holds no patient data).

    Every page calls this first, so it also makes sure the page runs inside the router."""
    route_through_app(state.initialised())
    return language.content_for(current_lang())


def assessment() -> Assessment:
    """This session's assessment, computed once per change of the answers: the frame, the part
    headings, each warning-sign question and the downloads all ask for it on one run. Kept in this
    session's state (per user), never in a process-wide cache. Safe in a callback (no router check)."""
    answers = state.answers()
    lang = current_lang()   # the reasons are worded in the page's language
    memo = st.session_state.get(state.ASSESSED)
    if memo is None or memo[0] != (answers, lang):
        memo = ((answers, lang), assess(answers, load_content(lang)))
        st.session_state[state.ASSESSED] = memo
    return memo[1]


def examined(a: Assessment) -> bool:
    """A clinician recorded "examined: not an emergency" for these very answers (session only)."""
    return examination_holds(a, state.examined_record())


def comparison_hidden(a: Assessment) -> bool:
    """Whether this session's pages hide the option comparison (assess.comparison_hidden decides)."""
    return _comparison_hidden(a, examined(a))


def changed_options(a: Assessment) -> list[str]:
    """Options whose status differs from the one this session saw last (read before changes_note)."""
    return [o for o, _old, _new in changes(st.session_state.get(state.PREVIOUS_STATUS), a)]


def changes_note(c: Content, a: Assessment, *, short: bool = False) -> str:
    """HTML note of what changed since this session last saw the statuses (assess.changes); records
    the new ones. ``short``: one line for the exam room."""
    ss = st.session_state
    changed = changes(ss.get(state.PREVIOUS_STATUS), a)
    ss[state.PREVIOUS_STATUS] = a
    return views.changes_html(c, changed, short=short)


def patient_brief_html(c: Content, *, hide_leaning: bool = False) -> str:
    """What the patient said at home, in one line for the exam room (views.patient_brief_html)."""
    return views.patient_brief_html(c, state.saved(), hide_leaning=hide_leaning)


def summary_clinician_brief_html(c: Content, a: Assessment, record_anchor: str = "") -> str:
    """The Summary's clinician block at a glance in exam-room mode (views.summary_clinician_brief_html)."""
    return views.summary_clinician_brief_html(c, state.saved(), a, hidden=comparison_hidden(a),
                                              record_anchor=record_anchor)


def clinician_record_html(c: Content, a: Assessment) -> str:
    """This session's clinician part (the same record.clinician_record the PDF prints), with the exam
    room's "examined: not an emergency" record when it holds for these answers; under a hidden
    comparison (assess.comparison_hidden) without option names or leaning, as on screen."""
    from datetime import date

    from .export import APP_VERSION
    from .record import RecordInput, clinician_record, examined_line

    rec = state.examined_record() if examined(a) else None
    inp = RecordInput(c, state.saved(), a, date.today(), APP_VERSION, examined_line(c, rec), comparison_hidden(a))
    return views.clinician_record_html(clinician_record(inp))


def answer_groups(c: Content) -> list[AnswerGroup]:
    """Every answer of this session, grouped as asked (record.answer_groups over the stored answers)."""
    from .record import answer_groups

    return answer_groups(c, state.answers())


def answers_html(c: Content) -> str:
    """Every answer of this session, grouped as asked (the same record.answer_groups the PDF prints)."""
    return views.answers_html(answer_groups(c))
