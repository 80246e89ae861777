"""The one-page option grid (contract section 8, issue 15 section 1): fpdf2, built in memory.

Exactly one landscape page: the five options in ``contract.DISPLAY_ORDER`` as columns and the rows in
``HANDOUT_ROWS`` (texts from options.yaml cells, the ``short`` text where a cell has one), each fact
with footnote numbers to its sources, listed at the foot; content version and date; a QR code to
the aid. With answers: each option's status and its first reason, and the urgency level at the
top (an emergency shows the level and no comparison, as on screen).

Readable by older eyes: every text is at least ``MIN_PT`` points, black on white (grey only for
thin rules and the heading fill). If the content does not fit on one page, spacing shrinks first,
then the grid switches to the condensed face of the same font (``LAYOUTS``), then the urgency box
keeps only the level's title, then each status keeps only "N more in the full summary" instead of
its reason (``_compose`` ``detail``); the size never drops below ``MIN_PT``. A row that the content
does not have (a row id missing from options.yaml) is
shown with "see the full summary".
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from .answers import Saved, resume_url
from .assess import Assessment, assess, comparison_hidden
from .content.loader import Content, load_content
from .contract import DISPLAY_ORDER
from .export import _WIDTHS, APP_VERSION, DEFAULT_BASE_URL, FONTS, INK, _install_fast_text_width, qr_png_bytes
from .i18n import LANG_TAGS, current_lang
from .record import support_lines
from .views import STATUS_SHORT, STATUS_TEXT, Words, figure_amount

HANDOUT_ROWS: tuple[str, ...] = (
    "what_happens",
    "anesthesia",
    "setting_stay",
    "back_to_activity",
    "how_many_improve",
    "more_treatment",
    "serious_risks",
    "coverage",
)
"""The options.yaml row ids the handout reads, in this order. ``coverage`` may be missing.

Each cell shows its ``short`` text; a cell without one shows its headline figure (the first figure,
as the charts draw it: amount, what, time frame), or for ``SUMMARY_ROWS`` the first sentence of
the option's ``summary`` (the same rule for all five, so no column runs longer for a second name);
otherwise its full text. Footnotes always point to the cell's (or figure's) sources."""
SUMMARY_ROWS = frozenset({"what_happens"})
MISSING_ROW_LABELS = {"coverage": "pdf_grid_coverage_label"}
"""texts.yaml labels for rows the content may not have yet."""
FLAG_SHORT = Words("flag_short_", ("secondary", "marketing"))
MIN_PT = 10.0
TITLE_PT = 15.0
HEAD_PT = 12.0
CONDENSED = "DejaVuCond"


@dataclass(frozen=True)
class _Layout:
    line: float  # mm per line of 10 pt text
    pad: float  # cell padding, mm
    gap: float  # space between blocks, mm
    condensed: bool
    label: float = 36.0  # width of the row-label column, mm (wider where the labels run long, as in Spanish)


SLACK_MM = 4.0
"""The estimate (``_height``) runs 2-4 mm over the drawn height; a try whose estimate is over the room
by less than this is drawn anyway, and the page count after drawing decides (then the next try)."""

LAYOUTS = (
    _Layout(4.8, 1.2, 2.0, False),
    _Layout(4.3, 0.8, 1.2, False),
    _Layout(4.5, 1.0, 1.5, True),
    _Layout(4.1, 0.5, 1.0, True),
    _Layout(3.9, 0.3, 0.6, True),
    _Layout(3.8, 0.2, 0.5, True),  # 10 pt type on 3.8 mm lines: still 1.08 line spacing
)
"""Tried in turn until the grid fits on one page (roomiest first)."""


class GridTooLong(RuntimeError):
    """The grid's words do not fit on one page even in the tightest layout (a content problem)."""


class _Notes:
    """Footnote numbers for source keys, in order of first use."""

    def __init__(self, *, marked: bool = True) -> None:
        self.keys: list[str] = []
        self.marked = marked   # False: no numbers; the foot says where every source is

    def mark(self, keys) -> str:
        if not self.marked:
            return ""
        nums = []
        for k in dict.fromkeys(keys):
            if k not in self.keys:
                self.keys.append(k)
            nums.append(str(self.keys.index(k) + 1))
        return f" [{', '.join(nums)}]" if nums else ""


