"""What a page hands over on request: the summary PDF, the one-page grid, the FHIR record and the
QR code, each built from this session when the button is pressed (never stored)."""

from __future__ import annotations

import functools
from typing import Literal

import streamlit as st

from . import state
from .i18n import current_lang, language
from .session import assessment, examined
from .words import text


@functools.lru_cache(maxsize=8)   # only ever called with a link that holds no answers (qr_png)
def _blank_qr_png(link: str) -> bytes:
    """The QR code of the link that reopens an empty aid (no answer, value or choice in it): no
    patient data, so it may be kept for the process. Every new session that opens Summary shows it
    (5 ms of CPU per code, segno is pure Python)."""
    from .export import qr_png_bytes

    return qr_png_bytes(link)


def base_url() -> str:
    """This app's own address (scheme and host), for resume links; localhost when unknown."""
    from .answers import base_from_url

    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - AppTest and bare runs have no request
        url = None
    return base_from_url(url)


def summary_pdf(base: str, page_format: str, *, with_notes: bool = True):
    """A no-argument callable that builds this session's PDF (download buttons call it on another
    thread, which cannot read session state: everything is captured here, in the script run).
    ``with_notes=False``: without the patient's own words (the FHIR record carries none)."""
    import copy

    from .export import build_summary_pdf

    ss = st.session_state
    saved = state.saved()
    notes = str(ss.get(state.NOTES) or "") if with_notes else ""
    expectations = copy.deepcopy(ss.get(state.EXPECTATIONS) or {})
    knowledge = dict(ss.get(state.KNOWLEDGE) or {})
    fmt: Literal["A4", "Letter"] = "Letter" if page_format == "Letter" else "A4"
    record = state.examined_record() if examined(assessment()) else None

    lang = current_lang()   # the thread that builds it later does not know the session's language

    def build() -> bytes:
        with language(lang):
            return build_summary_pdf(saved, base_url=base, page_format=fmt, notes=notes,
                                     expectations=expectations, knowledge=knowledge, examined=record)

    return build


def handout_pdf(base: str, page_format: str = "A4"):
    """A no-argument callable that builds this session's one-page option grid (as summary_pdf)."""
    from .handout import build_handout_pdf

    saved = state.saved()
    fmt: Literal["A4", "Letter"] = "Letter" if page_format == "Letter" else "A4"
    was_examined = examined(assessment())
    lang = current_lang()   # as summary_pdf: the build runs later, on another thread

    def build() -> bytes:
        with language(lang):
            return build_handout_pdf(saved, base_url=base, page_format=fmt, examined=was_examined)

    return build


def fhir_bundle(base: str, page_format: str = "A4"):
    """A no-argument callable that builds this session's FHIR bundle (JSON), with the summary PDF
    built as summary_pdf does but without notes: free text stays out of the record, as out of the
    file and the link."""
    from .fhir import bundle_json

    saved = state.saved()
    pdf = summary_pdf(base, page_format, with_notes=False)
    lang = current_lang()

    def build() -> bytes:
        with language(lang):
            return bundle_json(saved, pdf=pdf()).encode("utf-8")

    return build


def clinic_downloads(key_prefix: str, page_format: str = "A4") -> None:
    """Two buttons for the clinic: "Print one page" (the option grid PDF) and the FHIR record."""
    base = base_url()
    # one horizontal container (one block, where two columns were three; app.css lets it wrap)
    with st.container(key=f"{key_prefix}_clinic_files", horizontal=True):
        st.download_button(text("ui_handout_button"), data=handout_pdf(base, page_format),
                           file_name="spinal-stenosis-one-page.pdf", mime="application/pdf",
                           key=f"{key_prefix}_handout", on_click="ignore", width="stretch",
                           help=text("ui_handout_help"))
        st.download_button(text("ui_fhir_button"), data=fhir_bundle(base, page_format),
                           file_name="spinal-stenosis-fhir-bundle.json", mime="application/fhir+json",
                           key=f"{key_prefix}_fhir", on_click="ignore", width="stretch",
                           help=text("ui_fhir_help"))


def qr_png(link: str) -> bytes:
    """The QR code of a resume link as PNG bytes, built once per change of the link. Kept in this
    session's state (the link holds answers), never in a process-wide cache; except the link with
    nothing entered yet (:func:`_blank_qr_png`), the same for everyone on this address."""
    from .answers import Saved, resume_url
    from .export import qr_png_bytes

    if link == resume_url(base_url(), Saved()):
        return _blank_qr_png(link)
    memo = st.session_state.get(state.QR_PNG)
    if memo is None or memo[0] != link:
        memo = (link, qr_png_bytes(link))
        st.session_state[state.QR_PNG] = memo
    return memo[1]
