"""Compare: the option grid, narrowed by the answers (dimmed, never hidden), with charts and tables."""

import streamlit as st

from decision_aid import state, ui, views
from decision_aid.contract import OPTION_IDS

c = ui.content()
ss = st.session_state
a = ui.assessment()

st.title(c.text("compare_title"))
st.markdown(c.text("compare_lead"))

# Fragments: "show all", the view, the options shown and the picture rerun only their own part
# of the page (measured in docs/performance.md); answers change only on full reruns.
@st.fragment
def _options_view() -> None:
    a = ui.assessment()
    show_all = ui.keyed_toggle("Show all options equally (ignore my answers)", state.SHOW_ALL, "compare_show_all")
    if show_all:
        st.markdown("**All five options are shown the same way.** Your answers are kept; switch this off to see what they mean.")
    else:
        st.html(f'<p class="fit-line">{ui.fit_line(a)}</p>')
        note = ui.changes_note(c, a)
        if note:
            st.html(f'<div class="changed" role="status">{note}</div>')
        if not ss[state.ANSWERS]:
            st.markdown("You have not answered any questions yet, so nothing is narrowed. "
                        "MILD is marked 'ask' until your scan report is checked.")
            st.page_link("pages/situation.py", label="Answer the questions about your situation →")

    view = st.segmented_control(
        "How to show the options",
        options=["table", "one"],
        format_func={"table": "Side by side", "one": "One option at a time"}.__getitem__,
        default="table",
        key="compare_view",
        required=True,
    )
    shown = st.pills(
        "Options to show (pick any two or more to compare them)",
        options=list(OPTION_IDS),
        format_func=lambda o: c.option(o).short_name,
        selection_mode="multi",
        default=list(OPTION_IDS),
        key="compare_shown",
    ) or list(OPTION_IDS)
    grid_assessment = None if show_all else a

    if view == "one":
        which = st.radio("Option", shown, format_func=lambda o: c.option(o).name, key="compare_one", horizontal=True)
        st.html(views.option_card_html(c, which, grid_assessment))
    else:
        st.html(views.grid_html(c, grid_assessment, options=shown, heard_row=True))


_options_view()

with st.expander("What 'Checked', 'Second-hand' and 'From clinic or maker pages' mean"):
    st.markdown(c.text("compare_flags_help"))

st.header("The numbers as pictures", anchor=False)
st.markdown(c.text("compare_not_comparable"))


@st.fragment
def _pictures() -> None:
    chart = st.segmented_control(
        "Which picture",
        options=["improve", "more", "risk", "timeline"],
        format_func={
            "improve": "How many got better",
            "more": "How many needed more treatment",
            "risk": "Rare and serious risks",
            "timeline": "Recovery timeline",
        }.__getitem__,
        default="improve",
        key="compare_chart",
        required=True,
    )
    ui.chart_with_table(c, chart)


_pictures()

ui.glossary_panel(c)
ui.step_footer("pages/compare.py")
