"""Exam room: one screen a clinician turns towards the patient. All five options as big-type status
cards (status in words and shape, the same key facts in the same order, sources behind one chip each),
what the patient said at home in one line, the scan questions inline, details on demand."""

from datetime import datetime

import streamlit as st

from decision_aid import language, listen, state, ui, views
from decision_aid.assess import assess, emergency_questions
from decision_aid.contract import IMAGING_QUESTIONS, RED_FLAG_QUESTIONS

c = ui.content()
ss = st.session_state


# The whole screen is one fragment: a scan answer reruns only this screen, not the router, sidebar
# and frame around it (docs/performance.md). Scan answers cannot raise the urgent stop, but an opened
# file can: frame_is_current() then reruns the whole app so the frame draws the stop.
def _keep_examined() -> None:
    """on_change of the clinician's box: record "examined: not an emergency" (for the warning signs
    answered yes right now, with the time) or take it back. Session only: never in a file or link."""
    if ss.get(state.EXAMINED_WIDGET):
        # (not ui.assessment(): a callback must not run the router check, which may rerun)
        a = assess(state.answers(), c)
        state.record_examined(emergency_questions(a), f"{datetime.now():%H:%M on %d %B %Y}")
    else:
        state.drop_examined()


def _warning_signs(a) -> None:
    """The warning-sign questions, each with the level it raised; under an emergency, the clinician's
    "examined: not an emergency" box. Drawn on the screen itself while any level is raised, else in
    the scan-and-exam panel (so the screen still fits without scrolling)."""
    answered = sum(1 for q in RED_FLAG_QUESTIONS if q in ss[state.ANSWERS])
    st.markdown("**" + c.text("exam_flags_title").format(n=answered, total=len(RED_FLAG_QUESTIONS)) + "**  \n"
                + c.text("exam_flags_note"))
    for qid in RED_FLAG_QUESTIONS:
        ui.question_input(c.question(qid), "clinic", compact=True)
    if a.urgency == "emergency":
        state.prime_widget(state.EXAMINED_WIDGET, ui.examined(a))
        st.checkbox(c.text("exam_examined_label"), key=state.EXAMINED_WIDGET, on_change=_keep_examined)
        st.markdown(c.text("exam_examined_help"))


@st.fragment
def _exam_screen() -> None:
    a = ui.assessment()
    if not ui.frame_is_current(a):
        st.rerun(scope="app")
    # marker for the exam-room styles in app.css (tighter page padding, big cards)
    hidden = ui.comparison_hidden(a)   # an emergency answer: no cards, fit line or leaning
    fit = c.text("urgent_hidden_title") if hidden else ui.fit_line_short(a)
    changed = ui.changed_options(a)
    note = "" if hidden else ui.changes_note(c, a, short=True)  # read aloud by screen readers; the cards say "Just changed"
    st.html(f'<div class="exam-screen"><div class="xhead"><h1 class="xtitle">{views.escape(c.text("exam_title"))}</h1>'
            # a one-off message (link or file opened) takes the place of the fit line: the cards say it too
            f'{ui.flash_html() or "<p class=xfit>" + views.escape(fit) + "</p>"}'
            f'<p class="xchanged sr-only" role="status">{note}</p>'
            # Listen to the screen: at the right end of the title line (app.css .xhead .listen)
            f'{listen.control_html(c, language.current(), name=c.text("ui_listen_screen"), scope="screen")}</div>'
            f'{ui.patient_brief_html(c, hide_leaning=hidden)}</div>')

    # The five cards are one element laid out by CSS (app.css .xcards), not five st.columns: ten fewer
    # messages on every rerun of this screen (docs/performance.md). An emergency answer hides them
    # (and the details) until the answer changes or the clinician records the examination below.
    if hidden:
        ui.hidden_notice(c, "exam", button=False)
    else:
        st.html(listen.with_card_controls(c, language.current(), views.exam_cards_html(c, a, changed)))
    if a.urgency != "none":
        with st.container(border=True, key="exam_flags"):
            _warning_signs(a)

    answered = sum(1 for q in IMAGING_QUESTIONS if q in ss[state.ANSWERS])
    scan_col, file_col, record_col, details_col, home_col = st.columns([3.3, 2.4, 1.55, 2.85, 1.95], gap="small")
    with scan_col:
        with st.popover(c.text("exam_scan_button").format(n=answered, total=len(IMAGING_QUESTIONS)),
                        width="stretch"):
            st.markdown(c.text("exam_scan_note"))
            for qid in IMAGING_QUESTIONS:
                ui.question_input(c.question(qid), "clinic", compact=True)
            if a.urgency == "none":
                _warning_signs(a)
    with file_col:
        with st.popover(c.text("exam_file_button"), width="stretch"):
            st.markdown(c.text("exam_file_note"))
            ui.upload_answers("exam")
    # printing and the record for the chart (issue 15): the one-page grid and the FHIR file, then the
    # people around the patient (Ottawa guide) and the decision record: one more popover in the same
    # row, so the screen still needs no scrolling
    with record_col:
        with st.popover(c.text("exam_record_button"), width="stretch"):
            ui.clinic_downloads("exam")
            st.markdown(f"**{c.text('exam_support_button')}**")
            ui.support_inputs(c, "exam")
            st.html(ui.clinician_record_html(c, a))
    with details_col:
        details = st.toggle(c.text("exam_details"), key="exam_details")
    with home_col:
        st.page_link("pages/situation.py", label=c.text("exam_all_answers") + " →")

    if details and not hidden:
        st.html(views.grid_html(c, a, heard_row=True))
        ui.chart_with_table(c, "improve")


_exam_screen()
