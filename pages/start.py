"""Start: what the aid is for, the two ways to use it, privacy, funding, the urgent box."""

import streamlit as st

from decision_aid import language_ui, navigation, session, state, views, widgets

c = session.content()
st.title(c.text("start_title"), anchor=False)
st.markdown(c.text("start_lead"))
st.markdown(f"**{c.text('start_decision')}** {c.meta.decision}")
st.html(f'<div class="urgent-box" role="note">{views.md_inline(c.text("start_urgent_box"))}</div>')
st.markdown(c.text("start_who"))
st.markdown(c.text("start_narrows"))

language_ui.header(c, c.text("start_ways_title"))
home, clinic = st.columns(2)
with home:
    st.markdown(c.text("start_way_home"))
    if st.button(c.text("start_button_home"), key="start_home", on_click=state.set_mode, args=("home",),
                 type="primary", width="stretch"):
        st.switch_page("pages/learn.py")  # the mode is set (callback); go straight to step 2
with clinic:
    st.markdown(c.text("start_way_clinic"))
    st.button(c.text("start_button_clinic"), key="start_clinic", on_click=state.set_mode, args=("clinic",), width="stretch")
st.markdown(c.text("start_switch"))
if st.session_state[state.MODE] == "clinic":
    st.page_link("pages/exam.py", label=c.text("start_open_exam") + " →")

widgets.resume_panel(key_prefix="start")

language_ui.header(c, c.text("start_privacy_title"))
st.markdown(c.text("start_privacy"))

language_ui.header(c, c.text("start_funding_title"))
st.markdown(c.meta.funding)
st.markdown(c.meta.conflicts)
st.markdown(c.text("disclaimer"))

navigation.step_footer("pages/start.py")