def build_handout_pdf(
    saved: Saved | None = None,
    *,
    content: Content | None = None,
    assessment: Assessment | None = None,
    base_url: str = DEFAULT_BASE_URL,
    page_format: Literal["A4", "Letter"] = "A4",
    today: date | None = None,
    examined: bool = False,
) -> bytes:
    """The one-page grid as PDF bytes; with ``saved``, each option's status and main reason too.
    ``examined``: the exam room recorded "examined: not an emergency" for these answers (the
    comparison comes back under the emergency level, as on screen: assess.comparison_hidden).

    The roomiest layout whose measured height fits is drawn; should the drawing still run over,
    the next tighter one is drawn (fonts are parsed once and shared between attempts).
    """
    c = content or load_content(current_lang())
    a = assessment or (assess(saved.answers, c) if saved is not None else None)
    today = today or date.today()
    _install_fast_text_width()
    token = _WIDTHS.set({})
    try:
        pdf = _new_pdf(c, page_format, None)
        fonts = dict(pdf.fonts)
        room = pdf.h - pdf.t_margin - pdf.b_margin
        tries = [(page, replace(lay, label=w)) for detail in (2, 1, 0, -1)
                 for page in [_compose(saved, c, a, base_url, today, detail, examined)]
                 for lay in LAYOUTS for w in LABEL_WIDTHS]
        first = next((i for i, (page, lay) in enumerate(tries) if _height(pdf, page, lay) <= room + SLACK_MM),
                     len(tries) - 1)
        for i, (page, lay) in enumerate(tries[first:]):
            if i:
                pdf = _new_pdf(c, page_format, fonts)
            _draw(pdf, c, page, lay)
            if pdf.pages_count == 1:
                return bytes(pdf.output())
        raise GridTooLong("the option grid does not fit on one page even in its tightest layout")
    finally:
        _WIDTHS.reset(token)


@dataclass
class _Page:
    """Everything the page says, composed once (footnote numbers in reading order)."""

    link: str
    made: str
    banner: tuple[str, str] | None  # urgency level: title, message with footnotes
    hidden: bool  # emergency: no comparison
    rows: list[tuple[str, bool, list[str]]]  # label, label in bold, five cells
    sources: str
    with_answers: bool
    hidden_text: str = ""
    disclaimer: str = ""
    notes: tuple[str, str] = ("", "")  # the notes box: its title, the people around the patient


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])")  # a capital, or Spanish opening marks


def _main_reason(a: Assessment, oid: str):
    """The reason to print for an option: the weightiest one that is not the same for all five
    options (those come from the warning signs, which the banner at the top already says)."""
    shared = set.intersection(*({r.rule for r in a.options[o].reasons} for o in DISPLAY_ORDER))
    own = [r for r in a.options[oid].reasons if r.rule not in shared]
    own.sort(key=lambda r: r.status != "not_suitable")
    return (own[0] if own else None), max(len(own) - 1, 0)


