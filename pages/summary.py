"""Your summary, in the order a person needs it (issue 13 section 5): first what to do with it (print
the PDF, save the answers file, keep the link or its QR code), then where the patient is leaning, what
matters to them and the questions to ask; the repeat of earlier pages (options and their status,
every answer, the checks) comes last. In exam-room mode a short block for the clinician comes first
(warning-sign level, leaning, clinical questions still open, values that matter most, pressure from
others) with a link down to the decision record. Nothing is stored on the server: files are built in
memory on request."""

import streamlit as st

from decision_aid import downloads, frame, language_ui, navigation, session, state, views, widgets, words
from decision_aid.answers import resume_url
from decision_aid.deliberation import (
    ASK_GROUPS,
    ask_questions,
    expectation_feedback,
    expectation_results,
    important_values,
    knowledge_score,
    sure_score,
    value_fits,
)
from decision_aid.record import support_lines

c = session.content()
ss = st.session_state
a = session.assessment()
saved = state.saved()
hidden = session.comparison_hidden(a)   # an emergency answer: no options, fits, figures or leaning here
RECORD_ANCHOR = "decision-record"       # the clinician block links down to the record

st.title(c.text("summary_title"), anchor=False)
# one element for the decision and the lead (each element costs server time on every run)
st.markdown(f"**{c.text('summary_decision')}** {c.meta.decision}\n\n{c.text('summary_lead')}")

# --- exam-room mode: the clinician's block at a glance comes first, with a link down to the record
clinic = ss[state.MODE] == "clinic"
if clinic:
    st.html(session.summary_clinician_brief_html(c, a, record_anchor=RECORD_ANCHOR))

# --- take it with you -------------------------------------------------------------------------------
language_ui.header(c, c.text("summary_take_title"))
base = downloads.base_url()
link = resume_url(base, saved)
pdf_col, file_col = st.columns(2)
with pdf_col:
    st.markdown(c.text("summary_pdf_text"))
    size = st.radio(c.text("summary_paper_label"), ["A4", "Letter"], key="summary_paper", horizontal=True,
                    format_func={"A4": "A4", "Letter": c.text("summary_paper_letter")}.__getitem__)
    st.download_button(
        c.text("summary_pdf_button"),
        data=downloads.summary_pdf(base, size),
        file_name="spinal-stenosis-summary.pdf",
        mime="application/pdf",
        key="summary_pdf",
        type="primary",
        on_click="ignore",
        width="stretch",
    )
with file_col:
    st.markdown(c.text("summary_file_text"))
    st.download_button(
        c.text("summary_file_button"),
        data=saved.to_json,   # written when pressed (as the stop panel's): not hashed and stored on every run
        file_name="spinal-stenosis-answers.json",
        mime="application/json",
        key="summary_json",
        on_click="ignore",
        width="stretch",
    )
downloads.clinic_downloads("summary", size)
st.markdown(c.text("summary_link_text"))
st.code(link, language=None, wrap_lines=True)
widgets.copy_link_button(link, "summary")
qr_col, text_col = st.columns([1, 3])
with qr_col:
    st.image(downloads.qr_png(link), caption=c.text("summary_qr_caption"), width=200, alt=c.text("summary_qr_alt"))
with text_col:
    st.markdown(c.text("summary_qr_text"))
widgets.resume_panel(key_prefix="summary")

# --- where the patient is leaning: SURE, leaning, how they want to decide, the people around ---------
language_ui.header(c, c.text("summary_sure_title"))
s = sure_score(saved.sure)
lean = saved.leaning
lean_text = c.text("urgent_hidden_title") if hidden and lean else words.leaning_text(c, lean)
role_text = next((r.label for r in c.deliberation.roles if r.id == saved.decision_role), c.text("ui_not_said_yet"))
st.markdown(
    f"- **{c.text('summary_sure')}:** {s.text}\n"
    f"- **{c.text('summary_lean')}:** {lean_text}\n"
    f"- **{c.text('summary_role')}:** {role_text}"
)
if s.answered and not s.sure:
    st.markdown(c.text("sure_help") + "\n\n" + "\n".join(f"- {step}" for step in c.deliberation.sure_next_steps))
st.subheader(c.text("summary_support_title"), anchor=False)
support = support_lines(c, saved.support, with_leaning=not hidden)
st.markdown("\n".join(f"- {line}" for line in support) if support else c.text("pdf_support_none"))

# --- values ------------------------------------------------------------------------------------
language_ui.header(c, c.text("summary_values_title"))
labels = c.deliberation.importance_labels
names = {v.id: v.label for v in c.deliberation.values}
rated = [v for v in c.deliberation.values if v.id in saved.values]
if rated:
    st.markdown("\n".join(f"- **{v.label}**: {labels[saved.values[v.id]]}" for v in rated))
    top = important_values(saved.values)
    if top and not hidden:
        fits = value_fits(c, saved.values)
        lines = []
        for o in c.options:
            fo = fits[o.id]
            parts = [f"{views.FIT_TEXT[kind][1].lower()}: " + ", ".join(names[f.value].lower() for f in group)
                     for kind, group in (("meets", fo.meets), ("works_against", fo.works_against),
                                         ("mixed", fo.mixed)) if group]
            lines.append(f"- **{o.short_name}**: " + "; ".join(parts) + ".")
        st.markdown(c.text("summary_values_fit") + "\n\n" + "\n".join(lines))
