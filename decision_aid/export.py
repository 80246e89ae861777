"""The printable summary PDF (fpdf2), built in memory. Used by the Summary page and the command line.

Charts are drawn directly with fpdf2 shapes (no browser, no kaleido). The fonts ship in
assets/fonts so accents and symbols print. Every PDF carries its provenance: content version and
review dates, the app version, and the sources behind each statement. It never fails on empty or
partial answers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .answers import Saved, resume_url
from .assess import Assessment, assess, comparison_hidden, examination_holds
from .charts import (
    DRAWN,
    ICONS,
    MILESTONE_COLOURS,
    TICKS,
    axis_ends,
    col,
    headline,
    icon_positions,
    tick_label,
)
from .comparability import apart_reasons, groups
from .content.loader import Content, load_content
from .content.models import MILESTONES
from .contract import DISPLAY_ORDER
from .deliberation import (
    ask_questions,
    expectation_feedback,
    expectation_results,
    important_values,
    knowledge_score,
    sure_score,
    value_fits,
)
from .i18n import LANG_TAGS, current_lang
from .patches.fpdf_text_width import WIDTHS as _WIDTHS  # handout.py builds under the same patch
from .patches.fpdf_text_width import install as _install_fast_text_width
from .record import ClinicianRecord, RecordInput, answer_groups, clinician_record, examined_line, support_lines
from .views import apart_sentence, figure_design, figure_facts
from .words import (
    ASK_GROUPS,
    FIT_TEXT,
    FLAG_TEXT,
    MILESTONE_LABELS,
    STATUS_TEXT,
    figure_amount,
    figure_sentence,
    fmt_number,
    leaning_text,
    role_text,
)

APP_VERSION = "0.1.0"
FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
DEFAULT_BASE_URL = "http://localhost:8501"
INK = (17, 17, 17)
BLUE = (11, 79, 138)
GREY = (201, 206, 214)


def _rgb(hexcolour: str) -> tuple[int, int, int]:
    h = hexcolour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _pdf(page_format: str):
    from fpdf import FPDF

    class SummaryPDF(FPDF):
        footer_text = ""
        page_text = ""  # texts.yaml pdf_page, set per build

        def footer(self) -> None:
            # two lines of 3.5 mm inside the 16 mm bottom margin: the review status makes it long
            self.set_y(-14)
            self.set_font("DejaVu", size=7.5)
            self.set_text_color(*INK)
            self.multi_cell(0, 3.5, f"{self.footer_text}   " + self.page_text.format(n=self.page_no(), total="{nb}"),
                            align="C")

    pdf = SummaryPDF(format=page_format, unit="mm")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    # no italic face: the summary uses none, and each face costs parse time
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(16, 14, 16)
    pdf.alias_nb_pages()
    return pdf


class _Writer:
    def __init__(self, pdf, content: Content) -> None:
        self.pdf = pdf
        self.c = content
        self.cited: list[str] = []

    def cite(self, keys) -> str:
        keys = list(dict.fromkeys(keys))
        for k in keys:
            if k not in self.cited:
                self.cited.append(k)
        return " [" + "; ".join(self.c.references[k].short for k in keys) + "]" if keys else ""

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit (keeps headings with what follows)."""
        if self.pdf.get_y() + height > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def h1(self, text: str) -> None:
        self.pdf.set_font("DejaVu", "B", 17)
        self.pdf.set_text_color(*INK)
        self.pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(1)

    def h2(self, text: str, keep: float = 30) -> None:
        """A section heading, kept on the same page as at least ``keep`` mm of what follows."""
        self.keep(keep + 12)
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", "B", 13)
        self.pdf.set_text_color(*BLUE)
        self.pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.set_text_color(*INK)
        self.pdf.ln(0.5)

    def h3(self, text: str, keep: float = 14) -> None:
        self.keep(keep + 6)
        self.p(text, size=10.5, style="B")

    def p(self, text: str, size: float = 10.5, style: str = "") -> None:
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(0.8)

    def bullet(self, text: str, size: float = 10.5, mark: str = "•") -> None:
        self.pdf.set_font("DejaVu", "", size)
        self.pdf.set_x(self.pdf.l_margin)
        self.pdf.cell(5, size * 0.5, mark)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(0.3)