def _compose(saved, c: Content, a: Assessment | None, base_url: str, today: date, detail: int = 2,
             examined: bool = False) -> _Page:
    """``detail`` 2: the level's title and message, and each option's main reason; 1: the level's
    title only; 0: also only each option's status and how many reasons the full summary gives;
    -1 (the last resort, seen with Spanish on US Letter with many answers): no footnote numbers, and
    the foot says that every source is in the full summary and the aid, instead of listing them."""
    notes = _Notes(marked=detail >= 0)
    link = resume_url(base_url, saved) if saved is not None else base_url.rstrip("/") + "/"
    made = c.text("pdf_grid_made").format(date=c.fmt_date(today), version=c.meta.content_version,
                                           review=c.review_status(),
                                           due=c.fmt_date(c.meta.review_due))
    made += (" " + c.text("pdf_grid_lead") if detail >= 0 else "") + " " + c.text(
        "pdf_grid_qr" if saved is not None else "pdf_grid_qr_aid")
    if c.is_overdue(today):
        made += " " + c.text("pdf_warning") + " " + c.text("out_of_date")
    with_answers = a is not None and saved is not None
    urgency = a.urgency if with_answers else "none"  # type: ignore[union-attr]
    hidden = with_answers and comparison_hidden(a, examined)  # type: ignore[arg-type]
    banner = None
    if urgency != "none":
        level = c.rules.urgency[urgency]
        banner = (level.title + ("" if detail > 1 else notes.mark(level.sources)),
                  level.message + notes.mark(level.sources) if detail > 1 else "")
    rows: list[tuple[str, bool, list[str]]] = []
    if not hidden:
        if with_answers:
            cells = []
            for oid in DISPLAY_ORDER:
                r = a.options[oid]  # type: ignore[union-attr]
                words = f"{STATUS_TEXT[r.status][0]} {STATUS_SHORT[r.status]}"
                reason, more = _main_reason(a, oid)  # type: ignore[arg-type]
                if reason is not None and not detail:
                    reason, more = None, more + 1
                if reason is not None:  # its first sentence: the one-line reason; the summary has all
                    words += ": " + _first_sentence(reason.text) + notes.mark(reason.sources)
                if more:
                    words += " " + c.text("pdf_grid_more_reasons").format(n=more)
                cells.append(words)
            rows.append((c.text("pdf_grid_your_answers"), True, cells))
        for row_id in HANDOUT_ROWS:
            label, note = _row_label(c, row_id)
            rows.append((label + ("\n" + note if note else ""), not note,
                         [_cell_text(c, oid, row_id, notes) for oid in DISPLAY_ORDER]))
    refs = "; ".join(f"[{i}] {_ref_label(c, k)}" for i, k in enumerate(notes.keys, start=1))
    foot = c.text("pdf_grid_sources") + " " + (refs if notes.marked else c.text("pdf_grid_sources_elsewhere"))
    return _Page(link, made, banner, hidden, rows, foot if refs or not notes.marked else "", with_answers,
                 hidden_text=c.text("pdf_grid_hidden") if hidden else "",
                 disclaimer=c.text("disclaimer"),
                 notes=_notes_box(c, saved, hidden))


def _notes_box(c: Content, saved: Saved | None, hidden: bool) -> tuple[str, str]:
    """The notes box (issue 15 section 5): who else is involved, which option they lean to (left out
    when the comparison is hidden, as in the summary) and whether the patient feels pressure; on a
    grid without answers, or with none of these answered, room to write them in."""
    lines = support_lines(c, saved.support, with_leaning=not hidden) if saved is not None else []
    who = " ".join(lines) if lines else c.text("pdf_grid_notes_blank")
    return c.text("pdf_grid_notes_title"), c.text("pdf_support_title") + ": " + who


def _cell_text(c: Content, oid: str, row_id: str, notes: _Notes) -> str:
    opt = c.option(oid)
    cell = opt.cells.get(row_id)
    if cell is None:
        return c.text("pdf_grid_see_summary")
    if not cell.short and cell.figures:  # the headline figure, as the charts show it
        f = cell.figures[0]
        flag = "" if f.flag == "checked" else f" ({FLAG_SHORT[f.flag]})"
        return f"{figure_amount(f)} {f.what}, {f.time_frame}{flag}" + notes.mark(f.sources)
    flag = "" if cell.flag == "checked" else f" ({FLAG_SHORT[cell.flag]})"
    words = cell.short or (_first_sentence(opt.summary) if row_id in SUMMARY_ROWS else cell.text)
    return words + flag + notes.mark(cell.sources)


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _ref_label(c: Content, key: str) -> str:
    """A source's plain label ("NASS guideline, 2013"; references.yaml ``short``, at most 40 characters)."""
    return c.references[key].short


def _row_label(c: Content, row_id: str) -> tuple[str, str]:
    """(label, note under it): the not-comparable note where the row says so."""
    row = next((r for r in c.rows if r.id == row_id), None)
    if row is None:
        return c.text(MISSING_ROW_LABELS.get(row_id, "pdf_grid_see_summary")), ""
    return row.label, ("" if row.comparable else c.text("pdf_grid_not_comparable"))


QR_MM = 26.0
LABEL_WIDTHS = (36.0, 44.0, 52.0)
"""Row-label column widths tried with each layout (narrowest first: more room for the five options)."""


