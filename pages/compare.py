"""Compare: the option grid, narrowed by the answers (dimmed, never hidden), with charts and tables.
Home mode: two parts, one per screen: (a) the options (grid or cards, "show all equally", what the
source flags mean, the glossary) and (b) the numbers as pictures (charts with their tables)."""

import streamlit as st

from decision_aid import blocks, frame, language, navigation, session, state, views, widgets, words
from decision_aid.contract import DISPLAY_ORDER

PHONE_OPEN_ROWS = ("what_happens",)   # the stacked grid's rows open at first (app.css)

c = session.content()
ss = st.session_state
hidden = session.comparison_hidden(session.assessment())   # an emergency answer: no grid, cards or charts until it is changed

st.title(c.text("compare_title"), anchor=False)

pager = navigation.part_pager("pages/compare.py", [c.text("compare_part_options"), c.text("compare_part_pictures")],
                      c.text("compare_all_parts"))


# Fragments: "show all", the view, the options shown and the picture rerun only their own part
# of the page (measured in docs/performance.md); answers change only on full reruns.
@st.fragment
def _options_view() -> None:
    language.apply()   # a fragment rerun runs in a thread of its own: the session's language first
    a = session.assessment()
    show_all = st.toggle(c.text("compare_show_all"), **state.bind_flag(state.SHOW_ALL_WIDGET, state.SHOW_ALL))
    if show_all:
        st.markdown(c.text("compare_show_all_on"))
    else:
        st.html(f'<p class="fit-line">{words.fit_line(a, answered=bool(state.answers()))}</p>')
        note = session.changes_note(c, a)
        if note:
            st.html(f'<div class="changed" role="status">{note}</div>')
        if not ss[state.ANSWERS]:
            st.markdown(c.text("compare_no_answers"))
            st.page_link("pages/situation.py", label=c.text("compare_to_situation"))

    view = st.segmented_control(
        c.text("compare_view_label"),
        options=["table", "one"],
        format_func={"table": c.text("compare_view_table"), "one": c.text("compare_view_one")}.__getitem__,
        default="table",
        key="compare_view",
        required=True,
    )
    picked = st.pills(
        c.text("compare_shown_label"),
        options=list(DISPLAY_ORDER),
        format_func=lambda o: c.option(o).short_name,
        selection_mode="multi",
        default=list(DISPLAY_ORDER),
        key="compare_shown",
    )
    shown = picked or list(DISPLAY_ORDER)
    # none picked shows all five: said in a status line (read out by screen readers), never silently
    st.html(f'<p class="shown-note" role="status">{views.escape(c.text("compare_shown_none")) if not picked else ""}</p>')
    grid_assessment = None if show_all else a

    if view == "one":
        which = st.radio(c.text("compare_one_label"), shown, format_func=lambda o: c.option(o).name,
                         key="compare_one", horizontal=True)
        st.html(views.option_card_html(c, which, grid_assessment))
    else:
        # on a phone (stacked grid) only the first rows are open; the others behind "More about this"
        st.html(views.grid_html(c, grid_assessment, options=shown, heard_row=True, open_rows=PHONE_OPEN_ROWS))


@st.fragment
def _pictures() -> None:
    language.apply()
    chart = st.segmented_control(
        c.text("compare_chart_label"),
        options=["improve", "more", "risk", "timeline"],
        format_func=lambda k: c.text(f"compare_chart_{k}"),
        default="improve",
        key="compare_chart",
        required=True,
    )
    blocks.chart_with_table(c, chart)


for k in pager.visible():
    if k == 0:
        if pager.paged:   # all on one page: no heading, the grid comes straight after the lead, as before
            navigation.part_heading(pager, 0)
        st.markdown(c.text("compare_lead"))   # about the grid: with part 1 only
        if hidden:
            frame.hidden_notice(c, "compare_options")
        else:
            _options_view()
        with widgets.folded(c.text("compare_flags_title"), "compare_flags") as open_:
            if open_:   # drawn only while open
                st.markdown(c.text("compare_flags_help"))
        blocks.glossary_panel(c)
    else:
        navigation.part_heading(pager, 1)
        if hidden:
            frame.hidden_notice(c, "compare_pictures")
        else:
            st.markdown(c.text("compare_not_comparable"))
            _pictures()

navigation.step_footer("pages/compare.py", pager)
