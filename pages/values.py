"""What matters to you: rate each value 0..4; see which options meet or work against the ones that
matter most. No score, no ranking, no "best option".
Home mode: two parts, one per screen: (a) the ratings, (b) how the options fit what matters."""

import streamlit as st

from decision_aid import frame, navigation, session, state, views
from decision_aid.deliberation import important_values, value_fits

c = session.content()
ss = st.session_state
labels = c.deliberation.importance_labels
st.title(c.text("values_title"), anchor=False)

pager = navigation.part_pager("pages/values.py", [c.text("values_part_rate"), c.text("values_part_fit")],
                      c.text("values_all_parts"))


def _ratings() -> None:
    for v in c.deliberation.values:
        st.select_slider(
            v.label,  # plain text: it is also the accessible name (app.css makes labels bold)
            options=list(range(len(labels))),
            format_func=lambda i: labels[i],
            **state.bind_value(v.id),
        )
        st.markdown(v.help)  # shown as text, not as a "?" tooltip: one Tab stop less per value


def _fits() -> None:
    chosen = important_values(ss[state.VALUES])
    if not chosen:
        st.markdown(c.text("values_none_chosen").format(important=labels[3].lower(), most=labels[4].lower()))
        return
    names = {v.id: v.label for v in c.deliberation.values}
    st.markdown(c.text("values_chosen").format(names="; ".join(f"**{names[v]}**" for v in chosen)))
    st.markdown(c.text("values_no_score"))
    fits = value_fits(c, ss[state.VALUES])
    for o in c.options:
        st.html(views.value_fit_html(c, o.id, fits[o.id], names))


for k in pager.visible():
    if k == 0:
        if pager.paged:   # all on one page: no heading, the sliders come straight after the lead, as before
            navigation.part_heading(pager, 0)
        st.markdown(c.text("values_lead"))   # about rating: with part 1 only
        _ratings()
    else:
        navigation.part_heading(pager, 1)
        if session.comparison_hidden(session.assessment()):   # an emergency answer: no fit per option
            frame.hidden_notice(c, "values_fits")
        else:
            _fits()

navigation.step_footer("pages/values.py", pager)
