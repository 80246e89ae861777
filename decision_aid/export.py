"""The printable summary PDF (fpdf2), built in memory. Used by the Summary page and the command line.

Charts are drawn directly with fpdf2 shapes (no browser, no kaleido). The fonts ship in
assets/fonts so accents and symbols print. Every PDF carries its provenance: content version and
review dates, the app version, and the sources behind each statement. It never fails on empty or
partial answers.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Literal, Mapping

from .answers import Saved, resume_url
from .assess import Assessment, assess
from .charts import MILESTONE_COLOURS, MILESTONE_LABELS, headline, icon_positions
from .content.loader import Content, load_content
from .content.models import MILESTONES
from .contract import OPTION_IDS
from .deliberation import expectation_feedback, expectation_results, knowledge_score, questions_to_ask, sure_score, value_fits
from .views import FLAG_TEXT, STATUS_TEXT, figure_amount, figure_sentence

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

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(*INK)
            self.cell(0, 5, f"{self.footer_text}   Page {self.page_no()} of {{nb}}", align="C")

    pdf = SummaryPDF(format=page_format, unit="mm")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    if (FONTS / "DejaVuSans-Oblique.ttf").exists():
        pdf.add_font("DejaVu", "I", str(FONTS / "DejaVuSans-Oblique.ttf"))
    else:  # pragma: no cover - the oblique face ships in assets/fonts
        pdf.add_font("DejaVu", "I", str(FONTS / "DejaVuSans.ttf"))
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
        for k in keys:
            if k not in self.cited:
                self.cited.append(k)
        return " [" + "; ".join(self.c.references[k].short for k in keys) + "]" if keys else ""

    def h1(self, text: str) -> None:
        self.pdf.set_font("DejaVu", "B", 17)
        self.pdf.set_text_color(*INK)
        self.pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(1)

    def h2(self, text: str) -> None:
        if self.pdf.get_y() > self.pdf.h - 40:
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font("DejaVu", "B", 13)
        self.pdf.set_text_color(*BLUE)
        self.pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.set_text_color(*INK)
        self.pdf.ln(0.5)

    def p(self, text: str, size: float = 10.5, style: str = "") -> None:
        self.pdf.set_font("DejaVu", style, size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.ln(0.8)

    def bullet(self, text: str, size: float = 10.5) -> None:
        self.pdf.set_font("DejaVu", "", size)
        x = self.pdf.get_x()
        self.pdf.cell(5, size * 0.5, "•")
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        self.pdf.set_x(x)


def _icon_arrays(w: _Writer, row_id: str, title: str) -> None:
    pdf = w.pdf
    size, gap = 2.3, 0.7
    block = 10 * (size + gap)
    if pdf.get_y() + block + 24 > pdf.h - 16:
        pdf.add_page()
    w.p(title, size=10.5, style="B")
    y0 = pdf.get_y() + 9
    col_w = (pdf.w - pdf.l_margin - pdf.r_margin) / 5
    for k, oid in enumerate(OPTION_IDS):
        x0 = pdf.l_margin + k * col_w
        opt = w.c.option(oid)
        pdf.set_xy(x0, y0 - 9)
        pdf.set_font("DejaVu", "B", 8.5)
        pdf.cell(col_w - 2, 4, opt.short_name)
        f = headline(w.c, oid, row_id)
        pdf.set_xy(x0, y0 - 5)
        pdf.set_font("DejaVu", "", 8)
        if f is None:
            cell = opt.cells[row_id]
            pdf.multi_cell(col_w - 3, 3.6, "No checked number yet" if cell.awaiting else "No number from studies")
            continue
        scaled = f.per_100
        pdf.cell(col_w - 2, 4, f"{scaled:.3g} out of 100" if f.denominator == 100 else f"{figure_amount(f)}")
        for col, row, hit in icon_positions(scaled):
            pdf.set_fill_color(*(BLUE if hit else GREY))
            # filled from the bottom: row 0 is drawn lowest
            pdf.ellipse(x0 + col * (size + gap), y0 + (9 - row) * (size + gap), size, size, style="F")
        pdf.set_xy(x0, y0 + block + 0.5)
        pdf.multi_cell(col_w - 3, 3.4, f.time_frame)
    pdf.set_y(y0 + block + 8)
    w.p("Dark dots are people affected. These numbers come from different studies, people and times: "
        "do not compare them directly.", size=8.5)


def _timeline(w: _Writer) -> None:
    import math

    pdf = w.pdf
    if pdf.get_y() + 75 > pdf.h - 16:
        pdf.add_page()
    w.p("Recovery timeline, day 0 to 1 year (pale = range of what sources say)", size=10.5, style="B")
    left = pdf.l_margin + 30
    width = pdf.w - pdf.r_margin - left - 4
    top = pdf.get_y() + 2
    lane = 9.5

    def x(d: float) -> float:
        return left + width * math.sqrt(min(d, 365)) / math.sqrt(365)

    pdf.set_font("DejaVu", "", 7)
    for d, lab in ((0, "Day 0"), (7, "1 wk"), (28, "4 wk"), (90, "3 mo"), (180, "6 mo"), (365, "1 yr")):
        pdf.set_draw_color(200, 200, 200)
        pdf.line(x(d), top, x(d), top + lane * 5)
        pdf.set_xy(x(d) - 5, top + lane * 5 + 0.5)
        pdf.cell(10, 3, lab, align="C")
    slot = {m: i for i, m in enumerate(MILESTONES)}
    for k, oid in enumerate(OPTION_IDS):
        opt = w.c.option(oid)
        y = top + k * lane
        pdf.set_xy(pdf.l_margin, y + 2)
        pdf.set_font("DejaVu", "B", 7.5)
        pdf.cell(29, 3.5, opt.short_name)
        for m in opt.timeline:
            if m.status != "known":
                continue
            r, g, b = _rgb(MILESTONE_COLOURS[m.kind])
            yy = y + 0.6 + slot[m.kind] * 1.7
            x0, lo, hi = x(m.start_days), x(m.end_low_days), x(m.end_high_days)  # type: ignore[arg-type]
            pdf.set_fill_color(r, g, b)
            pdf.rect(x0, yy, max(lo - x0, 0.8), 1.4, style="F")
            if hi > lo:
                pdf.set_fill_color(int(r + (255 - r) * 0.65), int(g + (255 - g) * 0.65), int(b + (255 - b) * 0.65))
                pdf.rect(max(lo, x0 + 0.8), yy, hi - max(lo, x0 + 0.8), 1.4, style="F")
    pdf.set_y(top + lane * 5 + 5)
    pdf.set_font("DejaVu", "", 7.5)
    legend = "   ".join(f"■ {MILESTONE_LABELS[m]}" for m in MILESTONES)
    pdf.multi_cell(0, 3.5, "Bars, top to bottom in each lane: " + legend, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for oid in OPTION_IDS:
        opt = w.c.option(oid)
        bits = "; ".join(
            f"{MILESTONE_LABELS[m.kind].lower()}: {m.text}" + ("" if m.flag == "checked" else f" ({FLAG_TEXT[m.flag].lower()})")
            for m in opt.timeline
        )
        w.bullet(f"{opt.short_name}: {bits}.", size=8)
        w.cite([s for m in opt.timeline for s in m.sources])


def qr_png_bytes(url: str) -> bytes:
    """PNG of the QR code for ``url`` (error correction M; decodes with zbarimg at 200 dpi)."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