def _new_pdf(c: Content, page_format: str, fonts: dict | None):
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", format="Letter" if page_format == "Letter" else "A4", unit="mm")
    if fonts:  # same order as below, so each font keeps its index
        pdf.fonts.update(fonts)
    else:
        pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.add_font(CONDENSED, "", str(FONTS / "DejaVuSansCondensed.ttf"))
        pdf.add_font(CONDENSED, "B", str(FONTS / "DejaVuSansCondensed-Bold.ttf"))
    pdf.set_margins(8, 6, 8)
    pdf.set_auto_page_break(True, margin=6)
    pdf.set_title(c.text("pdf_grid_title"))
    pdf.set_author(c.text("pdf_meta_author"))
    pdf.set_subject(c.meta.decision)
    pdf.set_lang(LANG_TAGS[c.lang])
    pdf.set_creator(c.text("pdf_meta_creator").format(app=APP_VERSION, version=c.meta.content_version))
    pdf.add_page()  # measuring (dry runs) needs a page too
    return pdf


def _lines(pdf, family: str, style: str, size: float, w: float, text: str) -> int:
    """How many lines ``text`` takes in a box ``w`` mm wide: greedy word wrap as fpdf2 does it, from
    word widths (cheap), not a dry run of the line breaker (a draw checks the page count anyway)."""
    pdf.set_font(family, style, size)
    space = pdf.get_string_width(" ")
    n = 0
    for para in text.split("\n"):
        n += 1
        used = 0.0
        for word in para.split():
            ww = pdf.get_string_width(word)
            if used and used + space + ww > w:
                n += 1
                used = 0.0
            while ww > w:  # a word longer than the box is broken by characters
                n += 1
                ww -= w
            used += (space if used else 0.0) + ww
    return n


