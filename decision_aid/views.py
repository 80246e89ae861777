"""Pure HTML builders for the option grid, source chips and status badges.

No Streamlit here: pages pass the strings to ``st.html`` (sanitised by DOMPurify). Every piece of
content is escaped; no user text ever reaches these functions (answers are ids from the contract,
never free text). Status is always shown in words and a shape, never by colour alone.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Sequence
from html import escape

from .answers import Saved
from .assess import Assessment, Reason
from .content.loader import Content
from .content.models import Cell, Figure, Reference
from .contract import DISPLAY_ORDER
from .glossary import glossary_html
from .words import (
    APART_TEXT,
    CERTAINTY_TEXT,
    DESIGN_TEXT,
    EXAM_LABELS,
    FIT_TEXT,
    FLAG_SHORT,
    FLAG_TEXT,
    FUNDING_TEXT,
    KIND_TEXT,
    STATUS_SHORT,
    STATUS_TEXT,
    Words,  # noqa: F401 - handout.py imports it from here (kept while handout.py is being edited)
    figure_amount,
    figure_sentence,
    fmt_number,
    leaning_text,
    role_text,
    text,
)


class Html(str):
    """A finished block of HTML from this module (a plain ``str`` in every other way).

    ``st.html`` runs ``textwrap.dedent`` over any plain string body, which costs 2.2 ms per rerun
    on the 220 KB option grid (more than building the grid). It calls ``_repr_html_`` first when
    there is one, and skips the dedent: these blocks have no indentation to remove. Measured in
    docs/performance.md."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str.__str__(self)


def _block(fn):
    """Decorator: the builder returns :class:`Html` (see there)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs) -> Html:
        return Html(fn(*args, **kwargs))

    return wrapper


def figure_funding(content: Content, fig: Figure) -> str:
    """'industry' when any source was paid for or issued by the device maker, else the best known."""
    fundings = {content.references[k].funding for k in fig.sources}
    if "industry" in fundings:
        return "industry"
    if fundings <= {"public", "not_applicable"}:
        return "public"
    return "unknown"


SOURCE_LANG = "en"
"""The language of every citation's title and journal: they keep their original words (issue 14),
so they are marked ``lang="en"`` on a Spanish page (WCAG 3.1.2; redundant, and harmless, on an
English one). Authors' names are names, not a language."""


def reference_html(ref: Reference) -> str:
    bits = []
    if ref.authors:
        bits.append(escape(ref.authors))
    if ref.title:
        bits.append(f'<em lang="{SOURCE_LANG}">{escape(ref.title)}</em>')
    if ref.journal:
        bits.append(f'<span lang="{SOURCE_LANG}">{escape(ref.journal)}</span>')
    if ref.year and not (ref.journal and str(ref.year) in ref.journal):
        bits.append(str(ref.year))
    links = []
    if ref.pmid:
        links.append(f'PMID <a href="https://pubmed.ncbi.nlm.nih.gov/{escape(ref.pmid)}/" target="_blank" rel="noopener noreferrer">{escape(ref.pmid)}</a>')  # noqa: E501 (one HTML link)
    if ref.doi:
        links.append(f'DOI <a href="https://doi.org/{escape(ref.doi)}" target="_blank" rel="noopener noreferrer">{escape(ref.doi)}</a>')  # noqa: E501 (one HTML link)
    if not links and ref.urls:
        links.append(f'<a href="{escape(ref.urls[0])}" target="_blank" rel="noopener noreferrer">'
                     f'{escape(text("ref_web_page"))}</a>')
    funding = "" if ref.funding == "not_applicable" else escape(text(
        {"industry": "ref_maker_paid", "public": "ref_public", "unknown": "ref_funding_unknown"}[ref.funding]))
    extra = " ".join(x for x in (funding, escape(ref.funding_note or ""), escape(ref.note or "")) if x)
    return (
        f'<span class="ref-text">{". ".join(bits) or escape(ref.short)}. {" · ".join(links)}</span>'
        + (f'<span class="ref-note">{extra}</span>' if extra else "")
    )


@functools.lru_cache(maxsize=1024)  # content only (one immutable Content per process), never answers
def chip_html(content: Content, key: str) -> str:
    """A source chip: the plain label ("NASS guideline, 2013"); opening it shows the reference in place,
    with a link to its full entry on the Evidence page. A source the maker paid for says so in its own
    label ("Maker-funded trial, 2018"), drawn as the maker badge: the pill takes the badge's colours
    (app.css ``details.chip-maker``), so no second box sits inside the pill's outline."""
    ref = content.references[key]
    maker = ref.funding == "industry"
    return (
        f'<details class="chip{" chip-maker" if maker else ""}"><summary>'
        f'<span class="sr-only">{escape(text("ref_source"))} </span>{escape(ref.short)}</summary>'
        f'<span class="chip-body">{reference_brief_html(ref)}</span></details>'
    )


