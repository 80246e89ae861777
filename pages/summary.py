"""Your summary: everything in one place, the PDF to take to the visit, the answers file, the resume
link and its QR code. Nothing is stored on the server: files are built in memory on request."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.answers import resume_url
from decision_aid.deliberation import knowledge_score, questions_to_ask, sure_score

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
rated = [v for v in c.deliberation.values if v.id in saved.values]
if rated:
    st.markdown("\n".join(f"- **{v.label}**: {labels[saved.values[v.id]]}" for v in rated))
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
st.markdown(
    f"- **Expectations check:** {'done' if done_exp else 'not done yet'}\n"
    f"- **Quick questions:** "
    + (f"{right} of {answered} right" if answered else "not done yet")
    + f"\n- **How sure you feel (SURE):** {s.text}\n"
    f"- **Leaning towards:** {lean_text}\n"
    f"- **How you want to decide:** {role_text}"
)
if not (done_exp or answered or s.answered or lean):
    st.page_link("pages/check.py", label="Do the checks →")

# --- questions to ask -------------------------------------------------------------------------------
st.header("Questions to ask at your visit", anchor=False)
st.markdown("\n".join(f"- {q}" for q in questions_to_ask(c, saved.answers, a)))
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
    st.image(ui.qr_png(link), caption="QR code of your link", width=200)
with text_col:
    st.markdown("Scan the code with a phone or tablet camera to open your answers there.")
ui.resume_panel(key_prefix="summary")

st.markdown(
    f"Content version {c.meta.content_version}, reviewed {c.meta.reviewed_on:%d %B %Y}; next review due by "
    f"{c.meta.review_due:%d %B %Y}."
)
ui.step_footer("pages/summary.py")