def _height(pdf, page: _Page, lay: _Layout) -> float:
    """The height in mm the page needs in ``lay`` (measured with the same fonts and widths)."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    body = CONDENSED if lay.condensed else "DejaVu"
    h = TITLE_PT * 0.45 + _lines(pdf, body, "", MIN_PT, width, page.made) * lay.line + lay.gap
    if page.banner:
        h += HEAD_PT * 0.5 * _lines(pdf, "DejaVu", "B", HEAD_PT, width - 4, page.banner[0])
        if page.banner[1]:
            h += lay.line * _lines(pdf, "DejaVu", "B", MIN_PT, width - 4, page.banner[1])
        h += 3 + lay.gap
    if page.hidden:
        h += (lay.line + 1) * _lines(pdf, "DejaVu", "B", HEAD_PT, width, page.hidden_text) + lay.gap
    col_w = (width - lay.label) / len(DISPLAY_ORDER)
    if page.rows:
        h += HEAD_PT * 0.45 + 2 * lay.pad + 1
        for label, bold, cells in page.rows:
            n = max([_lines(pdf, body, "B" if bold else "", MIN_PT, lay.label - 2 * lay.pad, label)]
                    + [_lines(pdf, body, "", MIN_PT, col_w - 2 * lay.pad, t) for t in cells])
            h += n * lay.line + 2 * lay.pad
        h += lay.gap
    h += _notes_height(pdf, page, lay, width)
    foot = lay.line * len(_foot_lines(pdf, page, lay, width))
    return h + max(foot, QR_MM + 0.5)


def _foot_lines(pdf, page: _Page, lay: _Layout, width: float) -> list[tuple[str, float]]:
    """The sources and the disclaimer at the foot as (line, box width): beside the QR code (bottom
    right) the lines are narrower; below it they use the page's full width. Greedy word wrap from word
    widths, the same for the height estimate and the drawing."""
    pdf.set_font(CONDENSED, "", MIN_PT)
    space = pdf.get_string_width(" ")
    beside = math.ceil(QR_MM / lay.line)
    out: list[tuple[str, float]] = []
    for t in (page.sources, page.disclaimer):
        words = t.split()
        while words:
            box = width - QR_MM - 4 if len(out) < beside else width
            room = box - 2 * pdf.c_margin
            line, used = [words.pop(0)], 0.0
            used = pdf.get_string_width(line[0])
            while words and used + space + pdf.get_string_width(words[0]) <= room:
                used += space + pdf.get_string_width(words[0])
                line.append(words.pop(0))
            out.append((" ".join(line), box))
    return out


NOTES_WRITE_LINES = 1
"""Empty lines in the notes box to write on (the person's or the clinician's own notes)."""


def _notes_height(pdf, page: _Page, lay: _Layout, width: float) -> float:
    body = CONDENSED if lay.condensed else "DejaVu"
    n = _lines(pdf, body, "", MIN_PT, width - 4, page.notes[1])
    return (1 + n + NOTES_WRITE_LINES) * lay.line + 1 + lay.gap


def _draw(pdf, c: Content, page: _Page, lay: _Layout) -> None:
    from fpdf.enums import TableCellFillMode
    from fpdf.fonts import FontFace

    body = CONDENSED if lay.condensed else "DejaVu"
    pdf.set_text_color(*INK)
    pdf.set_draw_color(90, 90, 90)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # --- heading -------------------------------------------------------------------------------------------
    pdf.set_font("DejaVu", "B", TITLE_PT)
    pdf.multi_cell(0, TITLE_PT * 0.45, c.text("pdf_grid_title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(body, "", MIN_PT)
    pdf.multi_cell(0, lay.line, page.made, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lay.gap)

    # --- urgency: the level at the top, in a thick black frame ------------------------------------------
    if page.banner:
        pdf.set_line_width(0.8)
        y0 = pdf.get_y()
        pdf.set_x(pdf.l_margin + 2)
        pdf.set_font("DejaVu", "B", HEAD_PT)
        pdf.multi_cell(width - 4, HEAD_PT * 0.5, page.banner[0], new_x="LMARGIN", new_y="NEXT")
        if page.banner[1]:
            pdf.set_x(pdf.l_margin + 2)
            pdf.set_font("DejaVu", "B", MIN_PT)
            pdf.multi_cell(width - 4, lay.line, page.banner[1], new_x="LMARGIN", new_y="NEXT")
        pdf.rect(pdf.l_margin, y0 - 1, width, pdf.get_y() - y0 + 2)
        pdf.set_line_width(0.2)
        pdf.ln(lay.gap + 1)

    # --- the grid ---------------------------------------------------------------------------------------
    if page.hidden:
        pdf.set_font("DejaVu", "B", HEAD_PT)
        pdf.multi_cell(0, lay.line + 1, page.hidden_text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(lay.gap)
    if page.rows:
        col_w = (width - lay.label) / len(DISPLAY_ORDER)
        pdf.set_font(body, "", MIN_PT)
        bold = FontFace(family=body, emphasis="BOLD", size_pt=MIN_PT)
        with pdf.table(
            col_widths=(lay.label,) + (col_w,) * len(DISPLAY_ORDER),
            width=width,
            line_height=lay.line,
            padding=lay.pad,
            text_align="LEFT",
            first_row_as_headings=True,
            headings_style=FontFace(family="DejaVu", emphasis="BOLD", size_pt=HEAD_PT, fill_color=(225, 225, 225)),
            cell_fill_mode=TableCellFillMode.NONE,
            borders_layout="ALL",
        ) as table:
            head = table.row()
            head.cell(c.text("grid_corner"))
            for oid in DISPLAY_ORDER:
                head.cell(c.option(oid).short_name)
            for label, is_bold, cells in page.rows:
                tr = table.row()
                tr.cell(label, style=bold if is_bold else None)
                for t in cells:
                    tr.cell(t)
        pdf.ln(lay.gap)

    # --- the notes box: the people around the patient, and a line to write on ----------------------------
    y0 = pdf.get_y()
    pdf.set_x(pdf.l_margin + 2)
    pdf.set_font(body, "B", MIN_PT)
    pdf.cell(width - 4, lay.line, page.notes[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 2)
    pdf.set_font(body, "", MIN_PT)
    pdf.multi_cell(width - 4, lay.line, page.notes[1], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(lay.line * NOTES_WRITE_LINES)
    pdf.set_line_width(0.3)
    pdf.rect(pdf.l_margin, y0 - 1, width, pdf.get_y() - y0 + 2)
    pdf.set_line_width(0.2)
    pdf.ln(lay.gap + 1)

    # --- sources at the foot, the QR code beside them at the bottom right ---------------------------------------
    y_top = pdf.get_y()
    pdf.image(io.BytesIO(qr_png_bytes(page.link)), x=pdf.l_margin + width - QR_MM, y=y_top, w=QR_MM, h=QR_MM,
              alt_text=c.text("pdf_grid_qr_alt"))
    for line, box in _foot_lines(pdf, page, lay, width):   # sets the foot's font
        pdf.multi_cell(box, lay.line, line, new_x="LMARGIN", new_y="NEXT")
