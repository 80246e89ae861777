"""Your situation: the contract's questions, grouped safety first. Answers narrow Compare.
Home mode: one group per screen (navigation.part_pager), the patient's own groups first (warning
signs, symptoms, what was tried and the main health questions); the groups marked for the clinician
come last, together in one part the patient may skip ("Skip these" goes straight to Compare).
Back/Next in the step footer move through the parts."""

import streamlit as st

from decision_aid import blocks, frame, language_ui, navigation, session, state, widgets, words
from decision_aid.parts import situation_parts

c = session.content()
ss = st.session_state
st.title(c.text("situation_title"), anchor=False)
answered = len(ss[state.ANSWERS])
# the lead and the count in one element (a first load pays for every element)
st.markdown(c.text("situation_lead") + "\n\n" + c.text("situation_answered").format(n=answered, total=len(c.questions)))

parts = situation_parts([(g.id, g.title, g.for_clinician) for g in c.groups], c.text("situation_clinician_title"))
groups = {g.id: g for g in c.groups}
pager = navigation.part_pager("pages/situation.py", [p.title for p in parts], c.text("situation_show_all"))


def _questions(group_id: str) -> None:
    for q in c.questions:
        if q.group == group_id:
            with st.container(border=True):
                widgets.question_input(q, "situation")


for k in pager.visible():
    part = parts[k]
    navigation.part_heading(pager, k)
    if part.for_clinician:
        st.markdown(c.text("situation_clinician_intro"))
        st.markdown(c.text("situation_scans_note"))
        if pager.paged:
            widgets.skip_button(c.text("situation_skip"), "pages/compare.py", "situation_skip_top")
        for gid in part.groups:
            st.subheader(groups[gid].title, anchor=False)
            st.markdown(groups[gid].intro)
            _questions(gid)
    else:
        st.markdown(groups[part.groups[0]].intro)
        _questions(part.groups[0])
        if pager.paged and k + 1 < pager.n and parts[k + 1].for_clinician:
            # the last of the patient's own parts: the clinician's part may be skipped from here
            st.markdown(c.text("situation_skip_note"))
            widgets.skip_button(c.text("situation_skip_from_main"), "pages/compare.py", "situation_skip_main")

a = session.assessment()
language_ui.header(c, c.text("situation_meaning_title"))
if session.comparison_hidden(a):   # an emergency answer: no status per option; the questions are right here
    frame.hidden_notice(c, "situation", button=False)
else:
    blocks.status_overview(c, a, lead=f"**{words.fit_line(a, answered=bool(state.answers()))}**")
    navigation.full_comparison_button("pages/situation.py", "situation")
navigation.step_footer("pages/situation.py", pager)
