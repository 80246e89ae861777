"""Exam room: all five options on one screen with status, key figures and why-chips. The clinician
can answer the scan questions inline; details open on demand."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.contract import IMAGING_QUESTIONS

c = ui.content()
ss = st.session_state
a = ui.assessment()

st.markdown("### The options at a glance")
st.html(f'<p class="fit-line">{ui.fit_line(a)}</p>')
note = ui.changes_note(c, a)
if note:
    st.html(f'<div class="changed" role="status">{note}</div>')

grid_col, side = st.columns([4, 1.25])
with grid_col:
    key_rows = [r.id for r in c.rows if r.key_row]
    st.html('<div class="exam">' + views.grid_html(
        c, a, rows=key_rows, short=True,
        caption="Key facts for the five options. Open 'Why?' for the reasons; open a source for the study.",
    ) + "</div>")
with side:
    st.markdown("**From the scan report**")
    for qid in IMAGING_QUESTIONS:
        ui.question_input(c.question(qid), "clinic", compact=True)

ui.patient_brief(c)
if st.toggle("Show every row with sources, certainty and funding", key="exam_details"):
    st.html(views.grid_html(c, a, heard_row=True))
    ui.chart_with_table(c, "improve")