def _array_problem(f, c: Content | None = None) -> str | None:
    """Why a figure may not be drawn as a 10 x 10 array of people (None: it may)."""
    c = c or load_content(current_lang())
    if f.denominator != 100:
        return c.text("pdf_counted_out_of").format(total=fmt_number(f.denominator))
    if f.per != "people":
        return c.text("pdf_counted_per").format(unit=c.text(f"fig_one_{f.per}"))
    return None


def _icon_arrays(w: _Writer, row_id: str, title: str, legend: str) -> None:
    """10 x 10 arrays for the headline figure of a row, with the same comparability rule as the screen.

    Risk rules: 100 icons each, same size everywhere, the counted people grouped and filled from the
    bottom left, one colour meaning. Only figures out of 100 people are drawn; any other figure is
    written out in words instead (never scaled into the picture). Figures that are comparable
    (:func:`decision_aid.comparability.comparable`) stand side by side; every other figure gets its
    own line, picture and sentence (with study design and size), and the reason is written above.
    """
    pdf = w.pdf
    size, gap = 2.4, 0.75
    step = size + gap
    block = 10 * step
    col_w = (pdf.w - pdf.l_margin - pdf.r_margin) / 5
    items = [(o, f) for o in DISPLAY_ORDER if (f := headline(w.c, o, row_id)) is not None]
    drawable = [(o, f) for o, f in items if _array_problem(f, w.c) is None]
    gs = groups(drawable)
    reasons = apart_reasons([f for _, f in drawable]) if len(gs) > 1 else []
    w.keep(block + 40)
    w.p(title, size=10.5, style="B")
    w.p(legend, size=8.5)
    if reasons:
        w.p(apart_sentence(reasons), size=8.5, style="B")

    def array(x0: float, y0: float, f) -> None:
        for c_, r_, hit in icon_positions(f.per_100):
            pdf.set_fill_color(*(BLUE if hit else GREY))
            pdf.ellipse(x0 + c_ * step, y0 + (9 - r_) * step, size, size, style="F")  # row 0 is drawn lowest

    for g in gs:
        if len(g) == 1:  # apart: its own line, picture on the left and its own sentence beside it
            oid, f = g[0]
            w.keep(block + 4)
            top = pdf.get_y() + 1
            array(pdf.l_margin, top, f)
            pdf.set_xy(pdf.l_margin + block + 4, top)
            pdf.set_font("DejaVu", "B", 8.5)
            pdf.multi_cell(0, 4, w.c.option(oid).short_name, new_x="LEFT", new_y="NEXT")
            pdf.set_font("DejaVu", "", 8)
            pdf.multi_cell(0, 3.6, f"{figure_sentence(f)} {w.c.text('pdf_who').format(population=f.population.rstrip('.'))} "
                           f"{figure_facts(w.c, f)}.{w.cite(f.sources)}", new_x="LEFT", new_y="NEXT", align="L")
            pdf.set_y(max(pdf.get_y(), top + block) + 2)
            continue
        pdf.set_font("DejaVu", "", 7.5)
        lines = max(len(pdf.multi_cell(col_w - 4, 3.4, f"{figure_amount(f)} {f.what}", dry_run=True, output="LINES"))
                    for _, f in g)
        head_h = 6.0 + lines * 3.4
        w.keep(head_h + block + 11)
        top = pdf.get_y() + 1
        for k, (oid, f) in enumerate(g):
            x0 = pdf.l_margin + k * col_w
            pdf.set_xy(x0, top)
            pdf.set_font("DejaVu", "B", 8.5)
            pdf.cell(col_w - 2, 4, w.c.option(oid).short_name)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_xy(x0, top + 4.5)
            pdf.multi_cell(col_w - 4, 3.4, f"{figure_amount(f)} {f.what}", align="L", max_line_height=3.4)
            array(x0, top + head_h, f)
            pdf.set_xy(x0, top + head_h + block + 0.5)
            pdf.multi_cell(col_w - 4, 3.4, f"{f.time_frame}. {figure_design(f).capitalize()}.", align="L")
        pdf.set_y(top + head_h + block + 11)
    pdf.set_font("DejaVu", "", 8)
    for oid in DISPLAY_ORDER:  # no picture: no number, or not out of 100 people
        f = headline(w.c, oid, row_id)
        if f is None:
            cell = w.c.option(oid).cells[row_id]
            words = w.c.text("chart_no_number_yet" if cell.awaiting else "chart_no_number") + "."
        elif (problem := _array_problem(f, w.c)) is not None:
            words = w.c.text("pdf_not_drawn").format(amount=figure_amount(f), problem=problem)
        else:
            continue
        w.bullet(f"{w.c.option(oid).short_name}: {words}", size=8)
    w.p(w.c.text("pdf_arrays_note").format(dots=ICONS), size=8.5)


