"""Check: expectations (guess first, then what studies found), a short knowledge check with sourced
feedback, the SURE test, the leaning and how the patient wants to decide, and the people around the patient
(Ottawa Personal Decision Guide). Home mode: these five parts one per screen (navigation.part_pager);
answers live in plain keys, so moving
between parts or modes never loses them."""

import streamlit as st

from decision_aid import frame, navigation, session, state, views, widgets
from decision_aid.contract import LEANINGS
from decision_aid.deliberation import (
    expectation_feedback,
    expectation_prompt,
    expectation_results,
    knowledge_score,
    sure_score,
)

c = session.content()
ss = st.session_state


def _keep_guesses(exp_id: str, skip: bool = False) -> None:
    """on_click of the form buttons: store the guesses typed (only options with a figure to compare;
    an empty box is no guess). ``skip``: "Skip the guesses": no guess at all, the boxes emptied."""
    state.apply_language(ss)   # a callback: the session's language first
    new = dict(ss[state.EXPECTATIONS])
    keys = {o.id: state.expectation_widget(exp_id, o.id) for o in c.options if expectation_prompt(c, exp_id, o.id) is not None}
    if skip:
        for key in keys.values():
            ss[key] = None
    new[exp_id] = {o: int(ss[k]) for o, k in keys.items() if ss.get(k) is not None}
    ss[state.EXPECTATIONS] = new


def _expectations() -> None:
    st.markdown(c.text("check_expect_lead"))
    st.markdown(c.text("check_guess_blank"))
    for exp in c.deliberation.expectations:
        stored = ss[state.EXPECTATIONS].get(exp.id, {})
        with st.form(f"check_exp_{exp.id}"):
            st.markdown(f"**{exp.question}**")
            for o in c.options:
                prompt = expectation_prompt(c, exp.id, o.id)
                if prompt is None:
                    continue
                # an empty box until the person types a guess (a slider would start at a number)
                st.number_input(prompt, min_value=0, max_value=100, value=stored.get(o.id), step=1,
                                placeholder=c.text("check_guess_placeholder"), key=state.expectation_widget(exp.id, o.id))
            skipped = [c.option(o).short_name for o in exp.no_figure]
            if skipped:
                st.markdown(c.text("check_no_guess").format(names=", ".join(skipped)))
            st.form_submit_button(c.text("check_show_found"), on_click=_keep_guesses, args=(exp.id,))
            st.form_submit_button(c.text("check_skip_guess"), on_click=_keep_guesses, args=(exp.id, True))
        if exp.id in ss[state.EXPECTATIONS]:
            lines = []
            for r in expectation_results(c, exp.id, ss[state.EXPECTATIONS][exp.id]):
                src = views.chips_html(c, r.figure.sources) if r.figure else ""
                who = (f" <em>{views.escape(c.text('check_who'))}: {views.escape(r.figure.population.rstrip('.'))}.</em>"
                       if r.figure else "")
                lines.append(f'<li data-option="{r.option}"><strong>{views.escape(c.option(r.option).short_name)}:'
                             f"</strong> {views.escape(expectation_feedback(r))}{who}{src}</li>")
            st.html(f'<ul class="expect" data-expectation="{exp.id}">{"".join(lines)}</ul>')
            st.markdown(c.text("check_expect_caution"))


def _knowledge() -> None:
    st.markdown(c.text("check_know_lead"))
    for k in c.deliberation.knowledge:
        labels = {ch.value: ch.label for ch in k.choices}
        st.radio(k.question, list(labels), format_func=labels.__getitem__, **state.bind_knowledge(k.id))
        chosen = ss[state.KNOWLEDGE].get(k.id)
        if chosen:
            verdict = f"✓ {c.text('check_right')}" if chosen == k.correct else f"✕ {c.text('check_wrong')}"
            st.html(f'<p class="feedback"><strong>{views.escape(verdict)}</strong> '
                    f"{views.escape(k.explanation)}{views.chips_html(c, k.sources)}</p>")
    right, answered = knowledge_score(c, ss[state.KNOWLEDGE])
    if answered:
        st.markdown(c.text("check_know_score").format(right=right, answered=answered))


def _sure() -> None:
    yes_no = {"yes": c.text("check_yes"), "no": c.text("check_no")}
    for item in c.deliberation.sure:
        st.radio(item.text, ["yes", "no"], format_func=yes_no.__getitem__, horizontal=True,
                 **state.bind_sure(item.id))
    s = sure_score(ss[state.SURE])
    if s.answered:
        st.markdown(f"**{s.text}**")
        if not s.sure:
            st.markdown(c.text("check_sure_help") + "\n\n"
                        + "\n".join(f"- {step}" for step in c.deliberation.sure_next_steps))


def _leaning() -> None:
    st.markdown(c.text("check_lean_lead"))
    lean_labels = {o.id: o.name for o in c.options} | {"not_sure": c.text("check_not_sure")}
    st.radio(c.text("check_lean_label"), list(LEANINGS), format_func=lean_labels.__getitem__, **state.bind_leaning())
    role_labels = {r.id: r.label for r in c.deliberation.roles}
    st.radio(c.text("check_role_label"), list(role_labels), format_func=role_labels.__getitem__, **state.bind_role())


def _support() -> None:
    st.markdown(c.text("check_support_lead"))
    widgets.support_inputs(c, "check")


st.title(c.text("check_title"), anchor=False)
PARTS = ((c.text("check_expect_title"), _expectations), (c.text("check_know_title"), _knowledge),
         (c.text("check_sure_title"), _sure), (c.text("check_lean_title"), _leaning),
         (c.text("check_support_title"), _support))
pager = navigation.part_pager("pages/check.py", [t for t, _ in PARTS], c.text("check_all_parts"))
# an emergency answer: no figures per option (expectations) and no choice of option (leaning)
hidden = session.comparison_hidden(session.assessment())
for k in pager.visible():
    navigation.part_heading(pager, k, number=True)
    if k == 0 and pager.paged:   # home mode: every part may be skipped, and the whole step (nothing is stored)
        st.markdown(c.text("check_skip_note"))
        widgets.skip_button(c.text("check_skip_step"), "pages/summary.py", "check_skip_step")
    if hidden and PARTS[k][1] in (_expectations, _leaning):
        frame.hidden_notice(c, f"check_{k}")
    else:
        PARTS[k][1]()

navigation.step_footer("pages/check.py", pager)
