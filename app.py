"""Router and frame. Pages draw; decision_aid decides.

Order matters: state defaults, then the resume link / mode from the URL (applied once per link),
then the frame every page shares (messages, urgent stop, out-of-date warning), then the page.
"""

import streamlit as st

from decision_aid import frame, language, language_ui, navigation, session, state, words
from decision_aid.patches import streamlit_widget_state

streamlit_widget_state.apply()  # once per process: widgets read one key, not a copy of the whole session

state.init_state()
state.begin_run()  # was the last run cut short? Then every input is drawn with its stored value (state.bind)
if st.query_params.get("mode") == "clinic":
    # ?mode=clinic (also with a resume link or on "/") opens the exam-room screen
    st.session_state[state.GO_TO_EXAM] = "from_start"
state.apply_query_params(st.query_params)
# applied once: a later switch in the sidebar must not be undone by the address on the next run
st.query_params.pop("mode", None)
st.query_params.pop("lang", None)  # the same for ?lang= (the session keeps the choice)
language.apply()  # every text, number and date of this run in the session's language
clinic = st.session_state[state.MODE] == "clinic"

st.set_page_config(
    page_title=words.text("nav_tab_title"),  # page names and tab title: texts.yaml nav_*
    page_icon=frame.FAVICON,  # a data URL: see frame.FAVICON
    layout="wide",
    # exam room: the whole width for the five cards (the sidebar opens with the arrow, top left)
    initial_sidebar_state="collapsed" if clinic else "auto",
)
# One flat list: Streamlit 1.67 draws sectioned navigation as <ul><div><header/><li/></div></ul>,
# which breaks list semantics (axe "list"/"listitem", WCAG 1.3.1); a flat list is <ul><li>.
pg = st.navigation(navigation.menu_pages())
go = st.session_state[state.GO_TO_EXAM]
if go:
    # "always": the sidebar switch or Start's exam-room button; "from_start": ?mode=clinic on Start
    # or "/" (a deep link such as /compare?mode=clinic stays where it is). Answers are untouched.
    st.session_state[state.GO_TO_EXAM] = False
    if clinic and (go == "always" or pg.url_path in ("", "start")):
        st.switch_page("pages/exam.py")
navigation.follow_mode_switch(pg.url_path)  # "At home" chosen on the exam-room screen: back to the home step
navigation.follow_page_move()  # a step footer's Back/Next asked for another page
frame.setup_page()
frame.sidebar_controls()
frame.confirm_clear()  # "Start again" asks before it deletes
frame.frame(compact=pg.url_path == "exam")
# the language switch (pinned top right by app.css); after the frame, so the urgent banner stays the
# first thing on the page
language_ui.top_bar(session.content())
# the page's scripts (its language, read aloud, open at the top) and, in home mode, the step path and
# Listen to the page: one element (the exam room has its own Listen). After the banner: it stays the
# page's first element.
navigation.page_top(pg.url_path, language_ui.scripts_html() + frame.scroll_top_html(pg.url_path),
                    "" if pg.url_path == "exam" else language_ui.page_control_html(session.content()))
pg.run()
state.end_run()
