"""Browser journeys for the clinic's downloads (issue 15 sections 1-2), in a real server:

* exam room (a resume link with ?mode=clinic) -> "Print one page": the download is one landscape
  page with every option, the status row and a QR code;
* home (a resume link with ?mode=home) -> Summary through the navigation -> the FHIR file: parsed
  back with fhir.resources (R4B) and every answer checked against the Questionnaire.

Screenshots: test-artifacts/screenshots/clinic_*.png.
"""

from __future__ import annotations

import io
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from decision_aid.answers import Saved, encode_link
from decision_aid.content.loader import load_content

from ..unit.test_fhir import check_against
from .helpers import ALL_FIT, console_errors, flat, no_exception, open_app, screenshot, wait_for_run

C = load_content()
SAVED = Saved(answers=dict(ALL_FIT, can_lie_face_down_1h="yes", smoker="no", ligamentum_flavum_thickened="no"),
              values={"avoid_general_anesthesia": 4, "short_recovery": 2}, leaning="physical_therapy",
              decision_role="together", sure={"know_benefits_risks": True})


def _download(page: Page, label: str) -> tuple[str, bytes]:
    btn = page.get_by_role("button", name=label).first
    btn.scroll_into_view_if_needed()
    # built on the click, on a machine shared with other test runs: allow for a slow first build
    with page.expect_download(timeout=90_000) as dl:
        btn.click()
    download = dl.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_exam_room_print_one_page(desktop_page: Page) -> None:
    page = desktop_page
    errors = console_errors(page)
    open_app(page, f"/?r={encode_link(SAVED)}&mode=clinic")
    expect(page.locator("[data-option='mild']").first).to_have_attribute("data-status", "not_suitable")
    screenshot(page, "clinic_exam_room")
    # the one-page grid sits with the record, in the exam room's "Print and record" box
    page.get_by_role("button", name=C.text("exam_record_button"), exact=True).click()
    name, data = _download(page, C.text("ui_handout_button"))
    assert name == "spinal-stenosis-one-page.pdf"
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    text = flat(reader.pages[0].extract_text())
    for o in C.options:
        assert o.short_name in text, o.short_name
    assert C.text("pdf_grid_your_answers") in text
    assert "Usually not suitable" in text  # MILD's status, as on the card
    no_exception(page)
    assert list(errors) == []


def test_home_summary_fhir_download(desktop_page: Page) -> None:
    page = desktop_page
    errors = console_errors(page)
    open_app(page, f"/?r={encode_link(SAVED)}&mode=home")
    page.get_by_role("link", name=C.text("nav_summary")).first.click()
    wait_for_run(page)
    expect(page.get_by_role("button", name=C.text("ui_fhir_button")).first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name=C.text("ui_fhir_button")).first.scroll_into_view_if_needed()
    screenshot(page, "clinic_summary_buttons")
    name, data = _download(page, C.text("ui_fhir_button"))
    assert name == "spinal-stenosis-fhir-bundle.json"
    bundle = Bundle.model_validate_json(data)
    assert bundle.type == "collection"
    q, qr, doc = (e.resource for e in bundle.entry)
    assert check_against(q, qr) == len(SAVED.answers) + len(SAVED.values) + 2 + len(SAVED.sure)
    assert doc.content[0].attachment.data.startswith(b"%PDF")
    assert b'"subject"' not in data and b"birthDate" not in data
    no_exception(page)
    assert list(errors) == []
