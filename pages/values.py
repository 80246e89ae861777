"""What matters to you: rate each value 0..4 (or not: nothing is chosen until the person chooses, and
"I'd rather not say" leaves it unset); see which options meet or work against the ones that
matter most. No score, no ranking, no "best option".
Home mode: two parts, one per screen: (a) the ratings, (b) how the options fit what matters."""

import streamlit as st

from decision_aid import frame, navigation, session, state, views, widgets
from decision_aid.deliberation import important_values, value_fits

c = session.content()
ss = st.session_state
labels = c.deliberation.importance_labels
st.title(c.text("values_title"), anchor=False)

pager = navigation.part_pager("pages/values.py", [c.text("values_part_rate"), c.text("values_part_fit")],
                      c.text("values_all_parts"))


def _ratings() -> None:
    # a radio group with nothing chosen (a slider always shows a value): never rated and "I'd rather
    # not say" both stay unset, never "not important"; each choice is a whole 44 px row (app.css)
    choices: list[int | str] = [*range(len(labels)), state.VALUE_SKIP]
    shown = {**dict(enumerate(labels)), state.VALUE_SKIP: c.text("values_skip")}
    for v in c.deliberation.values:
        with st.container(border=True):   # one value per box, as the questions on Your situation
            st.radio(
                c.text("values_question").format(value=v.label),  # plain text: also the accessible name
                options=choices,
                format_func=shown.__getitem__,
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
        st.markdown(c.text("values_skip_note"))
        if pager.paged:   # home mode: the whole step may be skipped (nothing is stored)
            widgets.skip_button(c.text("values_skip_step"), "pages/check.py", "values_skip_step")
        _ratings()
    else:
        navigation.part_heading(pager, 1)
        if session.comparison_hidden(session.assessment()):   # an emergency answer: no fit per option
            frame.hidden_notice(c, "values_fits")
        else:
            _fits()

navigation.step_footer("pages/values.py", pager)
