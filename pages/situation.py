"""Your situation: the contract's questions, grouped safety first. Answers narrow Compare.
Home mode: one group per screen (navigation.part_pager); Back/Next in the step footer move through them."""

import streamlit as st

from decision_aid import blocks, frame, language_ui, navigation, session, state, widgets, words

c = session.content()
ss = st.session_state
st.title(c.text("situation_title"), anchor=False)
st.markdown(c.text("situation_lead"))
st.markdown(c.text("situation_scans_note"))

answered = len(ss[state.ANSWERS])
st.markdown(c.text("situation_answered").format(n=answered, total=len(c.questions)))

groups = list(c.groups)
pager = navigation.part_pager("pages/situation.py", [g.title for g in groups], c.text("situation_show_all"))

for k in pager.visible():
    g = groups[k]
    navigation.part_heading(pager, k)
    st.markdown(g.intro)
    for q in c.questions:
        if q.group == g.id:
            with st.container(border=True):
                widgets.question_input(q, "situation")

a = session.assessment()
language_ui.header(c, c.text("situation_meaning_title"))
if session.comparison_hidden(a):   # an emergency answer: no status per option; the questions are right here
    frame.hidden_notice(c, "situation", button=False)
else:
    st.markdown(f"**{words.fit_line(a, answered=bool(state.answers()))}**")
    blocks.status_overview(c, a)
    navigation.full_comparison_button("pages/situation.py", "situation")
navigation.step_footer("pages/situation.py", pager)
