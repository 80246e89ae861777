"""Evidence and about: references, method, flags, disagreements, claims, version and limits."""

import streamlit as st

from decision_aid import ui, views

c = ui.content()
st.title(c.text("evidence_title"))

focus = st.query_params.get("ref")
if focus in c.references:
    st.subheader("The source you opened", anchor=False)
    st.html(f'<div class="card">{views.reference_html(c.references[focus])}</div>')

st.header("Version and review", anchor=False)
m = c.meta
st.markdown(
    f"- Content version **{m.content_version}**, published {m.published_on:%d %B %Y}.\n"
    f"- Last reviewed {m.reviewed_on:%d %B %Y}; next review due by **{m.review_due:%d %B %Y}**.\n"
    f"- Evidence base: {m.evidence_brief}"
)
st.markdown(f"**Update policy.** {m.update_policy}")

st.header("How we chose the numbers", anchor=False)
st.markdown(c.text("evidence_method"))
st.markdown(c.text("evidence_numbers"))
st.markdown(c.text("compare_flags_help"))

st.header("Where the sources disagree, and who says what", anchor=False)
for d in c.disagreements:
    st.html(views.disagreement_html(c, d))

st.header(c.text("heard_title"), anchor=False)
st.markdown(c.text("heard_lead"))
for o in c.options:
    claims = [x for x in c.claims if x.option == o.id]
    if claims:
        st.subheader(o.name, anchor=False)
        st.html("".join(views.claim_html(c, x) for x in claims))

st.header("Limits of this aid", anchor=False)
ui.text_with_sources(c, "evidence_limits")

st.header("Who made this aid, who paid, and conflicts of interest", anchor=False)
st.markdown(m.funding)
st.markdown(m.conflicts)
for p in m.contributors:
    st.markdown(f"- **{p.name}**, {p.role}. {p.qualification} Conflicts: {p.conflicts}")

st.header(f"All {len(c.references)} sources", anchor=False)
st.markdown("Sources marked 'maker' were paid for or issued by the company that makes the MILD device.")
st.html(views.references_list_html(c))