def _qr_png(url: str) -> io.BytesIO:
    return io.BytesIO(qr_png_bytes(url))


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
) -> bytes:
    """The summary as PDF bytes. ``notes`` (the patient's own words) appear only if given."""
    c = content or load_content()
    a = assessment or assess(saved.answers, c)
    today = today or date.today()
    link = resume_url(base_url, saved)

    pdf = _pdf(page_format)
    pdf.set_title("Spinal stenosis: my options summary")
    pdf.set_author("LSS shared decision-making aid")
    pdf.set_subject(c.meta.decision)
    pdf.set_lang("en-US")
    pdf.set_creator(f"LSS decision aid {APP_VERSION}, content {c.meta.content_version}")
    pdf.footer_text = (f"Decision aid {APP_VERSION} · content {c.meta.content_version} · reviewed "
                       f"{c.meta.reviewed_on:%d %b %Y} · review due {c.meta.review_due:%d %b %Y}")
    pdf.add_page()
    w = _Writer(pdf, c)

    w.h1("My options for spinal stenosis: summary to take to my visit")
    w.p(f"Made on {today:%d %B %Y}. The decision: {c.meta.decision}")
    w.p(c.text("disclaimer"), size=9.5)
    if c.is_overdue(today):
        w.p("Warning: " + c.text("out_of_date"), style="B")

    if a.urgent:
        w.h2("Warning signs: get medical help now")
        for u in a.urgent_reasons:
            w.bullet(u.text + w.cite(u.sources))
        w.p(c.rules.urgent_message, style="B")

    # --- options and status ---------------------------------------------------------------------
    w.h2("The five options and what my answers mean")
    w.p(f"{len(a.fitting())} of 5 options fit what I said so far. Answered {len(saved.answers)} of "
        f"{len(c.questions)} questions. Options are never ruled out because a question was skipped.", size=9.5)
    for oid in OPTION_IDS:
        opt = c.option(oid)
        r = a.options[oid]
        sym, words = STATUS_TEXT[r.status]
        w.p(f"{sym}  {opt.name}: {words}", size=11, style="B")
        w.p(opt.summary, size=9.5)
        for reason in r.reasons:
            w.bullet(reason.text + w.cite(reason.sources), size=9.5)

    # --- key facts --------------------------------------------------------------------------------
    w.h2("Key facts side by side")
    key_rows = [row for row in c.rows if row.key_row]
    from fpdf.fonts import FontFace

    pdf.set_font("DejaVu", "", 7.5)
    with pdf.table(col_widths=(22, 20, 20, 20, 20, 20), headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
                   line_height=3.6, text_align="LEFT", first_row_as_headings=True) as table:
        head = table.row()
        head.cell("Question")
        for oid in OPTION_IDS:
            head.cell(c.option(oid).short_name)
        for row in key_rows:
            tr = table.row()
            tr.cell(row.label)
            for oid in OPTION_IDS:
                cell = c.option(oid).cells[row.id]
                flag = "" if cell.flag == "checked" else f" ({FLAG_TEXT[cell.flag].lower()})"
                tr.cell((cell.short or cell.text) + flag)
                w.cite(cell.sources)
    pdf.ln(2)
    w.p("Numbers for each option come from different studies, with different people and follow-up times.", size=8.5)

    _icon_arrays(w, "how_many_improve", "How many people got better, out of 100")
    _icon_arrays(w, "serious_risks", "Rare and serious risks (counted out of 1,000; shown out of 100)")
    for oid in OPTION_IDS:
        for f in c.option(oid).cells["how_many_improve"].figures[:1] + c.option(oid).cells["serious_risks"].figures[:1]:
            w.bullet(f"{c.option(oid).short_name}: {figure_sentence(f)} Who: {f.population}. "
                     f"{FLAG_TEXT[f.flag]}.{w.cite(f.sources)}", size=8.5)
    _timeline(w)

    # --- values ------------------------------------------------------------------------------------
    w.h2("What matters to me")
    labels = c.deliberation.importance_labels
    if saved.values:
        for v in c.deliberation.values:
            if v.id in saved.values:
                w.bullet(f"{v.label}: {labels[saved.values[v.id]]}")
        fits = value_fits(c, saved.values)
        if any(fits[o].meets or fits[o].works_against or fits[o].mixed for o in OPTION_IDS):
            w.p("How each option fits what matters most to me (no option is scored or ranked):", size=9.5, style="B")
            label_of = {v.id: v.label.lower() for v in c.deliberation.values}
            for oid in OPTION_IDS:
                fo = fits[oid]
                parts = [
                    f"{name}: " + ", ".join(label_of[f.value] for f in group)
                    for name, group in (("fits", fo.meets), ("works against", fo.works_against),
                                        ("mixed or not known", fo.mixed))
                    if group
                ]
                w.bullet(f"{c.option(oid).short_name}: " + "; ".join(parts) + ".", size=9)
                w.cite([s for f in fo.meets + fo.works_against + fo.mixed for s in f.sources])
    else:
        w.p("Not rated yet.", size=9.5)

    # --- expectations, knowledge, SURE, leaning ---------------------------------------------------------
    w.h2("My expectations and understanding")
    any_exp = False
    for exp in c.deliberation.expectations:
        guesses = (expectations or {}).get(exp.id) or {}
        if not guesses:
            continue
        any_exp = True
        w.p(exp.question, size=9.5, style="B")
        for r in expectation_results(c, exp.id, guesses):
            if r.guess is not None:
                w.bullet(f"{c.option(r.option).short_name}: {expectation_feedback(r)}", size=9)
    if not any_exp:
        w.p("Expectations check not done yet.", size=9.5)
    right, answered = knowledge_score(c, knowledge or {})
    w.p(f"Knowledge check: {right} of {answered} answered correctly ({len(c.deliberation.knowledge)} questions)."
        if answered else "Knowledge check not done yet.", size=9.5)
    s = sure_score(saved.sure)
    w.p(f"SURE test: {s.text}", size=9.5)
    if s.answered and not s.sure:
        for step in c.deliberation.sure_next_steps:
            w.bullet(step, size=9)
    lean = saved.leaning
    lean_text = "not said yet" if not lean else ("not sure yet" if lean == "not_sure" else c.option(lean).name)
    role = next((r.label for r in c.deliberation.roles if r.id == saved.decision_role), "not said yet")
    w.p(f"I am leaning towards: {lean_text}.", size=10, style="B")
    w.p(f"How I want to decide: {role}.", size=10, style="B")

    # --- questions ---------------------------------------------------------------------------------------
    w.h2("Questions to ask at my visit")
    for q in questions_to_ask(c, saved.answers, a):
        w.bullet(q, size=9.5)
    if notes.strip():
        w.p("My own notes:", size=9.5, style="B")
        w.p(notes.strip()[:2000], size=9.5)

    # --- clinician note ------------------------------------------------------------------------------------
    w.h2("For the clinician: shared decision-making record")
    w.p("Options discussed:  " + "   ".join(f"☐ {c.option(o).short_name}" for o in OPTION_IDS), size=9.5)
    w.p("☐ Benefits and risks of each option discussed, with numbers    ☐ Patient's values discussed "
        "(see 'What matters to me')", size=9.5)
    w.p(f"Patient's leaning: {lean_text}.  Decision role: {role}.  SURE: {s.yes} of 4 yes.", size=9.5)
    w.p("Decision or plan: ______________________________________________________________", size=9.5)
    w.p("☐ Decided today   ☐ Decide later   Follow-up: ____________________", size=9.5)
    w.p(f"Decision aid used: LSS shared decision-making aid {APP_VERSION}, content {c.meta.content_version} "
        f"(reviewed {c.meta.reviewed_on:%d %B %Y}).", size=9.5)
    w.p("Clinician: ____________________   Date: ____________   Patient: ____________________", size=9.5)

    # --- link and QR -----------------------------------------------------------------------------------------
    w.h2("Open my answers again")
    if pdf.get_y() + 45 > pdf.h - 16:
        pdf.add_page()
    y = pdf.get_y()
    pdf.image(_qr_png(link), x=pdf.l_margin, y=y, w=38, alt_text="QR code of the link that reopens these answers")
    pdf.set_xy(pdf.l_margin + 42, y)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 4.5, "Scan the code or open this link to see these answers in the aid again. The link holds "
                   "the answers themselves; nothing is stored on a server.\n" + link,
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), y + 40))

    # --- sources ---------------------------------------------------------------------------------------------
    w.h2("Sources")
    pdf.set_font("DejaVu", "", 7.5)
    for k in w.cited:
        ref = c.references[k]
        bits = [ref.short]
        if ref.journal:
            bits.append(ref.journal)
        if ref.pmid:
            bits.append(f"PMID {ref.pmid}")
        elif ref.doi:
            bits.append(f"doi:{ref.doi}")
        elif ref.urls:
            bits.append(ref.urls[0])
        if ref.funding == "industry":
            bits.append("paid for or issued by the device maker")
        pdf.multi_cell(0, 3.4, f"[{k}] " + ". ".join(bits), new_x="LMARGIN", new_y="NEXT")
    w.p(f"Funding: {c.meta.funding}", size=8.5)
    w.p(f"Content version {c.meta.content_version}, published {c.meta.published_on:%d %B %Y}, reviewed "
        f"{c.meta.reviewed_on:%d %B %Y}, review due {c.meta.review_due:%d %B %Y}. App version {APP_VERSION}.", size=8.5)
    return bytes(pdf.output())
