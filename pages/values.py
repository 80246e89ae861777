"""What matters to you: rate each value 0..4; see which options meet or work against the ones that
matter most. No score, no ranking, no "best option"."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.deliberation import important_values, value_fits

c = ui.content()
ss = st.session_state
labels = c.deliberation.importance_labels
st.title("What matters to you")
st.markdown(
    "People weigh the same facts differently. Rate how much each thing matters to you. "
    "There are no right answers. This does not change which options fit your health; it helps you "
    "and your clinician see what is important to you."
)

for v in c.deliberation.values:
    key = state.value_widget(v.id)
    if key not in ss:
        ss[key] = ss[state.VALUES].get(v.id, 0)
    st.select_slider(
        v.label,  # plain text: it is also the accessible name (app.css makes labels bold)
        options=list(range(len(labels))),
        format_func=lambda i: labels[i],
        key=key,
        on_change=state.keep_value,
        args=(v.id,),
        help=v.help,
    )
    st.markdown(v.help)

chosen = important_values(ss[state.VALUES])
st.header("How the options fit what matters most to you", anchor=False)
if not chosen:
    st.markdown(f"Rate something as **{labels[3].lower()}** or **{labels[4].lower()}** to see how each option fits it.")
else:
    names = {v.id: v.label for v in c.deliberation.values}
    st.markdown("You said these matter most: " + "; ".join(f"**{names[v]}**" for v in chosen) + ".")
    st.markdown("Each option is shown in the same way, in the same order. There is no score: you decide what weighs more.")
    fits = value_fits(c, ss[state.VALUES])
    for o in c.options:
        st.html(views.value_fit_html(c, o.id, fits[o.id], names))

ui.step_footer("pages/values.py")
