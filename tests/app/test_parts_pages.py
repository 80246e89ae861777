"""Home mode, one idea per screen: Situation, Compare, What matters and Check show one part at a
time ("Part k of n: title"); the footer's Back and Next move through the parts, then to the
previous / next step; the exam room and the "all on one page" toggle show every part. Nothing the
patient entered is lost when moving between parts or switching mode."""

from __future__ import annotations

import pytest

from decision_aid import state
from decision_aid.content.loader import Content

from .helpers import STEP_INDEX, all_text, open_page, press_back, press_next, section_titles

PARTS = {
    "compare": ["The options side by side", "The numbers as pictures"],
    "values": ["Rate what matters to you", "How the options fit what matters most to you"],
    "check": ["What do you expect?", "A few quick questions", "How sure do you feel? (the SURE test)",
              "Where are you leaning?", "The people around you"],
}
NEXT_STEP_TITLE = {"compare": "What matters to you", "values": "Check and lean",
                   "check": "Your summary"}


def html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html") if "<style>" not in str(e.proto.body))


def part_titles(at) -> list[str]:
    """The "Part k of n: title" headings drawn on this run."""
    import re

    return re.findall(r'<h2 class="part-title">(.*?)</h2>', html(at))


def next_label(at, page: str) -> str:
    return at.button(key=f"step_next_{STEP_INDEX[page]}").label


def shows(at, page: str) -> set[int]:
    """Which parts of ``page`` the run drew, from what each part contains."""
    text, h = all_text(at), html(at)
    found = set()
    if page == "compare":
        if "compare_show_all" in {t.key for t in at.toggle} and 'data-option="open_surgery"' in h:
            found.add(0)   # the "show all equally" switch and the grid
        if any('<figure class="pic ' in str(e.proto.body) for e in at.get("html")):
            found.add(1)
    elif page == "values":
        if len([r for r in at.radio if r.key and r.key.startswith("values_v_")]) == 8:
            found.add(0)
        if "Rate something as **very important**" in text or "You said these matter most" in text:
            found.add(1)
    else:
        keys = {r.key for r in at.radio}
        if len(at.number_input) == 8:
            found.add(0)
        if "check_know_general_anesthesia" in keys:
            found.add(1)
        if state.sure_widget("sure_best_choice") in keys:
            found.add(2)
        if "check_leaning" in keys:
            found.add(3)
        if state.support_widget("others_involved", "check") in keys:
            found.add(4)
    return found


