"""Exam room: one screen a clinician turns towards the patient. All five options as big-type status
cards (status in words and shape, the same key facts in the same order, sources behind one chip each),
what the patient said at home in one line, the scan questions inline, details on demand."""

from datetime import datetime

import streamlit as st

from decision_aid import blocks, downloads, frame, language, listen, navigation, session, state, views, widgets, words
from decision_aid.assess import emergency_questions
from decision_aid.contract import IMAGING_QUESTIONS, RED_FLAG_QUESTIONS
from decision_aid.i18n import format_time_date

c = session.content()
ss = st.session_state


# The whole screen is one fragment: a scan answer reruns only this screen, not the router, sidebar
# and frame around it (docs/performance.md). Scan answers cannot raise the urgent stop, but an opened
# file can: frame_is_current() then reruns the whole app so the frame draws the stop.
def _keep_examined(checked: bool) -> None:
    """on_change of the clinician's box: record "examined: not an emergency" (for the warning signs
    answered yes right now, with the time) or take it back. Session only: never in a file or link."""
    if checked:
        a = session.assessment()
        state.record_examined(emergency_questions(a), format_time_date(datetime.now()))
    else:
        state.drop_examined()


def _warning_signs(a) -> None:
    """The warning-sign questions, each with the level it raised; under an emergency, the clinician's
    "examined: not an emergency" box. Drawn on the screen itself while any level is raised, else folded
    under the scan and exam questions (the level line under the cards says none is raised)."""
    answered = sum(1 for q in RED_FLAG_QUESTIONS if ss[state.ANSWERS].get(q) not in (None, "unsure"))
    st.markdown("**" + c.text("exam_flags_title").format(n=answered, total=len(RED_FLAG_QUESTIONS)) + "**  \n"
                + c.text("exam_flags_note"))
    for qid in RED_FLAG_QUESTIONS:
        widgets.question_input(c.question(qid), "clinic", compact=True)
    if a.urgency == "emergency":
        st.checkbox(c.text("exam_examined_label"), **state.bind(state.EXAMINED_WIDGET, session.examined(a), _keep_examined))
        st.markdown(c.text("exam_examined_help"))


@st.fragment
def _exam_screen() -> None:
    language.apply()   # a fragment rerun runs in a thread of its own: the session's language first
    a = session.assessment()
    if not frame.frame_is_current(a):
        st.rerun(scope="app")
    # marker for the exam-room styles in app.css (tighter page padding, big cards)
    hidden = session.comparison_hidden(a)   # an emergency answer: no cards, fit line or leaning
    fit = c.text("urgent_hidden_title") if hidden else words.fit_line_short(a, answered=bool(state.answers()))
    changed = session.changed_options(a)
    note = "" if hidden else session.changes_note(c, a, short=True)  # read aloud by screen readers; the cards say "Just changed"
    st.html(f'<div class="exam-screen"><div class="xhead"><h1 class="xtitle">{views.escape(c.text("exam_title"))}</h1>'
            # a one-off message (link or file opened) takes the place of the fit line: the cards say it too
            f'{frame.flash_html() or "<p class=xfit>" + views.escape(fit) + "</p>"}'
            f'<p class="xchanged sr-only" role="status">{note}</p>'
            # Listen to the screen: at the right end of the title line (app.css .xhead .listen)
            f'{listen.control_html(c, language.current(), name=c.text("ui_listen_screen"), scope="screen")}</div>'
            f'{session.patient_brief_html(c, hide_leaning=hidden)}</div>')

    # The five cards are one element laid out by CSS (app.css .xcards), not five st.columns: ten fewer
    # messages on every rerun of this screen (docs/performance.md). An emergency answer hides them
    # (and the details) until the answer changes or the clinician records the examination below.
    if hidden:
        frame.hidden_notice(c, "exam", button=False)
    else:
        st.html(listen.with_card_controls(c, language.current(), views.exam_cards_html(c, a, changed)))
    if a.urgency != "none":
        with st.container(border=True, key="exam_flags"):
            _warning_signs(a)

    # Below the cards, on the screen itself (issue 13 section 5): the scan and exam questions (a change
    # is named right here as well as on its card) and what the patient told the aid, as a short list.
    # "Not sure" is not counted as answered: the report or the exam has still to say.
    known = sum(1 for q in IMAGING_QUESTIONS if ss[state.ANSWERS].get(q) not in (None, "unsure"))
    scan_col, told_col = st.columns([3, 2], gap="medium")
    with scan_col, st.container(border=True, key="exam_scan"):
        title = c.text("exam_scan_title").format(n=known, total=len(IMAGING_QUESTIONS))
        st.html(f'<h2 class="xsection">{views.escape(title)}</h2>')
        st.markdown(c.text("exam_scan_note"))
        if note:
            st.html(f'<p class="xchanged-here">{note}</p>')
        for qid in IMAGING_QUESTIONS:
            widgets.question_input(c.question(qid), "clinic", compact=True)
        if a.urgency == "none":
            # drawn only while open (opening it reruns this screen): four radios and their level
            # slots fewer on every load and every answer (docs/performance.md, fourth pass)
            with widgets.folded(c.text("exam_flags_open"), "exam_flags") as open_:
                if open_:
                    _warning_signs(a)
    with told_col, st.container(border=True, key="exam_told"):
        st.html(f'<h2 class="xsection">{views.escape(c.text("exam_told_title"))}</h2>')
        st.html(views.answers_short_html(session.answer_groups(c), c.text("exam_told_none")))
        st.page_link("pages/summary.py", label=c.text("exam_all_answers") + " →")

    file_col, record_col, details_col = st.columns([1, 1, 1], gap="small")
    with file_col:
        # the two pop-ups, like the warning signs: their content is drawn only while open
        file_pop = st.popover(c.text("exam_file_button"), width="stretch", key=state.EXAM_FILE_PANEL, on_change="rerun")
        with file_pop:
            if file_pop.open:
                st.markdown(c.text("exam_file_note"))
                widgets.upload_answers("exam")
        widgets.upload_note("exam")
    # printing and the record for the chart (issue 15): the one-page grid and the FHIR file, then the
    # people around the patient (Ottawa guide) and the decision record
    with record_col:
        record_pop = st.popover(c.text("exam_record_button"), width="stretch", key=state.EXAM_RECORD_PANEL,
                                on_change="rerun")
        with record_pop:
            if record_pop.open:
                downloads.clinic_downloads("exam")
                st.markdown(f"**{c.text('exam_support_button')}**")
                widgets.support_inputs(c, "exam")
                st.html(session.clinician_record_html(c, a))
    with details_col:
        details = st.toggle(c.text("exam_details"), key="exam_details")
        if not hidden:
            navigation.full_comparison_button("pages/exam.py", "exam")

    if details and not hidden:
        st.html(views.grid_html(c, a, heard_row=True))
        blocks.chart_with_table(c, "improve")


_exam_screen()
