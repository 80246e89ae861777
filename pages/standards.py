"""How this aid meets decision-aid standards: the IPDAS criteria that apply, the feature that meets
each and the tests that check it (content/standards.yaml). A criterion shows "met" only when every test
it names passed in the recorded run of this content version (content/standards_outcomes.json,
decision_aid/standards.py); a blank status shows "not assessed". Plus the reading level of every page,
measured live from the content. Every word here comes from texts.yaml or standards.yaml and is graded."""

import streamlit as st

from decision_aid import language_ui, session, standards, views
from decision_aid.content.loader import ContentError, load_content
from decision_aid.readability import FH_LIMIT, GRADE_LIMIT, page_report, spanish_page_report
from decision_aid.words import fmt_number

c = session.content()
st.title(c.text("standards_title"), anchor=False)
st.markdown(c.text("standards_lead"))

GROUPS = ("qualifying", "certification", "quality", "good_practice")
CHECK = {"CI": "standards_check_ci", "CI+R": "standards_check_cir", "R": "standards_check_r", "S": "standards_check_s"}
version = c.meta.content_version
run = standards.load_run()
crit = c.standards.criteria
shown = {x.id: standards.shown_status(x, run, version) for x in crit}

ipdas = [x for x in crit if x.group != "good_practice"]
good = [x for x in crit if x.group == "good_practice"]


def _count(items, status: str) -> int:
    return sum(1 for x in items if shown[x.id] == status)


lines = [c.text("standards_count").format(met=_count(ipdas, "met"), total=len(ipdas),
                                          partly=_count(ipdas, "partly"), not_met=_count(ipdas, "not_met"))]
if _count(ipdas, "not_shown"):
    lines.append(c.text("standards_count_shown").format(n=_count(ipdas, "not_shown")))
if _count(ipdas, "not_assessed"):
    lines.append(c.text("standards_count_assessed").format(n=_count(ipdas, "not_assessed")))
st.markdown(" ".join(lines))
st.markdown(c.text("standards_count_good").format(met=_count(good, "met"), total=len(good)))
st.markdown(c.text("standards_how_status") + " " + (
    c.text("standards_run").format(version=version) if run is not None and run.content_version == version
    else c.text("standards_run_missing")))
o = c.standards.outside_scoring
if o is not None:
    st.markdown(c.text("standards_outside").format(tool=o.tool, met=o.met, total=o.total))

for group in GROUPS:
    items = [x for x in crit if x.group == group]
    if not items:
        continue
    title = c.text(f"standards_group_{group}")
    language_ui.header(c, title)
    rows = [
        {
            c.text("standards_col_rule"): f"{x.id}: {x.criterion}",
            c.text("standards_col_how"): x.feature + (f" {c.text('standards_note')} {x.note}" if x.note else ""),
            c.text("standards_col_status"): c.text(f"standards_status_{shown[x.id]}"),
            c.text("standards_col_check"): c.text(CHECK[x.check]) + ("" if not x.tests else ": " + ", ".join(x.tests)),
        }
        for x in items
    ]
    st.html(views.table_html(rows, title))

language_ui.header(c, c.text("standards_reading_title"))
st.markdown(c.text("standards_reading_aim").format(limit=f"{GRADE_LIMIT:.0f}"))
st.markdown(c.text("standards_reading_allowance"))
st.html(views.table_html(
    [
        {c.text("standards_col_page"): p.page.capitalize(), c.text("standards_col_texts"): str(p.texts),
         c.text("standards_col_words"): f"{p.words:,}",
         c.text("standards_col_fk"): f"{p.fk:.1f}",
         c.text("standards_col_worst"): f"{p.worst_fk:.1f}",
         c.text("standards_col_short"): f"{p.short_fk:.1f}",
         c.text("standards_col_smog"): f"{p.smog:.1f}",
         c.text("standards_col_fk_raw"): f"{p.fk_raw:.1f}",
         c.text("standards_col_smog_raw"): f"{p.smog_raw:.1f}"}
        for p in page_report(load_content("en"))
    ],
    c.text("standards_reading_caption"),
))
try:  # the Spanish figures beside the English ones (issue 14)
    spanish = spanish_page_report(load_content("es"))
except ContentError:  # no complete Spanish content: no Spanish figures to show
    spanish = ()
st.markdown(c.text("review_translation"))  # the Spanish is a translation, not yet reviewed (issue 14)
if spanish:
    st.markdown(c.text("standards_reading_spanish").format(limit=f"{FH_LIMIT:.0f}"))
    st.html(views.table_html(
        [
            {c.text("standards_col_page"): p.page.capitalize(), c.text("standards_col_texts"): str(p.texts),
             c.text("standards_col_words"): fmt_number(p.words),
             c.text("standards_col_fh"): fmt_number(round(p.fh, 1)),
             c.text("standards_col_fh_worst"): fmt_number(round(p.worst_fh, 1)),
             c.text("standards_col_fh_short"): fmt_number(round(p.short_fh, 1))}
            for p in spanish
        ],
        c.text("standards_reading_caption_es"),
    ))
