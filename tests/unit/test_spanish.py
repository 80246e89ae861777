"""Spanish content (issue 14): the mirror check of the loader, dates and numbers, reading ease, and
the command line in Spanish.

The mirror check is tested on real English data with one change each, so each change gives exactly
one error naming the file and the path. Tests that need every Spanish file are skipped, with the
missing files named, until all mirrors exist (test_every_content_file_has_a_spanish_mirror says
which are missing).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from decision_aid.content.loader import (
    CONTENT_DIR,
    FILES,
    NON_TEXT_KEYS,
    ContentError,
    load_content,
    load_content_from,
    mirror_errors,
)
from decision_aid.i18n import current_lang, format_date, format_number, format_time_date, language
from decision_aid.readability import (
    FH_LIMIT,
    MIN_WORDS,
    fernandez_huerta,
    fk_grade,
    pooled_fh,
    spanish_clean,
    spanish_grades,
    spanish_page_report,
    word_count,
)

from .helpers import FULL, URGENT, run

ES_DIR = CONTENT_DIR / "es"
MISSING = [f for f in FILES if not (ES_DIR / f).exists()]
PRESENT = [f for f in FILES if (ES_DIR / f).exists()]


def _en(name: str):
    return yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))


# --- the mirror check ---------------------------------------------------------------------------


def test_every_content_file_has_a_spanish_mirror():
    assert not MISSING, f"Spanish mirrors missing: {', '.join('es/' + f for f in MISSING)}"


@pytest.mark.parametrize("name", PRESENT)
def test_each_spanish_file_is_a_faithful_mirror(name):
    es = yaml.safe_load((ES_DIR / name).read_text(encoding="utf-8"))
    assert mirror_errors(name, _en(name), es) == []


def test_an_exact_copy_is_a_mirror():
    for name in FILES:
        assert mirror_errors(name, _en(name), _en(name)) == [], name


def _one(errors: list[str]) -> str:
    assert len(errors) == 1, errors
    return errors[0]


def test_missing_key_is_one_error_naming_file_and_path():
    es = _en("questions.yaml")
    del es["questions"][1]["why"]
    assert _one(mirror_errors("questions.yaml", _en("questions.yaml"), es)) == (
        "es/questions.yaml: questions[saddle_numbness].why: missing (the English has it)")


def test_extra_key_and_missing_list_item_are_errors():
    es = _en("questions.yaml")
    es["groups"][0]["note"] = "nota"
    assert "es/questions.yaml: groups[safety].note: not in the English file" == _one(
        mirror_errors("questions.yaml", _en("questions.yaml"), es))
    es = _en("questions.yaml")
    es["questions"][5]["choices"].pop()  # symptom_duration (not a shared YAML anchor)
    assert _one(mirror_errors("questions.yaml", _en("questions.yaml"), es)) == (
        "es/questions.yaml: questions[symptom_duration].choices: 2 items, the English has 3")


def test_changed_number_is_one_error():
    en = _en("options.yaml")
    es = copy.deepcopy(en)
    fig = es["options"][4]["cells"]["how_many_improve"]["figures"][0]
    fig["value"] = fig["value"] + 1
    line = _one(mirror_errors("options.yaml", en, es))
    assert line == (f"es/options.yaml: options[{es['options'][4]['id']}].cells.how_many_improve.figures[{fig['id']}]"
                    f".value: {fig['value']} differs from the English {fig['value'] - 1} (not a text: keep it as is)")


def test_changed_citation_key_is_one_error():
    es = _en("questions.yaml")
    es["questions"][0]["sources"][0] = "Someone-else-2020"
    line = _one(mirror_errors("questions.yaml", _en("questions.yaml"), es))
    assert line.startswith("es/questions.yaml: questions[bladder_bowel_change].sources[0]: 'Someone-else-2020' differs")


def test_changed_id_or_answer_value_is_an_error():
    es = _en("questions.yaml")
    es["questions"][5]["choices"][1]["value"] = "si"
    assert "choices[3_to_12_months].value: 'si' differs from the English '3_to_12_months'" in _one(
        mirror_errors("questions.yaml", _en("questions.yaml"), es))


def test_empty_text_is_one_error():
    es = _en("texts.yaml")
    es["texts"]["disclaimer"] = "  "
    assert _one(mirror_errors("texts.yaml", _en("texts.yaml"), es)) == "es/texts.yaml: texts.disclaimer: empty text"


def test_changed_placeholder_is_an_error():
    es = _en("texts.yaml")
    es["texts"]["ui_step_now"] = "Paso {n} de {todos}: {step}"
    assert "es/texts.yaml: texts.ui_step_now: placeholders" in _one(
        mirror_errors("texts.yaml", _en("texts.yaml"), es))


def test_reference_titles_must_stay_in_the_original():
    en = _en("references.yaml")
    es = copy.deepcopy(en)
    es["references"][0]["title"] = "Un título traducido"
    assert ".title: 'Un título traducido' differs" in _one(mirror_errors("references.yaml", en, es))
    assert {"title", "authors", "journal"} <= NON_TEXT_KEYS["references.yaml"]


def _content_copy(tmp_path: Path, es_files: dict[str, object]) -> Path:
    d = tmp_path / "content"
    d.mkdir()
    for name in FILES:
        shutil.copy(CONTENT_DIR / name, d / name)
    (d / "es").mkdir()
    for name, data in es_files.items():
        (d / "es" / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return d


def test_a_missing_spanish_file_is_a_load_error_never_english(tmp_path):
    d = _content_copy(tmp_path, {n: _en(n) for n in FILES if n != "options.yaml"})
    with pytest.raises(ContentError) as err:
        load_content_from(d, "es")
    assert str(err.value) == "es/options.yaml: file is missing"


def test_a_broken_mirror_stops_the_load_naming_file_and_path(tmp_path):
    files = {n: _en(n) for n in FILES}
    del files["texts.yaml"]["texts"]["nav_start"]
    d = _content_copy(tmp_path, files)
    with pytest.raises(ContentError) as err:
        load_content_from(d, "es")
    assert str(err.value) == "es/texts.yaml: texts.nav_start: missing (the English has it)"


def test_a_full_mirror_loads_into_the_same_models(tmp_path):
    files = {n: _en(n) for n in FILES}
    for k, v in files["texts.yaml"]["texts"].items():  # the English figure wording, as Spanish writes it
        for en_words, es_words in ((r"out of 1,000", "de cada 1000"), (r"out of 100", "de cada 100"),
                                   (r"\b0 to 4\b", "de 0 a 4"), (r"\bgrade\b", "grado"), (r"(?<!{)\bsteps?\b(?!})", "paso"),
                                   (r"(?<!{)\bpages?\b(?!})", "página"), (r"(?<!{)\bquestions\b(?!})", "preguntas")):
            v = re.sub(en_words, es_words, v, flags=re.I)
        files["texts.yaml"]["texts"][k] = v
    files["texts.yaml"]["texts"]["nav_start"] = "Inicio"
    c = load_content_from(_content_copy(tmp_path, files), "es")
    assert c.lang == "es" and c.text("nav_start") == "Inicio"
    assert [o.id for o in c.options] == [o.id for o in load_content().options]


def test_the_english_file_wording_rules_have_a_spanish_counterpart():
    """texts.yaml numbers that are not clinical (steps, pages, "de cada 100") need no citation."""
    from decision_aid.content.models import TextsFile

    TextsFile.model_validate({"texts": {"a": "Vea la página 3, paso 2. Se cuentan de cada 1000."}}, context={"lang": "es"})
    with pytest.raises(ValueError):
        TextsFile.model_validate({"texts": {"a": "Vea la página 3, paso 2. Se cuentan de cada 1000."}})
    with pytest.raises(ValueError):
        TextsFile.model_validate({"texts": {"a": "5 de cada 100 mejoran tras 2 años."}}, context={"lang": "es"})


# --- dates, numbers, the language of a run ------------------------------------------------------


def test_dates_and_numbers_in_spanish_without_locale():
    assert format_date(date(2026, 12, 4), "es") == "4 de diciembre de 2026"
    assert format_date(date(2026, 12, 4), "en") == "04 December 2026"
    assert format_date(date(2027, 1, 9), "es", short=True) == "9 ene 2027"
    assert format_time_date(datetime(2026, 12, 4, 14, 5), "es") == "14:05 del 4 de diciembre de 2026"
    assert [format_number(x, "es") for x in (12, 2.5, 1000, 62.8, 10000)] == ["12", "2,5", "1000", "62,8", "10\u00a0000"]
    assert [format_number(x, "en") for x in (12, 2.5, 1000)] == ["12", "2.5", "1,000"]


def test_language_block_restores_the_language():
    assert current_lang() == "en"
    with language("es"):
        assert current_lang() == "es"
    assert current_lang() == "en"
    with pytest.raises(ValueError):
        with language("fr"):
            pass


# --- reading ease -------------------------------------------------------------------------------


def test_fernandez_huerta_never_switches_textstat_language():
    import textstat

    english = "The nerves in your back can get squeezed when you stand or walk for a long time."
    before = (textstat.flesch_reading_ease(english), fk_grade(english))
    fh = fernandez_huerta("Sus respuestas se quedan en esta pantalla. No se guarda nada en nuestro servidor.")
    assert 80 < fh < 100
    assert (textstat.flesch_reading_ease(english), fk_grade(english)) == before
    assert pooled_fh(["Inicio", "Su resumen", "Compare las opciones"]) > FH_LIMIT


@pytest.mark.parametrize("name", [n for n in PRESENT if n != "references.yaml"])
def test_each_long_spanish_text_reads_easily(name):
    """Every Spanish text of MIN_WORDS or more words, file by file (works before all mirrors exist).
    Reference entries are names of papers, not our words: not graded (as in English)."""
    from decision_aid.content.loader import iter_texts

    data = yaml.safe_load((ES_DIR / name).read_text(encoding="utf-8"))
    hard = []
    for path, text in iter_texts(name, data):
        if word_count(spanish_clean(text)) >= MIN_WORDS and (fh := fernandez_huerta(text)) < FH_LIMIT:
            hard.append(f"es/{name}: {path}: {fh:.1f}: {text}")
    assert not hard, "\n".join(hard)


def test_every_spanish_text_and_page_pool_reads_easily():
    c = load_content("es")
    hard = [f"{g.item.where}: {g.fh:.1f}" for g in spanish_grades(c) if g.words >= MIN_WORDS and g.fh < FH_LIMIT]
    assert not hard, "\n".join(hard)
    for p in spanish_page_report(c):
        assert p.short_fh >= FH_LIMIT, (p.page, p.short_fh)


def test_spanish_loads_once_with_the_same_ids_and_facts():
    en, es = load_content("en"), load_content("es")
    assert load_content("es") is es and es.lang == "es"
    assert [q.id for q in es.questions] == [q.id for q in en.questions]
    assert [(o.id, f.id, f.value, f.sources) for o, _, f in es.figures()] == [
        (o.id, f.id, f.value, f.sources) for o, _, f in en.figures()]
    assert set(es.texts.texts) == set(en.texts.texts)
    assert es.text("review_translation") != en.text("review_translation")


def test_no_long_spanish_text_is_left_in_english():
    from decision_aid.readability import patient_texts, spanish_texts

    english = {p.text for p in patient_texts(load_content("en")) if word_count(p.text) >= 4}
    same = [p.where for p in spanish_texts(load_content("es")) if p.text in english]
    assert not same, same


# --- the command line in Spanish ----------------------------------------------------------------


def test_assess_in_spanish_gives_spanish_reasons_and_the_same_ids(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(FULL.to_json(), encoding="utf-8")
    en = json.loads(run("assess", str(f)).stdout)
    proc = run("assess", str(f), "--lang", "es")
    assert proc.returncode == 0, proc.stderr
    es = json.loads(proc.stdout)
    strip = re.compile(r"\"(text|ask)\": \"[^\"]*\"")
    assert strip.sub("", json.dumps(en, sort_keys=True)) == strip.sub("", json.dumps(es, sort_keys=True))
    es_reasons = {r.id: r.reason for r in load_content("es").rules.rules}
    got = [r for o in es["options"].values() for r in o["reasons"]]
    assert got and all(r["text"] == es_reasons[r["rule"]] for r in got if r["rule"] in es_reasons)


@pytest.mark.parametrize("saved", [FULL, URGENT], ids=["full", "urgent"])
def test_summary_and_handout_pdfs_in_spanish(saved, tmp_path):
    from pypdf import PdfReader

    f = tmp_path / "a.json"
    f.write_text(saved.to_json(), encoding="utf-8")
    pages = {}
    for lang in ("en", "es"):
        out = tmp_path / f"summary-{lang}.pdf"
        proc = run("summary", str(f), "-o", str(out), "--lang", lang)
        assert proc.returncode == 0, proc.stderr
        pages[lang] = PdfReader(out).pages
    assert len(pages["en"]) <= len(pages["es"]) <= len(pages["en"]) + 3
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages["es"]))
    es = load_content("es")
    assert es.text("pdf_answers_title") in text
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
    assert "out of 100" not in text and "Not answered" not in text
    grid = tmp_path / "grid.pdf"
    proc = run("handout", str(f), "-o", str(grid), "--lang", "es")
    assert proc.returncode == 0, proc.stderr
    assert len(PdfReader(grid).pages) == 1


def test_fhir_in_spanish(tmp_path):
    f = tmp_path / "a.json"
    f.write_text(FULL.to_json(), encoding="utf-8")
    out = tmp_path / "b.json"
    proc = run("fhir", str(f), "-o", str(out), "--lang", "es")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "es-US" in json.dumps(doc)


def _numbers(text: str, lang: str) -> list[str]:
    """The numbers in a text, written one way: "1,000" (English) and "1000" or "10 000" (Spanish)
    -> "1000"; "2.5" and "2,5" -> "2.5". {placeholders} are not numbers."""
    text = re.sub(r"\{\w*\}", "", text)
    if lang == "en":
        text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    else:
        text = re.sub(r"(?<=\d)[\u00a0 .](?=\d{3}\b)", "", text)
        text = re.sub(r"(?<=\d),(?=\d)", ".", text)
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


def _same_numbers(en: str, es: str) -> bool:
    """The Spanish has the English numbers: "1" may be written as a word ("al año", "un mes"), and
    "a thousand" as 1000."""
    want, got = _numbers(en, "en"), _numbers(es, "es")
    if re.search(r"\bthousand\b", en, re.I):
        want = sorted(want + ["1000"])
    return [n for n in want if n != "1"] == [n for n in got if n != "1"] and got.count("1") <= want.count("1")


@pytest.mark.parametrize("name", [n for n in PRESENT if n != "references.yaml"])
def test_spanish_texts_keep_every_number_of_the_english(name):
    """Same facts: each translated text has the same numbers as its English text (the mirror check
    already keeps every non-text value). Reference notes (dates of web pages) are not checked."""
    from decision_aid.content.loader import iter_texts

    en = list(iter_texts(name, _en(name)))
    es = [t for _, t in iter_texts(name, yaml.safe_load((ES_DIR / name).read_text(encoding="utf-8")))]
    assert len(en) == len(es)  # the same texts in the same order (the mirror check)
    differ = [f"es/{name}: {path}: English {_numbers(t, 'en')}, Spanish {_numbers(e, 'es')}"
              for (path, t), e in zip(en, es, strict=True) if not _same_numbers(t, e)]
    assert not differ, "\n".join(differ)