@functools.lru_cache(maxsize=4096)  # content text only (cells, rule reasons), never answers
def _gloss(content: Content, text: str) -> str:
    """Escaped text with the first use of each glossary word marked (see glossary.glossary_html)."""
    return glossary_html(content, text, set())


def reference_brief_html(ref: Reference) -> str:
    """What a chip shows when opened: who, where, one link, and whether the maker paid. The full entry
    (title, caveats) is on the Evidence page, one tap away in a new tab, so the grid stays light."""
    who = ", ".join(x for x in (escape(ref.authors or ""),
                                f'<span lang="{SOURCE_LANG}">{escape(ref.journal)}</span>' if ref.journal else "")
                    if x) or escape(ref.short)
    if ref.year and not (ref.journal and str(ref.year) in ref.journal):
        who += f" {ref.year}"
    if ref.pmid:
        link = f'<a href="https://pubmed.ncbi.nlm.nih.gov/{escape(ref.pmid)}/" target="_blank" rel="noopener noreferrer">PMID {escape(ref.pmid)}</a>'  # noqa: E501 (one HTML link)
    elif ref.doi:
        link = f'<a href="https://doi.org/{escape(ref.doi)}" target="_blank" rel="noopener noreferrer">DOI {escape(ref.doi)}</a>'
    elif ref.urls:
        link = (f'<a href="{escape(ref.urls[0])}" target="_blank" rel="noopener noreferrer">'
                f'{escape(text("ref_web_page"))}</a>')
    else:  # pragma: no cover - the model requires a locator
        link = ""
    maker = f" {escape(text('ref_maker_paid'))}" if ref.funding == "industry" else ""
    more = (f'<a href="evidence?ref={escape(ref.key)}" target="_blank" rel="noopener">'
            f'{escape(text("ref_full_details"))}</a>')
    who = who.rstrip(".")  # "Radcliff K, et al." + ". " would read "et al.."
    return f'<span class="ref-text">{who}. {link}.{maker} {more}</span>'


def chips_html(content: Content, keys: Iterable[str]) -> str:
    seen: list[str] = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    if not seen:
        return ""
    return '<span class="chips">' + "".join(chip_html(content, k) for k in seen) + "</span>"


def sources_line_html(content: Content, keys: Iterable[str]) -> str:
    """One compact sources line for a block ("Sources: NASS guideline, 2013 · Trial, 2015"), every
    source of the block once, in order of first use; empty when there are none."""
    chips = chips_html(content, keys)
    return (f'<div class="chips-line"><span class="chips-label">{escape(text("ref_sources_label"))}</span> '
            f"{chips}</div>") if chips else ""


def flag_html(flag: str) -> str:
    cls = {"checked": "flag-checked", "secondary": "flag-secondary", "marketing": "flag-marketing"}[flag]
    return f'<span class="flag {cls}">{escape(FLAG_TEXT[flag])}</span>'


def figure_design(fig: Figure) -> str:
    """Study design and size in words: "randomised trial, 302 people" (texts.yaml fig_design_*, fig_size_*)."""
    words = DESIGN_TEXT[fig.design]
    if fig.size:
        words += ", " + text(f"fig_size_{fig.per}", n=fmt_number(fig.size))
    return words


def figure_certainty(content: Content, fig: Figure) -> str:
    """The certainty the brief states, with who says it; "certainty not graded" otherwise."""
    words = CERTAINTY_TEXT[fig.certainty]
    if fig.certainty_by:
        words += " (" + ", ".join(content.references[k].short for k in fig.certainty_by) + ")"
    return words


def figure_facts(content: Content, fig: Figure) -> str:
    """Design and size, certainty and who paid, in one line (the PDF and tables use it too)."""
    line = "; ".join((figure_design(fig), figure_certainty(content, fig), FUNDING_TEXT[figure_funding(content, fig)]))
    return line[:1].upper() + line[1:]


def apart_sentence(reasons: Sequence[str]) -> str:
    """Why some numbers are shown apart, in words (texts.yaml chart_apart_title and chart_apart_<reason>)."""
    return text("chart_apart_title") + " " + " ".join(APART_TEXT[r] for r in reasons)