def _rare_risks(w: _Writer, row_id: str = "serious_risks") -> None:
    """Rare, serious harms in their own table, per 1,000 for every option (no picture of 100)."""
    from fpdf.fonts import FontFace

    pdf = w.pdf
    w.keep(45)
    w.p(w.c.text("pdf_rare_title"), size=10.5, style="B")
    w.p(w.c.text("pdf_rare_note").format(dots=ICONS), size=8.5)
    pdf.set_font("DejaVu", "", 8)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(col_widths=(20, 26, 34, 40), headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
                   line_height=3.8, text_align="LEFT", first_row_as_headings=True) as table:
        head = table.row()
        for h in (col(w.c, "option"), w.c.text("pdf_col_per_1000"), w.c.text("pdf_col_what_when"), col(w.c, "who")):
            head.cell(h)
        for oid in DISPLAY_ORDER:
            opt = w.c.option(oid)
            f = headline(w.c, oid, row_id)
            tr = table.row()
            tr.cell(opt.short_name)
            if f is None:
                cell = opt.cells[row_id]
                tr.cell(w.c.text("chart_no_number_yet" if cell.awaiting else "chart_no_number"))
                tr.cell(cell.short or cell.text)
                tr.cell("")
                w.cite(cell.sources)
                continue
            per1000 = f.per_100 * 10
            tr.cell(w.c.text("pdf_per_1000").format(n=fmt_number(per1000)) if f.per == "people"
                    else w.c.text("pdf_per_1000_unit").format(n=fmt_number(per1000), unit=w.c.text(f"fig_per_{f.per}")))
            tr.cell(f"{f.what}, {f.time_frame}" + w.cite(f.sources))
            tr.cell(f.population)
    pdf.ln(2)


