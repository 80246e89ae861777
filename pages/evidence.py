"""Evidence and about: references, method, flags, disagreements, claims, version and limits."""

import streamlit as st

from decision_aid import blocks, frame, language_ui, session, views

c = session.content()
st.title(c.text("evidence_title"), anchor=False)

focus = st.query_params.get("ref")
if focus in c.references:
    st.subheader(c.text("evidence_source_title"), anchor=False)
    st.html(f'<div class="card">{views.reference_html(c.references[focus])}</div>')

language_ui.header(c, c.text("evidence_version_title"))
m = c.meta
st.markdown(
    "- " + c.text("evidence_version").format(version=m.content_version, published=c.fmt_date(m.published_on))
    + "\n- " + c.text("evidence_reviewed").format(review=c.review_status(), due=c.fmt_date(m.review_due))
    + f"\n- {c.text('evidence_base')} {m.evidence_brief}"
)
st.markdown(f"**{c.text('evidence_update')}** {m.update_policy}")
st.markdown(c.text("review_translation"))  # the Spanish is a translation, not yet reviewed (issue 14)

language_ui.header(c, c.text("evidence_brief_title"))
st.markdown("\n".join("- " + c.text(k) for k in ("evidence_brief_scope", "evidence_brief_sources",
                                                  "evidence_brief_search"))
            + "\n- " + c.text("evidence_brief_dates").format(checked=c.fmt_date(m.reviewed_on)))
st.markdown(c.text("evidence_brief_flags"))

language_ui.header(c, c.text("evidence_numbers_title"))
st.markdown(c.text("evidence_method"))
st.markdown(c.text("evidence_numbers"))
st.markdown(c.text("compare_flags_help"))

language_ui.header(c, c.text("evidence_disagree_title"))
for d in c.disagreements:
    st.html(views.disagreement_html(c, d))

language_ui.header(c, c.text("heard_title"))
if session.comparison_hidden(session.assessment()):   # an emergency answer: the claims per option wait too
    frame.hidden_notice(c, "evidence_heard")
else:
    st.markdown(c.text("heard_lead"))
    for o in c.options:
        claims = [x for x in c.claims if x.option == o.id]
        if claims:
            st.subheader(o.name, anchor=False)
            st.html("".join(views.claim_html(c, x) for x in claims))

language_ui.header(c, c.text("evidence_limits_title"))
blocks.text_with_sources(c, "evidence_limits")

language_ui.header(c, c.text("evidence_funding_title"))
st.markdown(m.funding)
st.markdown(m.conflicts)
for p in m.contributors:
    st.markdown(f"- **{p.name}**, {p.role}. {p.qualification} {c.text('evidence_conflicts')} {p.conflicts}")
if not any(p.clinician for p in m.contributors):
    st.markdown(c.text("evidence_no_clinician"))

language_ui.header(c, c.text("evidence_sources_title").format(n=len(c.references)))
st.markdown(c.text("evidence_maker_note"))
st.html(views.references_list_html(c))