def figure_html(content: Content, fig: Figure, *, with_sources: bool = True) -> str:
    """One figure in words with its facts; its sources as chips unless ``with_sources`` is False (a
    grid cell lists all its sources once, in one line at its end)."""
    funding = figure_funding(content, fig)
    comp = (f'<span class="fig-comp">{escape(text("fig_compared", comparison=fig.comparison))}</span>'
            if fig.comparison else "")
    return (
        f'<div class="fig" data-figure="{escape(fig.id)}">'
        f'<span class="fig-n">{escape(figure_amount(fig))}</span> '
        f'<span class="fig-s">{escape(figure_sentence(fig)[len(figure_amount(fig)):])}</span>'
        f"{comp}"
        f'<span class="fig-who">{escape(text("fig_who", population=fig.population.rstrip(".")))}</span>'
        f'<span class="fig-meta">{flag_html(fig.flag)} <span class="tag tag-design">{escape(figure_design(fig))}</span> '
        f'<span class="tag">{escape(figure_certainty(content, fig))}</span> '
        f'<span class="tag{" tag-ind" if funding == "industry" else ""}">{escape(FUNDING_TEXT[funding])}</span></span>'
        f"{chips_html(content, fig.sources) if with_sources else ''}</div>"
    )


def cell_html(content: Content, cell: Cell, *, with_figures: bool = True, short: bool = False) -> str:
    if short and cell.short:
        flag = "" if cell.flag == "checked" else " " + flag_html(cell.flag)
        return f'<span class="cell-text">{escape(cell.short)}</span>{flag}{chips_html(content, cell.sources)}'
    parts = []
    if cell.kind in KIND_TEXT:
        parts.append(f'<span class="kind kind-{cell.kind}">{escape(KIND_TEXT[cell.kind])}</span> ')
    parts.append(f'<span class="cell-text">{_gloss(content, cell.text)}</span>')
    if cell.flag != "checked":
        parts.append(" " + flag_html(cell.flag))
    if cell.awaiting:
        parts.append(f'<div class="awaiting"><strong>{escape(text("cell_awaiting"))}</strong> {escape(cell.awaiting)}</div>')
    figures = cell.figures if with_figures else ()
    parts.extend(figure_html(content, f, with_sources=False) for f in figures)
    if cell.disagreement:
        # what the sources agree on first, then where they differ (issue 13 section 4)
        parts.append(f'<div class="disagree"><strong>{escape(text("cell_disagree"))}</strong> '
                     f'{escape(cell.disagreement_agree or "")} <strong>{escape(text("cell_disagree_differ"))}</strong> '
                     f"{escape(cell.disagreement)}</div>")
    # one compact sources line for the whole cell: its text's, its figures' and the disagreement's
    keys = [*cell.sources, *(k for f in figures for k in f.sources), *cell.disagreement_sources]
    parts.append(sources_line_html(content, keys))
    return "".join(parts)


@functools.lru_cache(maxsize=512)  # content only: (option, row) cells of the one Content, never answers
def _grid_cell(content: Content, option_id: str, row_id: str, with_figures: bool, short: bool) -> str:
    """One grid cell, built once per process (cells are content; the status class is added around it)."""
    return cell_html(content, content.option(option_id).cells[row_id], with_figures=with_figures, short=short)


def claim_html(content: Content, claim) -> str:
    return (
        f'<div class="claim" data-claim="{escape(claim.id)}">'
        f'<p class="heard"><strong>{escape(text("claim_heard"))}</strong> {escape(claim.heard)} '
        f'{flag_html(claim.heard_flag)}{chips_html(content, claim.heard_sources)}</p>'
        f'<p class="shows"><strong>{escape(text("claim_shows"))}</strong> {escape(claim.studies_show)}'
        f"{chips_html(content, claim.studies_sources)}</p></div>"
    )


@functools.lru_cache(maxsize=16)  # content only, never answers
def claims_cell_html(content: Content, option_id: str) -> str:
    claims = [c for c in content.claims if c.option == option_id]
    if not claims:
        return f'<span class="cell-text">{escape(text("claim_none"))}</span>'
    return "".join(claim_html(content, c) for c in claims)


def status_badge_html(status: str, *, short: bool = False) -> str:
    sym, text = STATUS_TEXT[status]
    label = STATUS_SHORT[status] if short else text
    return (
        f'<span class="status status-{status}"><span class="status-sym" aria-hidden="true">{sym}</span> '
        f"{escape(label)}</span>"
    )


def reasons_html(content: Content, reasons: Sequence[Reason], *, open_: bool = False) -> str:
    if not reasons:
        return ""
    items = []
    for r in reasons:
        ask = f'<span class="ask">{escape(text("reason_ask"))} {escape(r.ask)}</span>' if r.ask else ""
        items.append(
            f'<li class="reason reason-{r.status}" data-rule="{escape(r.rule)}">{_gloss(content, r.text)} {ask}'
            f"{chips_html(content, r.sources)}</li>"
        )
    n = len(reasons)
    label = escape(text("reason_why") if n == 1 else text("reason_why_n", n=n))
    return (
        f'<details class="why"{" open" if open_ else ""}><summary>{label}</summary>'
        f'<ul>{"".join(items)}</ul></details>'
    )


