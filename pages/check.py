"""Check: expectations (guess first, then what studies found), a short knowledge check with sourced
feedback, the SURE test, the leaning and how the patient wants to decide."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.contract import LEANINGS
from decision_aid.deliberation import (
    expectation_feedback,
    expectation_prompt,
    expectation_results,
    knowledge_score,
    sure_score,
)

c = ui.content()
ss = st.session_state


def _keep_guesses(exp_id: str) -> None:
    """on_click of the form button: store the guesses (only options with a figure to compare)."""
    new = dict(ss[state.EXPECTATIONS])
    new[exp_id] = {o.id: int(ss[f"check_exp_{exp_id}_{o.id}"]) for o in c.options
                   if expectation_prompt(c, exp_id, o.id) is not None and f"check_exp_{exp_id}_{o.id}" in ss}
    ss[state.EXPECTATIONS] = new


st.title("Check your understanding and how sure you feel")

# --- expectations ---------------------------------------------------------------------------------
st.header("1. What do you expect?", anchor=False)
st.markdown("Make a guess first. Then we show what studies found next to your guess. Many people expect "
            "more than studies show; talking about it helps. Each guess is asked in the same terms as the "
            "study it is compared with: what was counted, out of 100 people, and when.")
for exp in c.deliberation.expectations:
    stored = ss[state.EXPECTATIONS].get(exp.id, {})
    with st.form(f"check_exp_{exp.id}"):
        st.markdown(f"**{exp.question}**")
        guesses = {}
        for o in c.options:
            prompt = expectation_prompt(c, exp.id, o.id)
            if prompt is None:
                continue
            guesses[o.id] = st.slider(prompt, 0, 100, value=int(stored.get(o.id, 50)), step=1,
                                      key=f"check_exp_{exp.id}_{o.id}")
        skipped = [c.option(o).short_name for o in exp.no_figure]
        if skipped:
            st.markdown("No guess for " + ", ".join(skipped) + ": there is no checked number to compare with "
                        "(see why below, after you show what studies found).")
        st.form_submit_button("Show what studies found", on_click=_keep_guesses, args=(exp.id,))
    if exp.id in ss[state.EXPECTATIONS]:
        lines = []
        for r in expectation_results(c, exp.id, ss[state.EXPECTATIONS][exp.id]):
            src = views.chips_html(c, r.figure.sources) if r.figure else ""
            who = f" <em>Who: {views.escape(r.figure.population)}.</em>" if r.figure else ""
            lines.append(f'<li data-option="{r.option}"><strong>{views.escape(c.option(r.option).short_name)}:</strong> '
                         f"{views.escape(expectation_feedback(r))}{who}{src}</li>")
        st.html(f'<ul class="expect" data-expectation="{exp.id}">{"".join(lines)}</ul>')
        st.markdown("Each number comes from its own study, with its own people and time. Do not compare the "
                    "options with each other from these numbers.")

# --- knowledge --------------------------------------------------------------------------------------
st.header("2. A few quick questions", anchor=False)
st.markdown("These check that the key facts came across. They are not a test of you.")
for k in c.deliberation.knowledge:
    key = f"check_know_{k.id}"
    if key not in ss and k.id in ss[state.KNOWLEDGE]:
        ss[key] = ss[state.KNOWLEDGE][k.id]
    labels = {ch.value: ch.label for ch in k.choices}
    st.radio(k.question, list(labels), format_func=labels.__getitem__, key=key,
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
    st.radio(item.text, ["yes", "no"], format_func=str.capitalize, key=key, horizontal=True,
             on_change=ui.keep_sure, args=(item.id,), **({} if key in ss else {"index": None}))
s = sure_score(ss[state.SURE])
if s.answered:
    st.markdown(f"**{s.text}**")
    if not s.sure:
        st.markdown("Things that may help:\n\n" + "\n".join(f"- {step}" for step in c.deliberation.sure_next_steps))

# --- leaning and role -----------------------------------------------------------------------------------
st.header("4. Where are you leaning?", anchor=False)
st.markdown("This is not a final decision. You can change your mind at any time.")
lean_labels = {o.id: o.name for o in c.options} | {"not_sure": "I am not sure yet"}
ui.plain_radio("Which option are you leaning towards?", list(LEANINGS), lean_labels, state.LEANING, "check_leaning")
role_labels = {r.id: r.label for r in c.deliberation.roles}
ui.plain_radio("How do you want to make the decision?", list(role_labels), role_labels, state.ROLE, "check_role")

ui.step_footer("pages/check.py")