else:
    st.markdown(c.text("summary_values_none"))
    st.page_link("pages/values.py", label=c.text("summary_to_values") + " →")

# --- questions to ask -------------------------------------------------------------------------------
language_ui.header(c, c.text("summary_ask_title"))
qs = [q for q in ask_questions(c, saved.answers, a, saved.support) if not (hidden and q.group == "options")]
asked = [(title, [q for q in qs if q.group == g]) for g, title in ASK_GROUPS.items()]
if any(group for _, group in asked):   # the groups in one element
    st.markdown("\n\n".join(f"**{title}**\n\n" + "\n".join(f"- {q.text}" for q in group)
                              for title, group in asked if group))
st.text_area(c.text("summary_notes_label"), max_chars=2000, **state.bind_notes())

# --- for the clinician (clinic mode): the record of the shared decision, with the exam room's
# "examined: not an emergency" record when one holds for these answers
if clinic:
    language_ui.header(c, c.text("summary_clin_title"))
    record = state.examined_record() if session.examined(a) else None
    if record:
        st.markdown(c.text("summary_clin_examined").format(at=record["at"]) + "\n\n"
                    + "\n".join(f"- {c.question(q).text}" for q in record["questions"]))
    # tabindex -1: the brief's link down to it moves the keyboard focus there too, not only the view
    st.html(f'<div id="{RECORD_ANCHOR}" tabindex="-1">{session.clinician_record_html(c, a)}</div>')

# --- last: the repeat of earlier pages (options and their status, every answer, the checks) --------
st.markdown(f"---\n\n**{c.text('summary_repeat_title')}.** {c.text('summary_repeat_lead')}")   # rule and lead: one element

# --- options and their status ------------------------------------------------------------------
language_ui.header(c, c.text("summary_options_title"))
if hidden:
    frame.hidden_notice(c, "summary_options")
else:
    # the fit line and the five cards in one element (each element costs every first load)
    st.html(f'<p class="fit-line">{words.fit_line(a, answered=bool(state.answers()))}</p>' + "".join(
        f'<div class="card col-{a.options[o.id].status}" data-option="{o.id}"><h3><span class="opt-sym" '
        f'aria-hidden="true">{views.escape(o.symbol)}</span> {views.escape(o.name)}</h3>'
        f"{views.status_badge_html(a.options[o.id].status)}<p>{views.escape(o.summary)}</p>"
        f"{views.reasons_html(c, a.options[o.id].reasons, open_=True)}</div>" for o in c.options))
    navigation.full_comparison_button("pages/summary.py", "summary")

# --- every answer, grouped as asked -----------------------------------------------------------------
language_ui.header(c, c.text("summary_answers_title"))
st.markdown(c.text("summary_answers_lead"))
st.html(session.answers_html(c))

# --- the checks (a repeat of the Check page) -------------------------------------------------------
language_ui.header(c, c.text("summary_checks_title"))
right, answered = knowledge_score(c, saved.knowledge)
done_exp = [e for e in c.deliberation.expectations if saved.expectations.get(e.id)]
st.subheader(c.text("summary_expect_title"), anchor=False)
if done_exp and hidden:
    st.markdown(c.text("urgent_hidden_title") + ".")
elif done_exp:
    for e in done_exp:
        st.markdown(f"**{e.question}**\n\n" + "\n".join(
            f"- **{c.option(r.option).short_name}:** {expectation_feedback(r)}"
            for r in expectation_results(c, e.id, saved.expectations[e.id])))
else:
    st.markdown(c.text("summary_expect_none"))
st.subheader(c.text("summary_quiz_title"), anchor=False)
if answered:
    items = []
    for k in c.deliberation.knowledge:
        chosen = saved.knowledge.get(k.id)
        if chosen is not None:
            mark = f"✓ {c.text('summary_quiz_right')}" if chosen == k.correct else f"✕ {c.text('summary_quiz_wrong')}"
            items.append(f"- {mark}: {k.question}")
    st.markdown(c.text("summary_quiz_score").format(right=right, answered=answered) + "\n\n" + "\n".join(items))
else:
    st.markdown(c.text("summary_quiz_none"))
if not (done_exp or answered or s.answered or lean or support):
    st.page_link("pages/check.py", label=c.text("summary_to_check") + " →")

st.markdown(c.text("summary_version").format(version=c.meta.content_version, review=c.review_status(),
                                             due=c.fmt_date(c.meta.review_due)))
navigation.step_footer("pages/summary.py")