@_block
def grid_html(
    content: Content,
    assessment: Assessment | None,
    *,
    options: Sequence[str] = DISPLAY_ORDER,
    rows: Sequence[str] | None = None,
    with_figures: bool = True,
    heard_row: bool = False,
    short: bool = False,
    caption: str | None = None,
    open_rows: Sequence[str] | None = None,
) -> str:
    """The option grid as one accessible table. ``assessment=None`` shows all options equally.
    ``caption``: default texts.yaml grid_caption. ``open_rows`` (Compare): where the grid is stacked
    (a phone), only these rows show their cells; every other row shows its name and a "More about
    this" toggle (app.css hides a closed row's cells; a wide grid shows every row, no toggle)."""
    caption = content.text("grid_caption") if caption is None else caption
    row_ids = list(rows) if rows is not None else [r.id for r in content.rows]
    head = [f'<th scope="col" class="corner">{escape(content.text("grid_corner"))}</th>']
    for oid in options:
        opt = content.option(oid)
        status = assessment.status(oid) if assessment else None
        badge = status_badge_html(status) if status else ""
        why = reasons_html(content, assessment.options[oid].reasons) if assessment else ""
        cls = f" col-{status}" if status else ""
        head.append(
            f'<th scope="col" class="opt{cls}" data-option="{oid}">'
            f'<span class="opt-sym" aria-hidden="true">{escape(opt.symbol)}</span> '
            f'<span class="opt-name">{escape(opt.name)}</span>{badge}{why}</th>'
        )
    body = []
    for rid in row_ids:
        row = content.row(rid)
        help_ = "" if short else f'<span class="row-help">{escape(row.help)}</span>'
        if not row.comparable:  # numbers from different studies: say so beside the row (evidence brief)
            help_ += f'<span class="row-note">{escape(content.text("compare_row_not_comparable"))}</span>'
        help_ += _row_more(content, rid, open_rows)
        tds = [f'<th scope="row" class="row-label">{escape(row.label)}{help_}</th>']
        for oid in options:
            opt = content.option(oid)
            status = assessment.status(oid) if assessment else None
            cls = f' class="col-{status}"' if status else ""
            tds.append(
                f'<td{cls} data-label="{escape(opt.short_name)}">{_grid_cell(content, oid, rid, with_figures, short)}</td>'
            )
        body.append(f'<tr data-row="{rid}">{"".join(tds)}</tr>')
    if heard_row:
        tds = [f'<th scope="row" class="row-label">{escape(content.text("heard_title"))}<span class="row-help">'
               f'{escape(content.text("grid_heard_help"))}</span>{_row_more(content, "heard", open_rows)}</th>']
        for oid in options:
            status = assessment.status(oid) if assessment else None
            cls = f' class="col-{status}"' if status else ""
            tds.append(f'<td{cls} data-label="{escape(content.option(oid).short_name)}">{claims_cell_html(content, oid)}</td>')
        body.append(f'<tr data-row="heard">{"".join(tds)}</tr>')
    return (
        f'<div class="grid-wrap" role="region" aria-label="{escape(content.text("grid_label"))}" tabindex="0">'
        f'<table class="option-grid"><caption>{escape(caption)}</caption>'
        f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
    )


def _row_more(content: Content, row_id: str, open_rows: Sequence[str] | None) -> str:
    """The stacked grid's "More about this" toggle of one row ("" when rows are not collapsible)."""
    if open_rows is None:
        return ""
    is_open = " open" if row_id in open_rows else ""
    return (f'<details class="row-more"{is_open}><summary><span class="more">{escape(content.text("compare_row_more"))}'
            f'</span><span class="less">{escape(content.text("compare_row_less"))}</span></summary></details>')


@_block
def option_card_html(content: Content, option_id: str, assessment: Assessment | None) -> str:
    """One option with every row, for reading one at a time (phones, home mode)."""
    opt = content.option(option_id)
    status = assessment.status(option_id) if assessment else None
    badge = status_badge_html(status) if status else ""
    why = reasons_html(content, assessment.options[option_id].reasons, open_=True) if assessment else ""
    rows = "".join(
        f'<div class="card-row"><h4>{escape(r.label)}</h4>{cell_html(content, opt.cells[r.id])}</div>'
        for r in content.rows
    )
    cls = f" col-{status}" if status else ""
    return (
        f'<section class="card{cls}" aria-label="{escape(opt.name)}" data-option="{option_id}">'
        f'<h3><span class="opt-sym" aria-hidden="true">{escape(opt.symbol)}</span> {escape(opt.name)}</h3>'
        f'<p class="card-summary">{escape(opt.summary)}</p>{badge}{why}{rows}</section>'
    )


