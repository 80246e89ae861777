"""How this aid meets decision-aid standards: the IPDAS criteria that apply, the feature that meets
each and the test that checks it (data in content/standards.yaml, checked by the test suite), plus
the reading level of every page, measured live from the content."""

import streamlit as st

from decision_aid import ui
from decision_aid.readability import GRADE_LIMIT, page_report

c = ui.content()
st.title("How this aid meets decision-aid standards", anchor=False)
st.markdown(
    "Good decision aids follow the International Patient Decision Aid Standards (IPDAS). Below is each "
    "standard that applies to this aid, what in the aid meets it, and the automatic test that checks it. "
    "Some standards need people, not tests: for example, testing the aid with patients. We say plainly "
    "where that has not been done yet."
)

GROUPS = {
    "qualifying": "Needed to count as a decision aid",
    "certification": "Needed for certification",
    "quality": "Quality",
    "good_practice": "Good practice beyond the standard",
}
STATUS = {"met": "✓ Met", "partly": "~ Partly met", "not_yet": "✕ Not yet"}
CHECK = {
    "CI": "Automatic test",
    "CI+R": "Automatic test, and a person judges quality",
    "R": "Review by people",
    "S": "User study",
}
crit = c.standards.criteria
met = sum(1 for x in crit if x.status == "met")
st.markdown(f"**{met} of {len(crit)} listed standards are met.** The list is checked by the test suite: a test "
            "fails if a listed test does not exist or a standard has no feature.")
for group, title in GROUPS.items():
    items = [x for x in crit if x.group == group]
    if not items:
        continue
    st.header(title, anchor=False)
    rows = [
        {
            "Standard": f"{x.id}: {x.criterion}",
            "How the aid meets it": x.feature + (f" Note: {x.note}" if x.note else ""),
            "Status": STATUS[x.status],
            "How it is checked": CHECK[x.check] + ("" if not x.tests else ": " + ", ".join(x.tests)),
        }
        for x in items
    ]
    st.html(ui.table_html(rows, title))

st.header("Reading level", anchor=False)
st.markdown(
    f"We aim for every text at US school grade {GRADE_LIMIT:.0f} or lower. The test suite grades every text a "
    "patient reads. Texts of 12 words or more must each be at grade 8 or lower (Flesch-Kincaid). Shorter texts, "
    "like labels, are graded together for each page. Each page's longer texts are also scored together with "
    "SMOG, which suits longer passages."
)
st.markdown(
    "The names of the treatments and a few words patients need at the clinic (such as anesthesia, stenosis and "
    "ligament) are counted as two syllables. Each has a plain meaning in the glossary. The last two columns show "
    "the grades without that allowance, so you can see what it changes."
)
st.html(ui.table_html(
    [
        {"Page": p.page.capitalize(), "Texts": str(p.texts), "Words": f"{p.words:,}",
         "Flesch-Kincaid (longer texts together)": f"{p.fk:.1f}",
         "Hardest single text": f"{p.worst_fk:.1f}",
         "Short texts together": f"{p.short_fk:.1f}",
         "SMOG": f"{p.smog:.1f}",
         "Flesch-Kincaid without allowance": f"{p.fk_raw:.1f}",
         "SMOG without allowance": f"{p.smog_raw:.1f}"}
        for p in page_report(c)
    ],
    "Reading level of each page",
))
