"""Your situation: the contract's questions, grouped safety first. Answers narrow Compare."""

import streamlit as st

from decision_aid import state, ui

c = ui.content()
ss = st.session_state
st.title(c.text("situation_title"))
st.markdown(c.text("situation_lead"))
st.markdown(c.text("situation_scans_note"))

answered = len(ss[state.ANSWERS])
st.markdown(c.text("situation_answered").format(n=answered, total=len(c.questions)))

one_at_a_time = ss[state.MODE] == "home" and not st.toggle(
    c.text("situation_show_all"), key="situation_all", persist_state="session"
)
groups = list(c.groups)
if one_at_a_time:
    i = min(ss.get("situation_group", 0), len(groups) - 1)
    shown = [groups[i]]
    st.markdown("**" + c.text("situation_part").format(n=i + 1, total=len(groups), title=groups[i].title) + "**")
else:
    shown = groups

for g in shown:
    st.header(g.title, anchor=False)
    st.markdown(g.intro)
    for q in c.questions:
        if q.group == g.id:
            with st.container(border=True):
                ui.question_input(q, "situation")

if one_at_a_time:
    prev_col, next_col = st.columns(2)
    with prev_col:
        st.button("← " + c.text("situation_prev"), key="situation_prev", disabled=i == 0,
                  on_click=lambda: ss.__setitem__("situation_group", i - 1), width="stretch")
    with next_col:
        st.button(c.text("situation_next") + " →", key="situation_next", disabled=i == len(groups) - 1,
                  on_click=lambda: ss.__setitem__("situation_group", i + 1), width="stretch")

a = ui.assessment()
st.header(c.text("situation_meaning_title"), anchor=False)
st.markdown(f"**{ui.fit_line(a)}**")
ui.status_overview(c, a)
st.page_link("pages/compare.py", label=c.text("situation_to_compare") + " →")
ui.step_footer("pages/situation.py")