def urgent_html(assessment: Assessment, level_title: str, level_message: str, secondary: str,
                examined_message: str | None = None) -> str:
    """The urgency message (contract section 5) for the assessment's level; ``""`` for "none".
    An emergency is an alert in red; "same day" and "soon" are a firm note in dark orange.
    ``examined_message``: a clinician recorded "examined: not an emergency"; it replaces the level's
    message (which says the comparison is hidden), the title and reasons stay."""
    if assessment.urgency == "none":
        return ""
    items = "".join(f"<li>{escape(u.text)}</li>" for u in assessment.urgent_reasons)
    role = "alert" if assessment.urgency == "emergency" else "status"
    if examined_message:
        level_message = examined_message
    examined = ' data-examined="yes"' if examined_message else ""
    return (
        f'<div class="urgent urgent-{assessment.urgency}" role="{role}" data-urgency="{assessment.urgency}"{examined}>'
        f'<p class="urgent-title"><span aria-hidden="true">⚠</span> {escape(level_title)}</p>'
        f"<p><strong>{escape(level_message)}</strong></p><ul>{items}</ul>"
        f'<p class="urgent-secondary">{escape(secondary)}</p></div>'
    )


def level_line_html(level: str, title: str, more: str) -> str:
    """The short form of the urgency message: one line with the level's title, drawn where the
    person is looking (under the question that raised it, next to the part heading). ``""`` for
    "none"; the caller keeps an element in its place either way (see frame.level_slot)."""
    if level == "none":
        return ""
    return (f'<p class="level-line urgent-{level}" data-urgency="{level}"><span aria-hidden="true">⚠</span> '
            f"<strong>{escape(title)}</strong> {escape(more)}</p>")


def disagreement_html(content: Content, d) -> str:
    """Where sources disagree: first one plain sentence of what they agree on, then the range of
    views and who holds each (with its sources), then what it means for the patient."""
    ties = content.text("disagree_ties")
    views_ = "".join(
        f'<li><strong>{escape(v.holder)}</strong>{" " + escape(ties) if v.industry_ties else ""}: '
        f"{escape(v.view)}{chips_html(content, v.sources)}</li>"
        for v in d.views
    )
    return (
        f'<section class="card" aria-label="{escape(d.topic)}" data-disagreement="{escape(d.id)}">'
        f"<h3>{escape(d.topic)}</h3>"
        f'<p class="agree"><strong>{escape(content.text("disagree_agree"))}</strong> {escape(d.agree)}</p>'
        f'<p class="differ"><strong>{escape(content.text("disagree_differ"))}</strong></p><ul>{views_}</ul>'
        f"<p><strong>{escape(content.text('disagree_means'))}</strong> {escape(d.what_it_means)}</p></section>"
    )


@_block
def references_list_html(content: Content) -> str:
    items = []
    for k, r in sorted(content.references.items(), key=lambda kv: kv[1].short.lower()):
        label = f'<strong{" class=ref-maker" if r.funding == "industry" else ""}>{escape(r.short)}</strong>'
        items.append(
            f'<li id="ref-{escape(k)}" data-ref="{escape(k)}">{label} '
            f'<span class="ref-key">[{escape(k)}]</span><br>{reference_html(r)}</li>'
        )
    return f'<ol class="refs">{"".join(items)}</ol>'


@_block
def value_fit_html(content: Content, option_id: str, fits, names: dict[str, str]) -> str:
    """One option's fit with the patient's most important values (same layout for every option)."""
    opt = content.option(option_id)
    groups = (("meets", fits.meets), ("works_against", fits.works_against), ("mixed", fits.mixed))
    items = []
    for kind, group in groups:
        sym, word = FIT_TEXT[kind]
        for f in group:
            items.append(
                f'<li class="fit fit-{kind}"><strong><span aria-hidden="true">{sym}</span> {escape(word)}: '
                f"{escape(names[f.value])}.</strong> {escape(f.text)}{chips_html(content, f.sources)}</li>"
            )
    return (
        f'<section class="card" aria-label="{escape(opt.name)}" data-option="{option_id}">'
        f'<h3><span class="opt-sym" aria-hidden="true">{escape(opt.symbol)}</span> {escape(opt.name)}</h3>'
        f'<ul class="fits">{"".join(items)}</ul></section>'
    )


# --------------------------------------------------------------------------- exam room (one screen)



