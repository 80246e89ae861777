"""The clinical content loads, is honest, and matches the shared public contract.

Each broken-content test copies the real content folder to tmp_path, changes ONE field, and checks
that loading fails with a ContentError naming the file and the field.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from decision_aid import contract
from decision_aid.content.loader import CONTENT_DIR, ContentError, load_content, load_content_from

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_MD = Path(os.environ.get("LSS_CONTRACT_MD", ROOT.parent / "shared" / "design" / "contract.md"))

CONTENT = load_content()


# --------------------------------------------------------------------------------------------------
# The real content
# --------------------------------------------------------------------------------------------------


def test_real_content_loads_with_all_five_options_in_display_order():
    assert tuple(o.id for o in CONTENT.options) == contract.DISPLAY_ORDER
    assert {o.id: o.name for o in CONTENT.options} == contract.OPTION_LABELS
    assert CONTENT.meta.content_version == "2026.12.1"
    assert len(CONTENT.rules.rules) >= 40
    assert len(CONTENT.references) >= 100


def test_every_displayed_figure_has_resolving_citation_keys():
    figures = list(CONTENT.figures())
    assert len(figures) >= 20, "the grid shows figures for every option"
    for option, row_id, fig in figures:
        where = f"{option.id}.{row_id}.{fig.id}"
        assert fig.sources, where
        missing = [k for k in fig.sources if k not in CONTENT.references]
        assert not missing, f"{where}: unknown citation keys {missing}"
        assert fig.flag in ("checked", "secondary"), f"{where}: flag {fig.flag}"
        assert fig.time_frame.strip() and fig.population.strip(), where
        assert fig.denominator in (100, 1000), where


def test_known_checked_figures_are_shown_as_the_brief_gives_them():
    """Spot checks against the brief: Delitto 57% crossover; Deyo 2.3% (23 out of 1,000)."""
    by_id = {(o.id, f.id): f for o, _, f in CONTENT.figures()}
    pt = [f for (o, _), f in by_id.items() if o == "physical_therapy" and "Delitto-2015" in f.sources]
    assert any(f.value == 57 and f.denominator == 100 for f in pt), [(f.id, f.value) for f in pt]
    surg = [f for (o, _), f in by_id.items() if o == "open_surgery" and "Deyo-2010" in f.sources]
    assert any(f.per_100 == pytest.approx(2.3) for f in surg), [(f.id, f.value, f.denominator) for f in surg]


def _walk(obj: Any, path: str = ""):
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, f"{path}.{k}")
    else:
        yield path, obj


def test_nothing_loaded_is_flagged_unverified():
    parts = [CONTENT.options, CONTENT.claims, CONTENT.disagreements, CONTENT.rules]
    flagged = [p for part in parts for p, v in _walk(part) if p.endswith("flag") and v == "unverified"]
    assert flagged == []


def test_every_option_has_the_same_rows_and_no_empty_cell():
    row_ids = [r.id for r in CONTENT.rows]
    assert len(row_ids) == len(set(row_ids)) >= 10
    for option in CONTENT.options:
        assert list(option.cells) == row_ids, option.id
        for row_id, cell in option.cells.items():
            assert cell.kind in ("evidence", "no_good_studies", "not_applicable", "not_in_brief"), (option.id, row_id)
            assert cell.text.strip(), (option.id, row_id)
            if cell.kind == "evidence":
                assert cell.sources or cell.figures, (option.id, row_id)


def test_every_option_has_a_benefit_and_a_harm_statement():
    kinds = {r.id: r.kind for r in CONTENT.rows}
    for option in CONTENT.options:
        for wanted in ("benefit", "harm"):
            cells = [c for r, c in option.cells.items() if kinds[r] == wanted and c.kind == "evidence"]
            assert cells, f"{option.id}: no {wanted} statement backed by evidence"
            assert all(c.sources or c.figures for c in cells)


def test_every_source_in_the_content_resolves():
    """The loader refuses unknown keys; this confirms on the real data that the walk finds keys."""
    keys = [v for part in (CONTENT.options, CONTENT.rules, CONTENT.claims, CONTENT.questions)
            for p, v in _walk(part) if re.search(r"sources\[\d+\]$", p)]
    assert len(keys) > 200
    assert sorted({k for k in keys if k not in CONTENT.references}) == []


_LOCATOR = re.compile(r"https?:|www\.|\.(com|org|gov|net|uk)\b|\bNCT\s?\d|\bPMID|\bdoi\b|\d{6,}", re.I)
MAKER_WORD = {"en": "maker", "es": "fabricante"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_reference_has_a_short_plain_label(lang):
    """Sources show as "NASS guideline, 2013" or "Maker-funded trial, 2018": at most 40 characters,
    no registry number or web address, the year when the brief gives one, the maker named exactly
    when the maker paid, and no two sources with the same label (so the PDF's list resolves them)."""
    refs = load_content(lang).references
    assert len(refs) > 150
    labels = {k: r.short for k, r in refs.items()}
    assert all(labels.values())
    assert {k: s for k, s in labels.items() if len(s) > 40} == {}
    assert {k: s for k, s in labels.items() if _LOCATOR.search(s)} == {}
    assert {k: s for k, s in labels.items() if refs[k].year and str(refs[k].year) not in s} == {}
    maker = MAKER_WORD[lang]
    assert {k: s for k, s in labels.items() if (maker in s.lower()) != (refs[k].funding == "industry")} == {}
    assert len(set(labels.values())) == len(labels)
    assert labels["NASS-2013"] == {"en": "NASS guideline, 2013", "es": "Guía de NASS, 2013"}[lang]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_disagreement_leads_with_what_the_sources_agree_on(lang):
    """Issue 13 section 4: one plain sentence of agreement first, then the range of views and who
    holds each, then what it means; the sources show as plain labels."""
    from decision_aid import views
    from decision_aid.i18n import language

    c = load_content(lang)
    with language(lang):
        for d in c.disagreements:
            html = views.disagreement_html(c, d)
            agree = html.index(views.escape(d.agree))
            assert agree < html.index(views.escape(c.text("disagree_differ")))
            assert agree < min(html.index(views.escape(v.holder)) for v in d.views)
            assert html.index(views.escape(d.what_it_means)) > max(html.index(views.escape(v.view)) for v in d.views)
            assert "NCT0" not in html.split('class="chip-body"')[0]


def test_a_disagreement_without_agree_is_refused(tmp_path):
    msg = _broken(tmp_path, "disagreements.yaml", lambda d: d["disagreements"][0].pop("agree"))
    assert "disagreements.yaml" in msg and "agree" in msg


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_grid_cell_disagreement_leads_with_what_the_sources_agree_on(lang):
    """Issue 13 section 4, in the grid too: a cell where sources disagree first says what they agree
    on, then where they differ (ten cells today, every option but none left out)."""
    from decision_aid import views
    from decision_aid.i18n import language

    c = load_content(lang)
    cells = [(o.id, rid, cell) for o in c.options for rid, cell in o.cells.items() if cell.disagreement]
    assert len(cells) >= 10 and {o for o, _r, _c in cells} == set(contract.OPTION_IDS)
    with language(lang):
        for _o, _r, cell in cells:
            html = views.cell_html(c, cell)
            agree = html.index(views.escape(cell.disagreement_agree))
            assert agree < html.index(views.escape(c.text("cell_disagree_differ"))) < html.index(
                views.escape(cell.disagreement))


def test_a_cell_disagreement_without_its_agreement_is_refused(tmp_path):
    def change(d):
        for o in d["options"]:
            for cell in o["cells"].values():
                cell.pop("disagreement_agree", None)
    msg = _broken(tmp_path, "options.yaml", change)
    assert "options.yaml" in msg and "disagreement_agree" in msg


def test_short_label_with_a_registry_number_is_refused(tmp_path):
    def change(d):
        d["references"][0]["short"] = "MiDAS ENCORE registry (NCT02093520)"
    msg = _broken(tmp_path, "references.yaml", change)
    assert "names a registry number or a web address" in msg


def test_short_label_over_40_characters_is_refused(tmp_path):
    msg = _broken(tmp_path, "references.yaml", lambda d: d["references"][0].update(short="x" * 41))
    assert "references.yaml" in msg and "40 characters" in msg


# --------------------------------------------------------------------------------------------------
# Contract: questions.yaml == contract.py == contract.md section 4
# --------------------------------------------------------------------------------------------------


def _contract_md() -> str:
    """The shared contract. A clone of this repository on its own has no ../shared: the drift
    checks then skip, saying why; CI puts shared/ beside the clone, so there they always run
    (CI=true turns a missing contract into a failure)."""
    if not CONTRACT_MD.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the shared contract is missing at {CONTRACT_MD} (CI must have ../shared)")
        pytest.skip(f"the shared contract is not at {CONTRACT_MD} (clone without ../shared); "
                    "set LSS_CONTRACT_MD to its path to run the drift checks")
    return CONTRACT_MD.read_text(encoding="utf-8")


def _section(md: str, heading: str) -> str:
    start = md.index(heading)
    nxt = md.find("\n## ", start + len(heading))
    return md[start: nxt if nxt != -1 else None]


def _table_rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("|") and not re.match(r"^\|\s*-", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:]  # drop the header


def _md_questions() -> dict[str, tuple[str, ...]]:
    sec = _section(_contract_md(), "### Question ids and allowed values")
    out: dict[str, tuple[str, ...]] = {}
    for cells in _table_rows(sec):
        qid = cells[0].strip("`")
        values = re.findall(r"`([^`]+)`", cells[1]) or [v.strip() for v in cells[1].split("/")]
        out[qid] = tuple(values)
    return out


def test_contract_md_table_parses_to_26_questions():
    md = _md_questions()
    assert len(md) == 26
    assert md["symptom_severity"] == ("milder", "moderate_or_worse", "unsure")
    assert md["spondylolisthesis"] == (
        "none", "grade_1_stable", "grade_1_unstable", "grade_2_or_higher", "unsure")
    assert md["smoker"] == ("yes", "no")


def test_contract_py_matches_the_shared_contract_md():
    md = _md_questions()
    assert list(contract.QUESTIONS) == list(md), "question ids or their order differ from contract.md"
    for qid, values in md.items():
        assert set(contract.QUESTIONS[qid]) == set(values), qid
    text = _contract_md()
    options = [r[0].strip("`") for r in _table_rows(_section(text, "## 3. Option ids"))]
    assert list(contract.OPTION_IDS) == options
    labels = {r[0].strip("`"): r[1] for r in _table_rows(_section(text, "## 3. Option ids"))}
    assert set(labels) == set(contract.OPTION_LABELS)
    values_sec = _section(text, "## 6. Values ids")
    assert list(contract.VALUE_IDS) == re.findall(r"`([a-z_]+)`", values_sec.split("\n", 2)[2])
    assert f'"schema": "{contract.ANSWERS_SCHEMA}"' in text
    assert f'"version": {contract.ANSWERS_VERSION}' in text
    for role in contract.DECISION_ROLES:
        assert f"`{role}`" in text
    for item in contract.SURE_ITEMS:
        assert f"`{item}`" in text


def test_display_order_and_urgency_levels_match_the_shared_contract_md():
    text = _contract_md()
    sec3 = _section(text, "## 3. Option ids")
    order_text = sec3[sec3.index("least to most invasive"):]
    shown = re.search(r"\(([^)]*)\)", order_text).group(1)
    names = [" ".join(n.split()).lower() for n in shown.split(",")]
    # each name the contract lists starts the option's label ("no new treatment" -> "... for now")
    assert len(names) == len(contract.DISPLAY_ORDER)
    for name, option in zip(names, contract.DISPLAY_ORDER, strict=True):
        assert contract.OPTION_LABELS[option].lower().startswith(name), (name, option)
    sec5 = _section(text, "## 5. Assessment")
    levels = re.findall(r"^  - `([a-z_]+)`", sec5, flags=re.M)
    assert levels == list(contract.URGENCY_LEVELS)
    for q in contract.CAUDA_EQUINA_QUESTIONS:
        assert f"`{q}`" in sec5.split("`same_day`")[0]
    added = _section(text, "### Question ids and allowed values")
    assert "Added after version 1 was first published" in added
    for q in ("symptom_severity", "daily_opioids", "medicare"):
        assert list(contract.QUESTIONS).index(q) >= 23, "added questions are appended (link format)"


def test_questions_yaml_offers_exactly_the_contract_questions_and_values():
    offered = {q.id: tuple(c.value for c in q.choices) for q in CONTENT.questions}
    assert sorted(offered) == sorted(contract.QUESTIONS)  # display order may differ
    assert len(offered) == len(CONTENT.questions)
    for qid, values in contract.QUESTIONS.items():
        assert set(offered[qid]) == set(values), qid
        assert len(offered[qid]) == len(values), qid


def test_imaging_questions_offer_unsure_and_are_marked_from_imaging():
    for qid in contract.IMAGING_QUESTIONS:
        q = CONTENT.question(qid)
        assert "unsure" in [c.value for c in q.choices], qid
        assert q.from_imaging, qid


def test_red_flag_questions_each_have_a_red_flag_entry():
    assert [f.question for f in CONTENT.rules.red_flags] == list(contract.RED_FLAG_QUESTIONS)


# --------------------------------------------------------------------------------------------------
# Review date
# --------------------------------------------------------------------------------------------------


def test_review_due_has_not_passed():
    """Fails on the day after review_due: review the content, then move the dates in meta.yaml."""
    assert date.today() <= CONTENT.meta.review_due, (
        f"content review was due on {CONTENT.meta.review_due}; review it against the evidence brief"
    )
    assert not CONTENT.is_overdue()


def test_is_overdue_flips_on_the_day_after_review_due():
    due = CONTENT.meta.review_due
    assert CONTENT.is_overdue(due - timedelta(days=1)) is False
    assert CONTENT.is_overdue(due) is False
    assert CONTENT.is_overdue(due + timedelta(days=1)) is True


# --------------------------------------------------------------------------------------------------
# Broken copies: one field changed -> ContentError naming the file and the field
# --------------------------------------------------------------------------------------------------


def _broken(tmp_path: Path, name: str, change: Callable[[Any], None]) -> str:
    d = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, d, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = d / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        load_content_from(d)
    return str(exc.value)


def _first_figure(data: Any) -> tuple[str, dict]:
    for i, opt in enumerate(data["options"]):
        for row, cell in opt["cells"].items():
            if cell.get("figures"):
                return f"options.{i}.cells.{row}.figures.0", cell["figures"][0]
    raise AssertionError("no figure in options.yaml")


def _rule(data: Any, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def test_unchanged_copy_loads(tmp_path):
    d = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, d)
    assert load_content_from(d).meta == CONTENT.meta


def test_figure_without_sources_is_refused(tmp_path):
    data = yaml.safe_load((CONTENT_DIR / "options.yaml").read_text(encoding="utf-8"))
    where, _ = _first_figure(data)
    msg = _broken(tmp_path, "options.yaml", lambda d: _first_figure(d)[1].update(sources=[]))
    assert f"options.yaml: {where}.sources:" in msg


def test_unknown_citation_key_is_refused(tmp_path):
    def change(d):
        _first_figure(d)[1]["sources"] = ["No-Such-Key-2099"]
    msg = _broken(tmp_path, "options.yaml", change)
    assert "options.yaml: options[no_new_treatment].cells" in msg  # the first option shown
    assert ".sources: unknown citation key 'No-Such-Key-2099'" in msg


@pytest.mark.parametrize(("flag", "message"), [("unverified", "is flagged 'unverified'"),
                                               ("marketing", "is a marketing claim")])
def test_unverified_or_marketing_figure_in_the_grid_is_refused(tmp_path, flag, message):
    data = yaml.safe_load((CONTENT_DIR / "options.yaml").read_text(encoding="utf-8"))
    where, fig = _first_figure(data)
    msg = _broken(tmp_path, "options.yaml", lambda d: _first_figure(d)[1].update(flag=flag))
    assert f"options.yaml: {where}:" in msg
    assert f"figure '{fig['id']}' {message}" in msg


def test_missing_row_for_one_option_is_refused(tmp_path):
    def change(d):
        del d["options"][4]["cells"]["serious_risks"]  # display order: open surgery is last
    msg = _broken(tmp_path, "options.yaml", change)
    assert msg.startswith("options.yaml: ")
    assert "option 'open_surgery': missing rows ['serious_risks']" in msg


def test_review_due_more_than_12_months_after_review_is_refused(tmp_path):
    def change(d):
        d["review_due"] = d["reviewed_on"].replace(year=d["reviewed_on"].year + 1) + timedelta(days=40)
    msg = _broken(tmp_path, "meta.yaml", change)
    assert msg.startswith("meta.yaml: ")
    assert "review_due may be at most 12 months after reviewed_on" in msg


def test_unknown_question_id_in_a_rule_is_refused(tmp_path):
    def change(d):
        _rule(d, "surgery_smoker")["when"][0]["question"] = "no_such_question"
    msg = _broken(tmp_path, "rules.yaml", change)
    assert "rules.yaml: rules[surgery_smoker].when: unknown question 'no_such_question'" in msg


def test_unknown_answer_value_in_a_rule_is_refused(tmp_path):
    def change(d):
        _rule(d, "surgery_smoker")["when"][0]["in"] = ["sometimes"]
    msg = _broken(tmp_path, "rules.yaml", change)
    assert "rules.yaml: rules[surgery_smoker].when[smoker]: values ['sometimes'] not allowed" in msg


@pytest.mark.parametrize("soft", ["unsure", "__unanswered__"])
def test_not_suitable_on_unsure_or_unanswered_is_refused(tmp_path, soft):
    def change(d):
        _rule(d, "mild_cannot_lie_prone")["when"][0]["in"] = ["no", soft]
    msg = _broken(tmp_path, "rules.yaml", change)
    assert msg.startswith("rules.yaml: rules.")
    assert f"rule 'mild_cannot_lie_prone': 'not_suitable' may not be set on ['{soft}']" in msg


def test_not_suitable_on_physical_therapy_is_refused(tmp_path):
    def change(d):
        _rule(d, "mild_cannot_lie_prone")["options"] = ["mild", "physical_therapy"]
    msg = _broken(tmp_path, "rules.yaml", change)
    assert "rules.yaml: rules." in msg
    assert "physical therapy and no new treatment are never made 'not_suitable'" in msg


def test_number_without_source_in_a_cell_is_refused(tmp_path):
    def change(d):
        cell = d["options"][1]["cells"]["what_happens"]
        cell["text"] = "About 9 out of 10 people like it."
        cell["sources"] = []
        cell["kind"] = "no_good_studies"
    msg = _broken(tmp_path, "options.yaml", change)
    assert "options.yaml: options.1.cells.what_happens:" in msg
    assert "cell text contains a number but has no citation keys ('sources')" in msg


def test_option_id_literal_matches_the_contract_list():
    import typing

    from decision_aid import contract
    from decision_aid.content import models

    assert typing.get_args(models.OptionId) == contract.OPTION_IDS


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_name_per_page_in_steps_menu_and_title(lang):
    """Issue 13 section 2: a page has one name in the step line, the side menu and its title (Start's
    title is the aid's own name; its step and menu name agree)."""
    c = load_content(lang)
    assert c.text("ui_step_start") == c.text("nav_start")
    for p in ("situation", "compare", "values", "check", "summary"):
        assert c.text(f"ui_step_{p}") == c.text(f"nav_{p}") == c.text(f"{p}_title"), p
    # the one exception: "Step 2 of 7: About spinal stenosis" takes two lines on a phone with Larger
    # text (test_older_users), so the step line says the shorter "About stenosis"; every word of it is
    # in the page's one name, which the menu and the title share
    assert c.text("nav_learn") == c.text("learn_title")
    assert set(c.text("ui_step_learn").lower().split()) <= set(c.text("learn_title").lower().split())
