"""The texts moved from code into texts.yaml are the ones the pages really draw (with their {fields}
filled in), so the reading-level grades of tests/unit/test_readability.py are the grades of what a
patient reads. Exact strings, read from the content."""

from __future__ import annotations

from decision_aid import state
from decision_aid.assess import assess
from decision_aid.content.loader import load_content

from .helpers import all_text, open_page

C = load_content()
T = C.text
STATE = {
    state.ANSWERS: {"walking_leg_pain_eased_by_sitting": "yes", "imaging_confirms_central_stenosis": "yes"},
    state.VALUES: {"avoid_general_anesthesia": 4, "lasting_relief": 3},
    state.SURE: {"know_benefits_risks": True, "clear_values": False},
    state.KNOWLEDGE: {},
}


def labels(at, kind: str) -> list[str]:
    return [str(e.label) for e in getattr(at, kind)]


def test_start_draws_its_moved_texts():
    # the two folded panels, opened (their content is drawn only while open: widgets.folded)
    at = open_page("start", state={state.panel_widget("resume_start"): True, state.panel_widget("stop_step_0"): True})
    text = all_text(at)
    assert T("start_switch") in text
    assert f"**{T('start_decision')}** {' '.join(C.meta.decision.split())}" in text
    page_buttons = [b for b in labels(at, "button") if b != T("ui_lang_switch")]  # the switch is on every page
    assert page_buttons[:2] == [T("start_button_home"), T("start_button_clinic")]
    assert T("ui_resume_text") in text  # resume panel (widgets.py)
    assert [e.label for e in at.expander] == [T("ui_resume_title"), T("ui_stop_title")]
    assert T("ui_stop_text") in text


def test_situation_and_sidebar_draw_moved_texts_with_fields_filled():
    at = open_page("situation", state=STATE)
    text = all_text(at)
    assert T("situation_answered").format(n=2, total=len(C.questions)) in text
    assert "You have answered **2 of 26** questions." in text  # the field values, pinned
    n = len(assess(STATE[state.ANSWERS], C).fitting())
    assert n > 1
    assert T("ui_fit_line_many").format(n=n, total=5) in text
    assert T("situation_meaning_title") in text
    # sidebar (every page)
    assert T("ui_mode_question") in labels(at, "radio")
    assert T("ui_larger_text") in labels(at, "toggle")
    assert T("ui_version").format(version=C.meta.content_version, review=C.review_status(),
                                  due=f"{C.meta.review_due:%d %B %Y}") in text
    # status words in the overview come from texts.yaml
    assert f"{T('status_consider')}**" in text


def test_summary_draws_the_rewritten_texts():
    at = open_page("summary", state=STATE)
    text = all_text(at)
    assert T("summary_values_fit").startswith("There is no score and no ranking here.")
    assert T("summary_values_fit") in text
    assert T("summary_pdf_text") in text
    assert [e.label for e in at.text_area] == [T("summary_notes_label")]
    assert T("sure_not_yet_missing").format(yes=1, total=4, missing=2) in text
    assert "1 of 4 yes (2 not answered): you may not feel sure yet." in text


def test_exam_room_draws_its_moved_texts():
    at = open_page("exam", state={**STATE, state.MODE: "clinic"})
    text = all_text(at)
    assert f'<h1 class="xtitle">{T("exam_title")}</h1>' in text
    assert f'aria-label="{T("exam_brief_label")}"' in text
    assert f"<strong>{T('exam_brief_sure')}:</strong> " + T("exam_brief_not_sure").format(yes=1, total=4) in text
    assert T("exam_details") in labels(at, "toggle")


def test_folded_panels_draw_nothing_inside_until_opened():
    """widgets.folded: the stop panel, the resume panel, the glossary and the flags' legend cost one
    element each while closed; opened, they draw what they hold."""
    at = open_page("compare")
    assert [e.label for e in at.expander] == [T("compare_flags_title"), T("ui_glossary_title"), T("ui_stop_title")]
    text = all_text(at)
    assert T("ui_stop_text") not in text and C.glossary[0].plain not in text and T("compare_flags_help") not in text
    assert not at.get("download_button") and not at.get("code")
    for name in ("compare_flags", "glossary", "stop_step_3"):
        at.session_state[state.panel_widget(name)] = True
    at.run()
    text = all_text(at)
    assert T("ui_stop_text") in text and C.glossary[0].plain in text and T("compare_flags_help") in text
    assert [e.proto.label for e in at.get("download_button")] == [T("ui_stop_save")]
    assert len(at.get("code")) == 1   # the resume link