def sources_chip_html(content: Content, keys: Iterable[str]) -> str:
    """All sources of one fact behind one compact chip ("3 sources", "2 sources, 1 by the maker");
    opening it lists their plain labels, each with who, one link and the way to its full entry."""
    seen = list(dict.fromkeys(keys))
    if not seen:
        return ""
    refs = [content.references[k] for k in seen]
    n_maker = sum(1 for r in refs if r.funding == "industry")
    label = escape(text("ref_sources_one" if len(seen) == 1 else "ref_sources_many", n=len(seen)))
    maker = f' <span class="chip-ind">{escape(text("ref_by_maker", n=n_maker))}</span>' if n_maker else ""
    items = "".join(f'<li><strong{" class=ref-maker" if r.funding == "industry" else ""}>{escape(r.short)}</strong>'
                    f"<br>{reference_brief_html(r)}</li>" for r in refs)
    return (
        f'<details class="chip xsrc"><summary>{label}{maker}</summary>'
        f'<span class="chip-body"><ul class="xrefs">{items}</ul></span></details>'
    )


@_block
def exam_cards_html(content: Content, assessment: Assessment, changed: Iterable[str] = ()) -> str:
    """The exam room's five cards, same order as everywhere, in one block (a CSS grid in app.css)."""
    changed = set(changed)
    return '<div class="xcards">' + "".join(
        exam_card_html(content, assessment, oid, changed=oid in changed) for oid in DISPLAY_ORDER) + "</div>" + \
        exam_numbers_html(content, tuple(EXAM_LABELS))


def row_headlines(content: Content, row_id: str) -> list[tuple[str, Figure]]:
    """(option id, first figure) of one row, in display order, for options that have a figure."""
    out = []
    for oid in DISPLAY_ORDER:
        figs = content.option(oid).cells[row_id].figures
        if figs:
            out.append((oid, figs[0]))
    return out


def row_apart(content: Content, row_id: str) -> list[str]:
    """Reason ids why a row's headline figures may not stand side by side ([] when they may)."""
    from .comparability import apart_reasons

    return apart_reasons([f for _, f in row_headlines(content, row_id)])


@functools.lru_cache(maxsize=8)  # content only, never answers
def exam_numbers_html(content: Content, rows: tuple[str, ...]) -> str:
    """The exam room's numbers that cannot be compared across cards: one option at a time, each in
    its own sentence with its study design, and why they are apart."""
    parts = []
    for rid in rows:
        reasons = row_apart(content, rid)
        if not reasons:
            continue
        items = "".join(
            f'<li data-option="{oid}" data-figure="{escape(f.id)}"><strong>{escape(content.option(oid).short_name)}:</strong> '
            f"{escape(figure_sentence(f))} {escape(text('fig_who', population=f.population.rstrip('.')))} "
            f"<em>{escape(figure_facts(content, f))}.</em> {sources_chip_html(content, f.sources)}</li>"
            for oid, f in row_headlines(content, rid)
        )
        parts.append(f'<div class="xapart" data-row="{rid}"><h3>{escape(content.row(rid).label)}</h3>'
                     f"<p>{escape(apart_sentence(reasons))}</p><ul>{items}</ul></div>")
    if not parts:
        return ""
    return (f'<details class="xnumbers"><summary>{escape(content.text("exam_numbers_title"))}</summary>'
            f'{"".join(parts)}</details>')


@_block
def exam_card_html(content: Content, assessment: Assessment, option_id: str,
                   rows: Sequence[str] = tuple(EXAM_LABELS), *, changed: bool = False) -> str:
    """One option as a big-type status card for the exam room: name, status in words and shape,
    the reasons behind "Why?", then the same short key facts in the same order for every option,
    each with its sources behind one chip."""
    opt = content.option(option_id)
    res = assessment.options[option_id]
    why = reasons_html(content, res.reasons)
    if changed:
        why += f'<span class="xnew">{escape(content.text("exam_changed"))}</span>'
    return (
        f'<section class="xcard col-{res.status}" data-option="{option_id}" data-status="{res.status}" '
        f'aria-label="{escape(opt.name)}: {escape(STATUS_TEXT[res.status][1])}">'
        f'<h2 class="xname"><span class="opt-sym" aria-hidden="true">{escape(opt.symbol)}</span> '
        f'{escape(opt.short_name)}</h2><div class="xstatus">{status_badge_html(res.status, short=True)}{why}</div>'
        f'<dl class="xfacts">{_exam_facts(content, option_id, tuple(rows))}</dl></section>'
    )


@functools.lru_cache(maxsize=32)  # content only (one option's key facts), never answers
def _exam_facts(content: Content, option_id: str, rows: tuple[str, ...]) -> str:
    """The key facts of one exam-room card, the same rows in the same order for every option."""
    opt = content.option(option_id)
    facts = []
    for rid in rows:
        cell = opt.cells[rid]
        text = cell.short or cell.text
        if cell.figures and row_apart(content, rid):  # not comparable across cards: the number goes below
            text = content.text("exam_number_below")
        flag = f' <span class="flag xflag">{escape(FLAG_SHORT[cell.flag])}</span>' if cell.flag in FLAG_SHORT else ""
        facts.append(
            f'<div class="xfact" data-row="{rid}"><dt>{escape(EXAM_LABELS.get(rid, content.row(rid).label))}:</dt> '
            f'<dd>{escape(text)}{flag} {sources_chip_html(content, cell.sources)}</dd></div>'
        )
    return "".join(facts)


