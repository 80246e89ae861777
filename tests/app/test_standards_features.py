"""Features the standards page claims (content/standards.yaml), checked on the rendered pages."""

from __future__ import annotations

from html import escape

from decision_aid.content.loader import load_content
from tests.app.helpers import all_text, open_page

C = load_content()


def test_learn_describes_the_condition_and_the_natural_course():
    text = all_text(open_page("learn"))
    assert "This is called lumbar spinal stenosis" in text or "lumbar spinal stenosis" in text
    assert C.text("learn_course_title") in text
    assert C.text("learn_course").split(".")[0] in text  # the disagreement about the natural course


def test_decision_is_stated_on_start():
    text = all_text(open_page("start"))
    assert C.meta.decision in text


def test_start_says_who_paid_and_that_nothing_is_stored():
    text = all_text(open_page("start"))
    assert "No company paid for this aid" in text
    assert C.meta.conflicts in text
    assert C.text("start_privacy").split(".")[0] in text


def test_evidence_page_gives_version_dates_update_policy_funding_and_contributors():
    text = all_text(open_page("evidence"))
    m = C.meta
    assert m.content_version in text
    assert f"{m.review_due:%d %B %Y}" in text
    assert m.update_policy in text
    assert m.funding in text
    for person in m.contributors:
        assert person.name in text and person.qualification in text


def test_home_mode_shows_step_n_of_7_with_back_and_next():
    at = open_page("situation", state={"mode": "home"})
    assert "Step 3 of 7" in all_text(at)
    labels = [b.label for b in at.button]
    assert any(label.startswith("← Back") for label in labels)
    assert any(label.startswith("Next") for label in labels)


def test_standards_page_lists_every_criterion_and_the_reading_grades():
    text = all_text(open_page("standards"))
    for crit in C.standards.criteria:
        line = f"{crit.id}: {crit.criterion}"
        assert line in text or escape(line) in text
    assert "Reading level of each page" in text
    assert "SMOG" in text


def test_show_all_questions_choice_survives_a_page_switch():
    at = open_page("situation", state={"mode": "home"})
    at.toggle(key="situation_all").set_value(True).run()
    at.switch_page("pages/compare.py").run()
    at.switch_page("pages/situation.py").run()
    assert at.toggle(key="situation_all").value is True
    titles = [h.value for h in at.header]
    assert all(g.title in titles for g in C.groups)  # every group shown, not one at a time
