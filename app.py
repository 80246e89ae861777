"""Router and frame. Pages draw; decision_aid decides.

Order matters: state defaults, then the resume link / mode from the URL (applied once per link),
then the frame every page shares (messages, urgent stop, out-of-date warning), then the page.
"""

import streamlit as st

from decision_aid import state, ui

st.set_page_config(
    page_title="Spinal stenosis: comparing your options",
    page_icon="assets/favicon.png",
    layout="wide",
    initial_sidebar_state="auto",
)
state.init_state()
state.apply_query_params(st.query_params)

clinic = st.session_state[state.MODE] == "clinic"
pages = {
    "Your decision": [
        st.Page("pages/start.py", title="Start", url_path="start", default=not clinic),
        st.Page("pages/exam.py", title="Exam room (one screen)", url_path="exam", default=clinic),
        st.Page("pages/learn.py", title="About spinal stenosis", url_path="learn"),
        st.Page("pages/situation.py", title="Your situation", url_path="situation"),
        st.Page("pages/compare.py", title="Compare the options", url_path="compare"),
        st.Page("pages/values.py", title="What matters to you", url_path="values"),
        st.Page("pages/check.py", title="Check and lean", url_path="check"),
        st.Page("pages/summary.py", title="Your summary", url_path="summary"),
    ],
    "About this aid": [
        st.Page("pages/evidence.py", title="Evidence and about", url_path="evidence"),
        st.Page("pages/standards.py", title="Decision-aid standards", url_path="standards"),
    ],
}
pg = st.navigation(pages)
ui.setup_page()
ui.sidebar_controls()
ui.frame()
pg.run()