def answers_short_html(groups, none_text: str) -> str:
    """The exam room's short list of what the patient answered (answered questions only, each named in a
    few words; "not sure" is listed too: it is what the patient said). The full list is on Summary."""
    items = "".join(
        f'<li data-question="{ln.question}"><strong>{escape(ln.short)}:</strong> {escape(ln.answer)}</li>'
        for g in groups for ln in g.lines if ln.answered)
    return f'<ul class="xtold">{items}</ul>' if items else f'<p class="xtold-none">{escape(none_text)}</p>'


def answers_html(groups) -> str:
    """Every answer, grouped as asked (``record.answer_groups``): "Not answered" where blank, so a
    warning sign answered "No" is as visible as one answered "Yes"."""
    parts = []
    for g in groups:
        rows = "".join(
            f'<li data-question="{ln.question}" class="{"answered" if ln.answered else "blank"}">'
            f"<strong>{escape(ln.answer)}:</strong> {escape(ln.text)}</li>"
            for ln in g.lines
        )
        parts.append(f'<h3>{escape(g.title)}</h3><ul data-group="{g.id}">{rows}</ul>')
    return f'<section class="all-answers">{"".join(parts)}</section>'


def clinician_record_html(rec) -> str:
    """The clinician part (``record.clinician_record``): the five elements, the template note, the
    exam record when there is one, and the alerts (urgent level, pressure from others)."""
    head = f'<p class="rec-note">{escape(rec.template_note)}</p>'
    if rec.examined:
        head += f'<p class="rec-examined"><strong>{escape(text("pdf_rec_examined"))}</strong> {escape(rec.examined)}</p>'
    head += "".join(f'<p class="rec-alert"><strong>{escape(a)}</strong></p>' for a in rec.alerts)
    body = "".join(
        f'<section data-element="{el.id}"><h3>{escape(el.title)}</h3><ul>'
        + "".join(f"<li>{escape(line)}</li>" for line in el.lines) + "</ul></section>"
        for el in rec.elements
    )
    return f'<section class="clinician-record" aria-label="{escape(rec.title)}">{head}{body}</section>'


# --------------------------------------------------------------------------- small blocks for pages