def _timeline(w: _Writer) -> None:
    import math

    pdf = w.pdf
    lane = 9.5
    w.keep(lane * 5 + 32)
    w.p(w.c.text("pdf_timeline_title").format(**axis_ends(w.c)), size=10.5, style="B")
    w.p(w.c.text("pdf_timeline_note").format(**axis_ends(w.c)), size=8.5)
    left = pdf.l_margin + 30
    width = pdf.w - pdf.r_margin - left - 2
    top = pdf.get_y() + 1

    def x(d: float) -> float:
        return left + width * math.sqrt(min(d, 365)) / math.sqrt(365)

    pdf.set_font("DejaVu", "", 7)
    pdf.set_draw_color(200, 200, 200)
    for d, unit, n in TICKS:
        if d == 1:  # too close to day 0 at this width
            continue
        lab = tick_label(w.c, unit, n)
        pdf.line(x(d), top, x(d), top + lane * 5)
        pdf.set_xy(x(d) - 8, top + lane * 5 + 0.5)
        pdf.cell(16, 3, lab, align="R" if d == 365 else ("L" if d == 0 else "C"))
    slot = {m: i for i, m in enumerate(MILESTONES)}
    for k, oid in enumerate(DISPLAY_ORDER):
        opt = w.c.option(oid)
        y = top + k * lane
        pdf.set_draw_color(225, 225, 225)
        pdf.line(pdf.l_margin, y + lane, pdf.w - pdf.r_margin, y + lane)
        pdf.set_xy(pdf.l_margin, y + lane / 2 - 1.8)
        pdf.set_font("DejaVu", "B", 7.5)
        pdf.cell(29, 3.6, opt.short_name)
        known = [m for m in opt.timeline if m.status == "known" and m.kind in DRAWN]
        if not known:
            pdf.set_xy(left + 2, y + lane / 2 - 1.8)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.cell(width - 4, 3.6, w.c.text("pdf_timeline_nothing"))
            continue
        for m in known:
            r, g, b = _rgb(MILESTONE_COLOURS[m.kind])
            yy = y + 0.7 + slot[m.kind] * 1.65
            x0, lo, hi = x(m.start_days), x(m.end_low_days), x(m.end_high_days)  # type: ignore[arg-type]
            pdf.set_fill_color(r, g, b)
            pdf.rect(x0, yy, max(lo - x0, 0.8), 1.3, style="F")
            if hi > lo:
                pdf.set_fill_color(int(r + (255 - r) * 0.65), int(g + (255 - g) * 0.65), int(b + (255 - b) * 0.65))
                pdf.rect(max(lo, x0 + 0.8), yy, hi - max(lo, x0 + 0.8), 1.3, style="F")
    pdf.set_y(top + lane * 5 + 5)
    # legend: a coloured swatch before each label, top to bottom as in every lane
    pdf.set_font("DejaVu", "", 7.5)
    xx, yy = pdf.l_margin, pdf.get_y()
    pdf.set_xy(xx, yy)
    lane_legend = w.c.text("pdf_lane_legend") + " "
    pdf.cell(pdf.get_string_width(lane_legend) + 1, 3.6, lane_legend)
    xx = pdf.get_x()
    for kind in DRAWN:
        label = MILESTONE_LABELS[kind]
        need = 5 + pdf.get_string_width(label) + 4
        if xx + need > pdf.w - pdf.r_margin:
            xx, yy = pdf.l_margin, yy + 4.2
        pdf.set_fill_color(*_rgb(MILESTONE_COLOURS[kind]))
        pdf.rect(xx, yy + 0.9, 3.5, 1.8, style="F")
        pdf.set_xy(xx + 4.5, yy)
        pdf.cell(need - 4.5, 3.6, label)
        xx += need
    pdf.set_y(yy + 5.5)
    w.p(w.c.text("chart_timeline_apart"), size=8.5)
    for oid in DISPLAY_ORDER:
        opt = w.c.option(oid)
        bits = "; ".join(
            f"{MILESTONE_LABELS[m.kind].lower()}: {m.text}" + ("" if m.flag == "checked" else f" ({FLAG_TEXT[m.flag].lower()})")
            for m in opt.timeline
        )
        w.bullet(f"{opt.short_name}: {bits}.{w.cite([s for m in opt.timeline for s in m.sources])}", size=8)


QR_SCALE, QR_BORDER = 8, 2   # pixels per module; quiet zone in modules


def qr_png_bytes(url: str) -> bytes:
    """PNG of the QR code for ``url`` (error correction M; decodes with zbarimg at 200 dpi).

    segno encodes; the PNG is written here, byte for byte what segno 1.6's own PNG writer gives
    (greyscale, 1 bit, each module row once plus ``QR_SCALE - 1`` "Up"-filter rows; tested against
    it), in 0.3 ms instead of its 5.5 ms of pure-Python bit packing (Summary draws it per run)."""
    import segno

    return _png_1bit(segno.make(url, error="m").matrix, QR_SCALE, QR_BORDER)