@pytest.mark.parametrize("page", list(PARTS))
def test_home_mode_walks_each_part_then_the_next_step(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    n = len(PARTS[page])
    for k in range(n):
        assert part_titles(at) == [f"Part {k + 1} of {n}: {PARTS[page][k]}"], k
        assert shows(at, page) == {k}
        assert f"**Step {STEP_INDEX[page] + 1} of 7:" in all_text(at) and f"(part {k + 1} of {n})" in all_text(at)
        if k < n - 1:
            assert next_label(at, page) == f"Next: {PARTS[page][k + 1]} →"
        press_next(at, page)
        assert not at.exception
    # after the last part, Next opened the next step page at its first part
    assert [t.value for t in at.title] == [NEXT_STEP_TITLE[page]]
    if page != "check":
        nxt = {"compare": "values", "values": "check"}[page]
        assert part_titles(at)[0].startswith(f"Part 1 of {len(PARTS[nxt])}:")


@pytest.mark.parametrize("page", list(PARTS))
def test_back_walks_the_parts_then_the_last_part_of_the_previous_step(page: str, content: Content) -> None:
    n = len(PARTS[page])
    at = press_next(open_page(page), page, n - 1)
    assert shows(at, page) == {n - 1}
    assert at.button(key=f"step_back_{STEP_INDEX[page]}").label == f"← Back: {PARTS[page][n - 2]}"
    press_back(at, page, n - 1)
    assert shows(at, page) == {0}
    press_back(at, page)
    prev = {"compare": "situation", "values": "compare", "check": "values"}[page]
    if prev == "situation":   # the last part: the questions for the clinician
        n_sit = len([g for g in content.groups if not g.for_clinician]) + 1
        assert part_titles(at) == [f"Part {n_sit} of {n_sit}: For your clinician (you can skip these)"]
    else:
        last = len(PARTS[prev])
        assert part_titles(at) == [f"Part {last} of {last}: {PARTS[prev][-1]}"]
        assert shows(at, prev) == {last - 1}


@pytest.mark.parametrize("page", list(PARTS))
def test_exam_room_mode_shows_every_part(page: str) -> None:
    at = open_page(page, state={state.MODE: "clinic"})
    assert not at.exception
    assert shows(at, page) == set(range(len(PARTS[page])))
    assert part_titles(at) == []
    assert [t.key for t in at.toggle if t.key == f"{page}_all"] == []   # no toggle in the exam room
    # Next goes straight to the next step
    press_next(at, page)
    assert [t.value for t in at.title] == [NEXT_STEP_TITLE[page]]


@pytest.mark.parametrize("page", list(PARTS))
def test_all_on_one_page_toggle_shows_every_part_and_is_kept(page: str) -> None:
    at = open_page(page)
    assert shows(at, page) == {0}
    at.toggle(key=f"{page}_all").set_value(True).run()
    assert shows(at, page) == set(range(len(PARTS[page])))
    assert part_titles(at) == []
    if page == "check":   # all five, numbered as before
        assert section_titles(at) == [f"{k + 1}. {t}" for k, t in enumerate(PARTS["check"])]
    # Next now leaves the page
    assert next_label(at, page).startswith(f"Next: {['What matters', 'Check', 'Your summary'][list(PARTS).index(page)]}")
    at.switch_page("pages/summary.py").run()
    at.switch_page(f"pages/{page}.py").run()
    assert at.toggle(key=f"{page}_all").value is True
    assert shows(at, page) == set(range(len(PARTS[page])))
    at.toggle(key=f"{page}_all").set_value(False).run()
    assert shows(at, page) == {0}


def test_check_answers_survive_parts_and_a_mode_switch() -> None:
    at = open_page("check")
    at.number_input(key="check_exp_improve_physical_therapy").set_value(71)
    at.button[[b.label for b in at.button].index("Show what studies found")].click().run()
    assert at.session_state[state.EXPECTATIONS]["improve"]["physical_therapy"] == 71
    press_next(at, "check")
    at.radio(key="check_know_general_anesthesia").set_value("open_surgery_only").run()
    press_next(at, "check")
    at.radio(key=state.sure_widget("clear_values")).set_value("no").run()
    press_next(at, "check")
    at.radio(key="check_leaning").set_value("physical_therapy").run()
    at.radio(key="check_role").set_value("together").run()
    # back through every part: each shows what was entered
    press_back(at, "check")
    assert at.radio(key=state.sure_widget("clear_values")).value == "no"
    press_back(at, "check")
    assert at.radio(key="check_know_general_anesthesia").value == "open_surgery_only"
    assert "✓ That is right." in html(at)
    press_back(at, "check")
    assert at.number_input(key="check_exp_improve_physical_therapy").value == 71
    assert "Your guess was 71 out of 100." in html(at)
    # to the exam room and back home: nothing lost, and Check opens where the patient was
    at.radio(key="sb_mode").set_value("clinic").run()
    assert at.session_state[state.MODE] == "clinic"
    at.radio(key="sb_mode").set_value("home").run()
    at.switch_page("pages/check.py").run()
    assert shows(at, "check") == {0}
    assert at.number_input(key="check_exp_improve_physical_therapy").value == 71
    ss = at.session_state
    assert ss[state.EXPECTATIONS]["improve"]["physical_therapy"] == 71
    assert ss[state.KNOWLEDGE] == {"general_anesthesia": "open_surgery_only"}
    assert ss[state.SURE] == {"clear_values": False}
    assert ss[state.LEANING] == "physical_therapy" and ss[state.ROLE] == "together"
    press_next(at, "check", 3)
    assert at.radio(key="check_leaning").value == "physical_therapy"
    assert at.radio(key="check_role").value == "together"


def test_values_and_situation_answers_survive_parts(content: Content) -> None:
    at = open_page("values")
    at.radio(key=state.value_widget("lasting_relief")).set_value(4).run()
    press_next(at, "values")
    assert "You said these matter most: **Relief that lasts a long time**." in all_text(at)
    press_back(at, "values")
    assert at.radio(key=state.value_widget("lasting_relief")).value == 4
    # situation: an answer in part 1 is still there after parts 2 and back
    at.switch_page("pages/situation.py").run()
    q = next(q for q in content.questions if q.group == content.groups[0].id)
    at.radio(key=state.question_widget(q.id)).set_value(q.choices[0].value).run()
    press_next(at, "situation", 2)
    assert part_titles(at) == [f"Part 3 of 4: {content.groups[2].title}"]
    press_back(at, "situation", 2)
    assert at.radio(key=state.question_widget(q.id)).value == q.choices[0].value
    assert at.session_state[state.ANSWERS] == {q.id: q.choices[0].value}
    assert at.session_state[state.VALUES] == {"lasting_relief": 4}


def _focus_scripts(at) -> list[str]:
    # the scripts that move the keyboard focus (not the page's language and read-aloud scripts,
    # decision_aid/language_ui.py, the open-at-the-top script or the Copy link button, drawn on every run)
    return [str(e.proto.body) for e in at.get("html")
            if e.proto.unsafe_allow_javascript and ".focus(" in str(e.proto.body)]


def test_focus_script_only_after_back_or_next() -> None:
    at = open_page("check")
    assert _focus_scripts(at) == []                       # opening a page: no focus move
    press_next(at, "check")
    scripts = _focus_scripts(at)
    assert len(scripts) == 1 and "h2.part-title" in scripts[0] and "tabindex" in scripts[0]
    # answering a question reruns the page: the focus stays where the patient is
    at.radio(key="check_know_general_anesthesia").set_value("open_surgery_only").run()
    assert _focus_scripts(at) == []
    press_next(at, "check", 4)                            # the last part's Next opens Summary
    scripts = _focus_scripts(at)
    assert [t.value for t in at.title] == ["Your summary"]
    assert len(scripts) == 1 and "main.querySelector('h1')" in scripts[0] and "part-title" not in scripts[0]
