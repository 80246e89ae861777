"""Streamlit drawing of content blocks shared by pages: text with its sources, the glossary, the
pictures with their tables, the status list. Content only (no answers) except the status list."""

from __future__ import annotations

import functools

import streamlit as st

from . import views
from .assess import Assessment
from .content.loader import Content, load_content
from .frame import ASSETS
from .words import STATUS_TEXT


def sources_line(c: Content, keys: tuple[str, ...] | list[str]) -> None:
    """One compact line of plain source labels under a block (views.sources_line_html)."""
    if keys:
        st.html(views.sources_line_html(c, keys))


def text_with_sources(c: Content, text_id: str) -> None:
    st.markdown(c.text(text_id))
    sources_line(c, c.text_sources(text_id))


def glossary_panel(c: Content) -> None:
    """Plain meanings of the medical words used in this aid."""
    from .widgets import folded

    with folded(c.text("ui_glossary_title"), "glossary") as open_:
        if open_:   # one element, not one per word; drawn only while open (widgets.folded)
            st.markdown("\n\n".join(f"**{g.term}**: {g.plain}" for g in c.glossary))


@functools.lru_cache(maxsize=4)
def _svg(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def svg_text(name: str) -> str:
    """An SVG from assets/ as text (st.image draws it; st.html would strip the SVG)."""
    return _svg(name)


def status_overview(c: Content, a: Assessment, lead: str = "") -> None:
    """A short list: each option, its status in words and symbol, and the first reason; ``lead``
    (markdown) above it, in the same element."""
    lines = [lead, ""] if lead else []
    for o in c.options:
        r = a.options[o.id]
        sym, words = STATUS_TEXT[r.status]
        first = f" — {r.reasons[0].text}" if r.reasons else ""
        lines.append(f"- **{sym} {o.short_name}: {words}**{first}")
    st.markdown("\n".join(lines))


@functools.lru_cache(maxsize=16)
def _chart(kind: str, lang: str):
    """Charts depend on content only (never on answers), so each is built once per process and
    language."""
    from .charts import icon_array_chart, timeline_chart

    c = load_content(lang)
    if kind == "improve":
        return icon_array_chart(c, "how_many_improve", c.text("chart_improve"))
    if kind == "more":
        return icon_array_chart(c, "more_treatment", c.text("chart_more"))
    if kind == "risk":
        return icon_array_chart(c, "serious_risks", c.text("chart_risk"))
    return timeline_chart(c)


def chart_with_table(c: Content, kind: str) -> None:
    """A chart with its alt text, and the same numbers as a table beside (or below) it."""
    chart = _chart(kind, c.lang)
    left, right = st.columns([3, 2])
    with left:
        if chart.apart:  # figures that do not measure the same thing are drawn apart: say why first
            st.markdown(chart.apart)
        for panel in chart.panels:
            # HTML built once per process and language (charts.py): on screen with the rest of the
            # part, no chart library to load in the browser (docs/performance.md "Pictures")
            st.html(views.Html(panel.html))
            if panel.caption:
                st.markdown(panel.caption)
        st.markdown(chart.note)
        if kind == "risk":
            st.markdown(c.text("chart_risk_note"))
    with right:
        st.html(views.table_html(chart.table, c.text("chart_table")))