def _png_1bit(matrix, scale: int, border: int) -> bytes:
    """A black-on-white PNG of a module matrix (rows of 0/1, 1 = dark), laid out as segno does."""
    import struct
    import zlib

    def chunk(name: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + name + data + struct.pack(">I", zlib.crc32(name + data))

    size = len(matrix[0]) + 2 * border
    width = size * scale
    pad = -width % 8

    def line(bits: str) -> bytes:        # filter 0 ("None"), then the bits, zero-padded to a byte
        return b"\0" + int(bits + "0" * pad, 2).to_bytes((width + pad) // 8, "big")

    light = line("1" * width)            # white is palette index 1, black 0 (sorted black, white)
    up = (b"\2" + bytes((width + pad) // 8)) * (scale - 1)   # "Up": the same as the row above
    edge = "1" * (border * scale)
    pixels = {0: "1" * scale, 1: "0" * scale}   # module value -> its pixels (dark = 0 = black)
    idat = bytearray(light * (border * scale))
    for row in matrix:
        idat += line(edge + bytes(row).decode("latin-1").translate(pixels) + edge) + up
    idat += light * (border * scale)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">2I5B", width, width, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(idat), 9)) + chunk(b"IEND", b""))


def _qr_png(url: str) -> io.BytesIO:
    return io.BytesIO(qr_png_bytes(url))




def _answers_part(w: _Writer, answers: Mapping[str, str]) -> None:
    """Every question, grouped as asked, with the answer or "Not answered" (record.answer_groups)."""
    c = w.c
    w.h2(c.text("pdf_answers_title"))
    w.p(c.text("pdf_answers_lead"), size=9.5)
    for g in answer_groups(c, answers):
        w.h3(g.title)
        for line in g.lines:
            w.bullet(f"{line.answer}: {line.text}", size=9, mark="•" if line.answered else "○")


def _clinician_part(w: _Writer, rec: ClinicianRecord) -> None:
    """The clinician's part (record.clinician_record): five elements, boxes to tick, signatures."""
    w.h2(rec.title, keep=88)
    w.p(rec.template_note, size=8.5)
    if rec.examined:
        w.p(f"{w.c.text('pdf_rec_examined')} {rec.examined}", size=9.5, style="B")
    for alert in rec.alerts:
        w.p(alert, size=9.5, style="B")
    for el in rec.elements:
        w.h3(el.title, keep=10)
        for line in el.lines:
            w.p(line, size=9.5)
    for line in rec.sign:
        w.p(line, size=9.5)


def build_summary_pdf(
    saved: Saved,
    *,
    content: Content | None = None,
    assessment: Assessment | None = None,
    base_url: str = DEFAULT_BASE_URL,
    page_format: Literal["A4", "Letter"] = "A4",
    notes: str = "",
    expectations: Mapping[str, Mapping[str, int]] | None = None,
    knowledge: Mapping[str, str] | None = None,
    today: date | None = None,
    examined: Mapping | None = None,
) -> bytes:
    """The summary as PDF bytes. ``notes`` (the patient's own words) appear only if given.
    ``expectations`` and ``knowledge`` default to the ones in ``saved``.
    ``examined``: the exam room's record "examined: not an emergency" (state.examined_record; session
    only, never from a file or link); printed in the clinician part. Under an emergency answer
    without it, the options, their figures and charts, the fits and the leaning are left out
    (assess.comparison_hidden).

    Never fails on empty or partial answers: every section says "not done yet" when it has nothing.
    """
    _install_fast_text_width()
    token = _WIDTHS.set({})
    try:
        return _build(saved, content=content, assessment=assessment, base_url=base_url, page_format=page_format,
                      notes=notes, expectations=expectations, knowledge=knowledge, today=today,
                      examined=examined)
    finally:
        _WIDTHS.reset(token)


@dataclass(frozen=True)
class _Summary:
    """Everything one summary PDF is built from (each section below reads only this)."""

    c: Content
    saved: Saved
    a: Assessment
    record: dict[str, Any] | None
    """The exam room's "examined: not an emergency" record, when it holds for these answers."""
    hidden: bool
    """Under an emergency answer without that record: no options, figures, fits or leaning."""
    today: date
    link: str
    expectations: Mapping[str, Mapping[str, int]]
    knowledge: Mapping[str, str]
    notes: str
    versions: dict[str, str]


def _build(saved: Saved, *, content, assessment, base_url, page_format, notes, expectations, knowledge,
           today, examined=None) -> bytes:

    c = content or load_content(current_lang())
    a = assessment or assess(saved.answers, c)
    record = dict(examined) if examination_holds(a, examined) else None
    s = _Summary(c=c, saved=saved, a=a, record=record, hidden=comparison_hidden(a, record is not None),
                 today=today or date.today(), link=resume_url(base_url, saved),
                 expectations=saved.expectations if expectations is None else expectations,
                 knowledge=saved.knowledge if knowledge is None else knowledge, notes=notes,
                 versions=dict(app=APP_VERSION, version=c.meta.content_version))
    pdf = _pdf("Letter" if page_format == "Letter" else "A4")
    _metadata(pdf, s)
    pdf.add_page()
    w = _Writer(pdf, c)
    # The order of the Summary page (issue 13 section 5): what to do with it (the link and QR code to
    # open it again), the leaning, what matters and the questions to ask, the clinician's part; then
    # the repeat of earlier pages (options, key facts, pictures, every answer, the checks); sources.
    _heading(w, s)
    _urgency(w, s)
    if s.hidden:   # an emergency answer: no options, figures or charts until it is checked (said at once)
        w.h2(c.text("urgent_hidden_title"))
        w.p(c.text("pdf_hidden_note"), style="B")
    _link(w, s)
    _leaning(w, s)
    _sure(w, s)
    _values(w, s)
    _questions(w, s)
    _clinician_part(w, clinician_record(RecordInput(c, saved, a, s.today, APP_VERSION,
                                                    examined_line(c, record), s.hidden)))
    if not s.hidden:
        _options(w, s)
        _key_facts(w, s)
        _pictures(w, s)
    _answers_part(w, saved.answers)  # every answer, grouped as asked (also under an emergency)
    _expectations(w, s)
    _knowledge(w, s)
    _sources(w, s)
    return bytes(pdf.output())


def _metadata(pdf: Any, s: _Summary) -> None:
    c = s.c
    pdf.set_title(c.text("pdf_meta_title"))
    pdf.set_author(c.text("pdf_meta_author"))
    pdf.set_subject(c.meta.decision)
    pdf.set_lang(LANG_TAGS[c.lang])
    pdf.set_creator(c.text("pdf_meta_creator").format(**s.versions))
    pdf.page_text = c.text("pdf_page")
    pdf.footer_text = c.text("pdf_footer").format(**s.versions, review=c.review_status(short=True),
                                                  due=c.fmt_date(c.meta.review_due, short=True))


def _heading(w: _Writer, s: _Summary) -> None:
    c = s.c
    w.h1(c.text("pdf_title"))
    w.p(c.text("pdf_made_on").format(date=c.fmt_date(s.today)) + f" {c.meta.decision}")
    w.p(c.text("disclaimer"), size=9.5)
    if c.is_overdue(s.today):
        w.p(c.text("pdf_warning") + " " + c.text("out_of_date"), style="B")


def _urgency(w: _Writer, s: _Summary) -> None:
    c, a = s.c, s.a
    if a.urgency == "none":
        return
    level = c.rules.urgency[a.urgency]
    w.h2(level.title, keep=20)
    message = c.text("urgent_examined").format(at=s.record["at"]) if s.record else level.message
    w.p(message + w.cite(level.sources), style="B")
    for u in a.urgent_reasons:
        w.bullet(u.text + w.cite(u.sources))


def _options(w: _Writer, s: _Summary) -> None:
    """Each option with its status and the reasons, in display order."""
    c, a = s.c, s.a
    w.h2(c.text("pdf_options_title"))
    w.p(c.text("pdf_options_lead").format(n=len(a.fitting()), total=len(DISPLAY_ORDER), answered=len(s.saved.answers),
                                          questions=len(c.questions)), size=9.5)
    for oid in DISPLAY_ORDER:
        opt = c.option(oid)
        r = a.options[oid]
        sym, words = STATUS_TEXT[r.status]
        w.keep(16)
        w.p(f"{sym}  {opt.name}: {words}", size=11, style="B")
        w.p(opt.summary, size=9.5)
        for reason in r.reasons:
            w.bullet(reason.text + w.cite(reason.sources), size=9.5)


def _key_facts(w: _Writer, s: _Summary) -> None:
    """The key rows of the grid as one table."""
    from fpdf.fonts import FontFace

    c, pdf = s.c, w.pdf
    w.h2(c.text("pdf_key_facts_title"), keep=60)
    key_rows = [row for row in c.rows if row.key_row]
    pdf.set_font("DejaVu", "", 7.5)
    with pdf.table(col_widths=(22, 20, 20, 20, 20, 20), headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
                   line_height=3.6, text_align="LEFT", first_row_as_headings=True) as table:
        head = table.row()
        head.cell(c.text("grid_corner"))
        for oid in DISPLAY_ORDER:
            head.cell(c.option(oid).short_name)
        for row in key_rows:
            tr = table.row()
            tr.cell(row.label)
            for oid in DISPLAY_ORDER:
                cell = c.option(oid).cells[row.id]
                flag = "" if cell.flag == "checked" else f" ({FLAG_TEXT[cell.flag].lower()})"
                tr.cell((cell.short or cell.text) + flag)
                w.cite(cell.sources)
    pdf.ln(2)
    w.p(c.text("pdf_key_facts_note"), size=8.5)


def _pictures(w: _Writer, s: _Summary) -> None:
    """Icon arrays, rare risks, each figure in words, and the timeline."""
    c = s.c
    _icon_arrays(w, "how_many_improve", c.text("chart_improve"), c.text("pdf_improve_legend"))
    _icon_arrays(w, "more_treatment", c.text("chart_more"), c.text("pdf_more_legend"))
    _rare_risks(w)
    w.keep(20)
    w.p(c.text("pdf_numbers_title"), size=9.5, style="B")
    for row_id in ("how_many_improve", "more_treatment"):
        for oid in DISPLAY_ORDER:
            f = headline(c, oid, row_id)
            if f is not None:
                who = c.text("pdf_who").format(population=f.population.rstrip("."))
                w.bullet(f"{c.option(oid).short_name}: {figure_sentence(f)} {who} "
                         f"{figure_facts(c, f)}. {FLAG_TEXT[f.flag]}.{w.cite(f.sources)}", size=8.5)
    _timeline(w)


def _values(w: _Writer, s: _Summary) -> None:
    """The ratings and, unless hidden, how each option fits the values that matter most."""
    c, saved = s.c, s.saved
    labels = c.deliberation.importance_labels
    value_label = {v.id: v.label for v in c.deliberation.values}
    top_values = important_values(saved.values)
    w.h2(c.text("pdf_values_title"))
    if saved.values:
        for v in c.deliberation.values:
            if v.id in saved.values:
                w.bullet(f"{v.label}: {labels[saved.values[v.id]]}", size=10)
    else:
        w.p(c.text("pdf_values_none"), size=9.5)
    if top_values and not s.hidden:
        fits = value_fits(c, saved.values)
        w.h3(c.text("pdf_fits_title"))
        w.p(c.text("pdf_fits_note"), size=8.5)
        for oid in DISPLAY_ORDER:
            fo = fits[oid]
            w.keep(14)
            w.p(c.option(oid).name, size=9.5, style="B")
            for (mark, name), group in ((FIT_TEXT["meets"], fo.meets), (FIT_TEXT["works_against"], fo.works_against),
                                        (FIT_TEXT["mixed"], fo.mixed)):
                for f in group:
                    w.bullet(f"{name}: {value_label[f.value].lower()}. {f.text}{w.cite(f.sources)}", size=8.5, mark=mark)
    elif saved.values and not top_values:
        w.p(c.text("pdf_values_no_top"), size=9.5)


def _expectations(w: _Writer, s: _Summary) -> None:
    c = s.c
    w.h2(c.text("pdf_expect_title"))
    any_exp = False
    for exp in c.deliberation.expectations:
        guesses = s.expectations.get(exp.id) or {}
        if not guesses or s.hidden:
            continue
        any_exp = True
        w.h3(exp.question)
        for r in expectation_results(c, exp.id, guesses):
            cite = w.cite(r.figure.sources) if r.figure else ""
            w.bullet(f"{c.option(r.option).short_name}: {expectation_feedback(r)}{cite}", size=9)
    if any_exp:
        w.p(c.text("pdf_expect_note"), size=8.5)
    elif s.hidden and any(s.expectations.values()):
        w.p(c.text("urgent_hidden_title") + ".", size=9.5)
    else:
        w.p(c.text("pdf_expect_none"), size=9.5)


def _knowledge(w: _Writer, s: _Summary) -> None:
    c, knowledge = s.c, s.knowledge
    w.h2(c.text("pdf_quiz_title"), keep=20)
    right, answered = knowledge_score(c, knowledge)
    if not answered:
        w.p(c.text("pdf_quiz_none"), size=9.5)
        return
    w.p(c.text("pdf_quiz_score").format(right=right, answered=answered, total=len(c.deliberation.knowledge)),
        size=9.5)
    for k in c.deliberation.knowledge:
        chosen = knowledge.get(k.id)
        if chosen is None:
            continue
        ok = chosen == k.correct
        verdict = c.text("summary_quiz_right" if ok else "summary_quiz_wrong")
        w.bullet(f"{k.question} {verdict}. {k.explanation}{w.cite(k.sources)}",
                 size=8.5, mark="✓" if ok else "✕")


def _sure(w: _Writer, s: _Summary) -> None:
    c, sure = s.c, s.saved.sure
    score = sure_score(sure)
    w.h2(c.text("pdf_sure_title"), keep=25)
    w.p(score.text, size=10, style="B")
    for item in c.deliberation.sure:
        ans = sure.get(item.id)
        w.bullet(f"{item.text} " + c.text("pdf_yes" if ans else "pdf_no" if ans is not None else "pdf_not_answered"),
                 size=9)
    if score.answered and not score.sure:
        w.p(c.text("pdf_sure_next"), size=9.5, style="B")
        for step in c.deliberation.sure_next_steps:
            w.bullet(step, size=9)


def _leaning(w: _Writer, s: _Summary) -> None:
    """The leaning (hidden under an emergency), how the patient wants to decide, the people around."""
    c, saved = s.c, s.saved
    lean_text = c.text("urgent_hidden_title") if s.hidden and saved.leaning else leaning_text(c, saved.leaning)
    w.h2(c.text("pdf_lean_title"), keep=15)
    w.p(c.text("pdf_lean").format(option=lean_text), size=10.5, style="B")
    w.p(c.text("pdf_role").format(role=role_text(c, saved.decision_role)), size=10.5, style="B")
    w.p(c.text("pdf_lean_note"), size=9)
    w.h3(c.text("pdf_support_title"))
    for line in support_lines(c, saved.support, with_leaning=not s.hidden) or [c.text("pdf_support_none")]:
        w.bullet(line, size=9.5)


def _questions(w: _Writer, s: _Summary) -> None:
    """Questions to ask, grouped, and the patient's own notes (only when given)."""
    c = s.c
    w.h2(c.text("pdf_ask_title"))
    qs = [q for q in ask_questions(c, s.saved.answers, s.a, s.saved.support) if not (s.hidden and q.group == "options")]
    for g, title in ASK_GROUPS.items():
        group = [q for q in qs if q.group == g]
        if not group:
            continue
        w.h3(title)
        for q in group:
            w.bullet(q.text, size=9.5, mark="☐")
    if s.notes.strip():
        w.h3(c.text("pdf_notes_title"))
        w.p(s.notes.strip()[:2000], size=9.5)


def _link(w: _Writer, s: _Summary) -> None:
    """The resume link and its QR code."""
    c, pdf = s.c, w.pdf
    w.h2(c.text("pdf_link_title"), keep=42)
    y = pdf.get_y()
    pdf.image(_qr_png(s.link), x=pdf.l_margin, y=y, w=38, alt_text=c.text("pdf_qr_alt"))
    pdf.set_xy(pdf.l_margin + 42, y)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 4.5, c.text("pdf_link_text"), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_x(pdf.l_margin + 42)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4, s.link, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_y(max(pdf.get_y(), y + 40))


def _sources(w: _Writer, s: _Summary) -> None:
    """Every source cited above, who paid for the aid, and the versions."""
    c, pdf = s.c, w.pdf
    w.h2(c.text("pdf_sources_title"), keep=20)
    pdf.set_font("DejaVu", "", 7.5)
    for k in w.cited:   # the plain label as cited above, then the full reference (paper has no tap)
        ref = c.references[k]
        bits = [f"{ref.short} [{k}]:"] + [x for x in (ref.authors, ref.title) if x]
        if ref.journal:
            bits.append(ref.journal)
        elif ref.year:
            bits.append(str(ref.year))
        if ref.pmid:
            bits.append(f"PMID {ref.pmid}")
        elif ref.doi:
            bits.append(f"doi:{ref.doi}")
        elif ref.urls:
            bits.append(ref.urls[0])
        if ref.funding == "industry":
            bits.append(c.text("pdf_source_industry"))
        pdf.multi_cell(0, 3.4, bits[0] + " " + ". ".join(b.rstrip(".") for b in bits[1:]) + ".", new_x="LMARGIN",
                       new_y="NEXT", align="L")
    pdf.ln(1)
    w.p(f"{c.text('pdf_funding')} {c.meta.funding}", size=8.5)
    w.p(c.text("pdf_versions").format(**s.versions, published=c.fmt_date(c.meta.published_on),
                                      review=c.review_status(), due=c.fmt_date(c.meta.review_due)),
        size=8.5)
