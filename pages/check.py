"""Check: expectations (guess first, then what studies found), a short knowledge check with sourced
feedback, the SURE test, the leaning and how the patient wants to decide."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.contract import LEANINGS
from decision_aid.deliberation import expectation_feedback, expectation_results, knowledge_score, sure_score

c = ui.content()
ss = st.session_state
st.title("Check your understanding and how sure you feel")

# --- expectations ---------------------------------------------------------------------------------
st.header("1. What do you expect?", anchor=False)
st.markdown("Make a guess first. Then we show what studies found next to your guess. Many people expect "
            "more than studies show; talking about it helps.")
for exp in c.deliberation.expectations:
    with st.form(f"check_exp_{exp.id}"):
        st.markdown(f"**{exp.question}**")
        stored = ss[state.EXPECTATIONS].get(exp.id, {})
        guesses = {}
        for o in c.options:
            guesses[o.id] = st.slider(o.name, 0, 100, value=int(stored.get(o.id, 50)), step=5,
                                      key=f"check_exp_{exp.id}_{o.id}")
        if st.form_submit_button("Show what studies found"):
            new = dict(ss[state.EXPECTATIONS])
            new[exp.id] = guesses
            ss[state.EXPECTATIONS] = new
    if exp.id in ss[state.EXPECTATIONS]:
        for r in expectation_results(c, exp.id, ss[state.EXPECTATIONS][exp.id]):
            src = views.chips_html(c, r.figure.sources) if r.figure else ""
            st.html(f"<p><strong>{c.option(r.option).short_name}:</strong> {views.escape(expectation_feedback(r))}"
                    + (f" <em>Who: {views.escape(r.figure.population)}.</em>" if r.figure else "") + f"{src}</p>")

# --- knowledge --------------------------------------------------------------------------------------
st.header("2. A few quick questions", anchor=False)
st.markdown("These check that the key facts came across. They are not a test of you.")
for k in c.deliberation.knowledge:
    key = f"check_know_{k.id}"
    if key not in ss and k.id in ss[state.KNOWLEDGE]:
        ss[key] = ss[state.KNOWLEDGE][k.id]
    labels = {ch.value: ch.label for ch in k.choices}
    st.radio(f"**{k.question}**", list(labels), format_func=labels.__getitem__, key=key,
             on_change=ui.keep_mapping, args=(state.KNOWLEDGE, k.id, key), **({} if key in ss else {"index": None}))
    chosen = ss[state.KNOWLEDGE].get(k.id)
    if chosen:
        right = chosen == k.correct
        st.html(f'<p class="feedback"><strong>{"✓ That is right." if right else "✕ Not quite."}</strong> '
                f"{views.escape(k.explanation)}{views.chips_html(c, k.sources)}</p>")
right, answered = knowledge_score(c, ss[state.KNOWLEDGE])
if answered:
    st.markdown(f"**{right} of {answered} right so far.**")

# --- SURE -------------------------------------------------------------------------------------------------
st.header("3. How sure do you feel? (the SURE test)", anchor=False)
for item in c.deliberation.sure:
    key = state.sure_widget(item.id)
    stored = ss[state.SURE].get(item.id)
    if key not in ss and stored is not None:
        ss[key] = "yes" if stored else "no"
    st.radio(f"**{item.text}**", ["yes", "no"], format_func=str.capitalize, key=key, horizontal=True,
             on_change=ui.keep_sure, args=(item.id,), **({} if key in ss else {"index": None}))
s = sure_score(ss[state.SURE])
if s.answered:
    st.markdown(f"**{s.text}**")
    if not s.sure:
        st.markdown("Things that may help:\n" + "\n".join(f"- {step}" for step in c.deliberation.sure_next_steps))

# --- leaning and role -----------------------------------------------------------------------------------
st.header("4. Where are you leaning?", anchor=False)
st.markdown("This is not a final decision. You can change your mind at any time.")
lean_labels = {o.id: o.name for o in c.options} | {"not_sure": "I am not sure yet"}
ui.plain_radio("Which option are you leaning towards?", list(LEANINGS), lean_labels, state.LEANING, "check_leaning")
role_labels = {r.id: r.label for r in c.deliberation.roles}
ui.plain_radio("How do you want to make the decision?", list(role_labels), role_labels, state.ROLE, "check_role")

ui.step_footer("pages/check.py")