def md_inline(text: str) -> str:
    """Our own content text with **bold** turned into <strong>; everything else escaped."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escape(text))


def table_html(rows: list[dict[str, str]], caption: str) -> str:
    """Rows as an accessible table (first column as row headers), in a scrollable region."""
    if not rows:
        return ""
    cols = list(rows[0].keys())
    for r in rows[1:]:
        cols += [k for k in r if k not in cols]
    head = "".join(f'<th scope="col">{escape(k)}</th>' for k in cols)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{escape(r.get(k, ""))}</th>' if i == 0
             else f'<td data-label="{escape(k)}">{escape(r.get(k, ""))}</td>')
            for i, k in enumerate(cols)
        ) + "</tr>"
        for r in rows
    )
    return (f'<div class="grid-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="data-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def flash_html(kind: str, message: str) -> str:
    """A one-off message (file or link opened, answers cleared) as one short line item."""
    sym = {"success": "✓", "error": "✕", "warning": "!"}.get(kind, "i")
    return (f'<p class="xfit xflash xflash-{escape(kind)}" role="status"><span aria-hidden="true">{sym}</span> '
            f"{escape(message)}</p>")


def changes_html(content: Content, changed: Sequence[tuple[str, str, str]], *, short: bool = False) -> str:
    """What changed since the statuses were last shown (assess.changes), "" for nothing.
    ``short``: one line for the exam room ("Just changed: MILD now “Usually not suitable for you”.")."""
    if not changed:
        return ""

    def name(o: str) -> str:
        return f"<strong>{escape(content.option(o).short_name)}</strong>"

    if short:
        return escape(text("ui_changed_short")).format(changes="; ".join(
            escape(text("ui_changed_now")).format(option=name(o), status=escape(STATUS_TEXT[new][1]))
            for o, _old, new in changed))
    items = "".join(
        "<li>" + escape(text("ui_changed_item")).format(
            option=name(o), old=escape(STATUS_TEXT[old][1]), new=escape(STATUS_TEXT[new][1])) + "</li>"
        for o, old, new in changed
    )
    return f"<strong>{escape(text('ui_changed_title'))}</strong><ul>{items}</ul>"


def patient_brief_html(content: Content, saved: Saved, *, hide_leaning: bool = False) -> str:
    """What the patient said at home, in one line for the exam room (values, leaning, role, SURE)."""
    c = content
    values = saved.values
    labels = c.deliberation.importance_labels
    top = sorted((v for v in c.deliberation.values if values.get(v.id, 0) >= 3), key=lambda v: -values[v.id])
    lean = saved.leaning
    lean_text = text("urgent_hidden_title") if hide_leaning and lean else leaning_text(c, lean, short=True)
    role_words = role_text(c, saved.decision_role)
    sure = saved.sure
    if sure:
        yes, total = sum(1 for v in sure.values() if v), len(c.deliberation.sure)
        sure_text = text("exam_brief_sure_yes" if yes == total else "exam_brief_not_sure", yes=yes, total=total)
    else:
        sure_text = text("ui_not_done_yet")
    matters = ("; ".join(f"{v.label} ({labels[values[v.id]].lower()})" for v in top[:3])
               or text("ui_not_rated_yet"))
    items = (  # short items first, so they share one line and "Matters most" gets the next
        (text("exam_brief_answered"), text("exam_brief_questions", n=len(saved.answers), total=len(c.questions))),
        (text("exam_brief_leaning"), lean_text),
        (text("exam_brief_role"), role_words),
        (text("exam_brief_sure"), sure_text),
        (text("exam_brief_matters"), matters),
    )
    body = "".join(f"<li><strong>{escape(k)}:</strong> {escape(v)}</li>" for k, v in items)
    return (f'<section class="xbrief" aria-label="{escape(text("exam_brief_label"))}"><ul>{body}</ul>'
            "</section>")
@_block
def summary_clinician_brief_html(content: Content, saved: Saved, assessment: Assessment, *,
                                 hidden: bool = False, record_anchor: str = "") -> str:
    """The Summary's first block in exam-room mode: what the clinician needs at a glance (warning-sign
    level, leaning, clinical questions still open, values that matter most, pressure from others),
    with a link down to the full decision record. ``hidden``: the comparison is hidden (no leaning)."""
    from .contract import IMAGING_QUESTIONS, RED_FLAG_QUESTIONS

    c, a = content, assessment
    urgency = (c.rules.urgency[a.urgency].title if a.urgency != "none" else text("summary_clin_brief_urgency_none"))
    lean = saved.leaning
    lean_text = text("urgent_hidden_title") if hidden and lean else leaning_text(c, lean, short=True)
    open_qs = [c.question(q).short for q in (*RED_FLAG_QUESTIONS, *IMAGING_QUESTIONS)
               if saved.answers.get(q) in (None, "unsure")]
    values = saved.values
    labels = c.deliberation.importance_labels
    top = sorted((v for v in c.deliberation.values if values.get(v.id, 0) >= 3), key=lambda v: -values[v.id])
    matters = "; ".join(f"{v.label} ({labels[values[v.id]].lower()})" for v in top[:3]) or text("ui_not_rated_yet")
    pressure = saved.support.get("feel_pressure")
    pressure_text = (text("summary_clin_brief_pressure_unknown") if pressure is None
                     else text("pdf_yes" if pressure else "pdf_no"))
    items = (
        ("urgency", text("summary_clin_brief_urgency"), urgency),
        ("leaning", text("exam_brief_leaning"), lean_text),
        ("open", text("summary_clin_brief_open"), "; ".join(open_qs) or text("summary_clin_brief_open_none")),
        ("matters", text("exam_brief_matters"), matters),
        ("pressure", text("summary_clin_brief_pressure"), pressure_text),
    )
    body = "".join(f'<li data-item="{k}"><strong>{escape(label)}:</strong> {escape(v)}</li>' for k, label, v in items)
    link = (f'<p><a href="#{escape(record_anchor)}">{escape(text("summary_clin_brief_record"))}</a></p>'
            if record_anchor else "")
    title = escape(text("summary_clin_brief_title"))
    return (f'<section class="card clin-brief{" clin-urgent" if a.urgency != "none" else ""}" aria-label="{title}">'
            f"<h2>{title}</h2><ul>{body}</ul>{link}</section>")


def spine_picture_html(wide_svg: str, tall_svg: str, alt: str, caption: str) -> str:
    """The Learn picture as two images of the same drawing: side by side on a wide screen, one above
    the other on a phone (app.css figure.spine shows one of them; the other is not drawn, so a screen
    reader meets the text once). Data URLs: nothing is fetched."""
    def src(svg: str) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

    a = escape(alt)
    return (f'<figure class="spine"><img class="spine-wide" src="{src(wide_svg)}" alt="{a}">'
            f'<img class="spine-tall" src="{src(tall_svg)}" alt="{a}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")
