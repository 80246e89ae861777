"""Your summary: everything in one place, the PDF to take to the visit, the answers file, the resume
link and its QR code. Nothing is stored on the server: files are built in memory on request."""

import streamlit as st

from decision_aid import state, ui, views
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

c = ui.content()
ss = st.session_state
a = ui.assessment()
saved = state.saved()

st.title("Your summary")
st.markdown(
    "Here is everything you told the aid, and what it means. Take it to your visit as a printed page, "
    "a file or a link. Nothing is stored on our server."
)

# --- options and their status ------------------------------------------------------------------
st.header("The five options and what your answers mean", anchor=False)
st.html(f'<p class="fit-line">{ui.fit_line(a)}</p>')
for o in c.options:
    r = a.options[o.id]
    st.html(
        f'<div class="card col-{r.status}" data-option="{o.id}"><h3><span class="opt-sym" aria-hidden="true">'
        f"{views.escape(o.symbol)}</span> {views.escape(o.name)}</h3>{views.status_badge_html(r.status)}"
        f"<p>{views.escape(o.summary)}</p>{views.reasons_html(c, r.reasons, open_=True)}</div>"
    )

# --- values ------------------------------------------------------------------------------------
st.header("What matters to you", anchor=False)
labels = c.deliberation.importance_labels
names = {v.id: v.label for v in c.deliberation.values}
rated = [v for v in c.deliberation.values if v.id in saved.values]
if rated:
    st.markdown("\n".join(f"- **{v.label}**: {labels[saved.values[v.id]]}" for v in rated))
    top = important_values(saved.values)
    if top:
        fits = value_fits(c, saved.values)
        lines = []
        for o in c.options:
            fo = fits[o.id]
            parts = [f"{word}: " + ", ".join(names[f.value].lower() for f in group)
                     for word, group in (("fits", fo.meets), ("works against", fo.works_against),
                                         ("mixed or not known", fo.mixed)) if group]
            lines.append(f"- **{o.short_name}**: " + "; ".join(parts) + ".")
        st.markdown("How each option fits what matters most to you (no score, no ranking; the reasons and "
                    "sources are on the What matters to you page and in the PDF):\n\n" + "\n".join(lines))
else:
    st.markdown("You have not rated what matters to you yet.")
    st.page_link("pages/values.py", label="Rate what matters to you →")

# --- checks ------------------------------------------------------------------------------------
st.header("Your checks", anchor=False)
right, answered = knowledge_score(c, ss[state.KNOWLEDGE])
s = sure_score(saved.sure)
done_exp = [e for e in c.deliberation.expectations if ss[state.EXPECTATIONS].get(e.id)]
lean = saved.leaning
lean_text = "not said yet" if not lean else ("not sure yet" if lean == "not_sure" else c.option(lean).name)
role_text = next((r.label for r in c.deliberation.roles if r.id == saved.decision_role), "not said yet")
st.subheader("What you expected, and what studies found", anchor=False)
if done_exp:
    for e in done_exp:
        st.markdown(f"**{e.question}**\n\n" + "\n".join(
            f"- **{c.option(r.option).short_name}:** {expectation_feedback(r)}"
            for r in expectation_results(c, e.id, ss[state.EXPECTATIONS][e.id])))
else:
    st.markdown("Expectations check: not done yet.")
st.subheader("Quick questions", anchor=False)
if answered:
    items = []
    for k in c.deliberation.knowledge:
        chosen = ss[state.KNOWLEDGE].get(k.id)
        if chosen is not None:
            items.append(f"- {'✓ Right' if chosen == k.correct else '✕ Not quite'}: {k.question}")
    st.markdown(f"{right} of {answered} right.\n\n" + "\n".join(items))
else:
    st.markdown("Quick questions: not done yet.")
st.subheader("How sure you feel, and where you are leaning", anchor=False)
st.markdown(
    f"- **How sure you feel (SURE):** {s.text}\n"
    f"- **Leaning towards:** {lean_text}\n"
    f"- **How you want to decide:** {role_text}"
)
if s.answered and not s.sure:
    st.markdown("Things that may help:\n\n" + "\n".join(f"- {step}" for step in c.deliberation.sure_next_steps))
if not (done_exp or answered or s.answered or lean):
    st.page_link("pages/check.py", label="Do the checks →")

# --- questions to ask -------------------------------------------------------------------------------
st.header("Questions to ask at your visit", anchor=False)
qs = ask_questions(c, saved.answers, a)
for g, title in ASK_GROUPS.items():
    group = [q for q in qs if q.group == g]
    if group:
        st.markdown(f"**{title}**\n\n" + "\n".join(f"- {q.text}" for q in group))
state.prime_widget("summary_notes", ss[state.NOTES])
st.text_area(
    "Your own notes or questions (they stay on this screen only; they go into the PDF but never into the "
    "file or the link)",
    key="summary_notes",
    on_change=lambda: ss.__setitem__(state.NOTES, ss["summary_notes"]),
    max_chars=2000,
)

# --- take it with you -------------------------------------------------------------------------------
st.header("Take it with you", anchor=False)
base = ui.base_url()
link = resume_url(base, saved)
pdf_col, file_col = st.columns(2)
with pdf_col:
    st.markdown("**A printable summary (PDF)** with the options, your answers, your questions and a note "
                "for your clinician.")
    size = st.radio("Paper size", ["A4", "Letter"], key="summary_paper", horizontal=True,
                    format_func={"A4": "A4", "Letter": "US Letter"}.__getitem__)
    st.download_button(
        "Download the summary (PDF)",
        data=ui.summary_pdf(base, size),
        file_name="spinal-stenosis-summary.pdf",
        mime="application/pdf",
        key="summary_pdf",
        type="primary",
        on_click="ignore",
        width="stretch",
    )
with file_col:
    st.markdown("**Your answers as a file** that you can open again in this aid, on any device.")
    st.download_button(
        "Download your answers (.json)",
        data=saved.to_json(),
        file_name="spinal-stenosis-answers.json",
        mime="application/json",
        key="summary_json",
        on_click="ignore",
        width="stretch",
    )
st.markdown("**Your link.** Open it later, or give it to your clinic, to see these answers again. "
            "The link holds the answers themselves; nothing is stored on a server.")
st.code(link, language=None, wrap_lines=True)
qr_col, text_col = st.columns([1, 3])
with qr_col:
    st.image(ui.qr_png(link), caption="QR code of your link", width=200,
             alt="QR code of your link: scan it to open your answers in this aid")
with text_col:
    st.markdown("Scan the code with a phone or tablet camera to open your answers there.")
ui.resume_panel(key_prefix="summary")

st.markdown(
    f"Content version {c.meta.content_version}, reviewed {c.meta.reviewed_on:%d %B %Y}; next review due by "
    f"{c.meta.review_due:%d %B %Y}."
)
ui.step_footer("pages/summary.py")
