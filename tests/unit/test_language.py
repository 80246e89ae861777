"""The page language (issue 14 section 1, contract section 2): ?lang=, the session's choice, and
answers, files and links that never depend on it."""

from __future__ import annotations

import dataclasses

import pytest

from decision_aid import language, state
from decision_aid.answers import Saved, decode_link, resume_url
from decision_aid.content import loader


def fresh() -> dict:
    ss: dict = {}
    state.init_state(ss)
    return ss


@pytest.mark.parametrize("raw,expected", [("es", "es"), ("EN", "en"), ("es-MX", "es"), ("es_US", "es"),
                                          ("fr", None), ("", None), (None, None), (3, None)])
def test_normalise(raw, expected) -> None:
    assert language.normalise(raw) == expected


def test_english_until_the_session_chooses() -> None:
    ss = fresh()
    assert language.current(ss) == "en" == language.DEFAULT
    language.switch(ss)
    assert language.current(ss) == "es"
    language.switch(ss)
    assert language.current(ss) == "en"
    assert language.other("en") == "es" and language.other("es") == "en"


@pytest.mark.parametrize("value,expected", [("es", "es"), ("en", "en"), ("fr", "en"), ("es';alert(1)//", "en")])
def test_lang_parameter(value, expected) -> None:
    ss = fresh()
    state.apply_query_params({"lang": value}, ss)
    assert language.current(ss) == expected


def test_language_survives_a_mode_switch_a_link_and_start_again() -> None:
    ss = fresh()
    state.apply_query_params({"lang": "es"}, ss)
    state.apply_query_params({"mode": "clinic"}, ss)
    link = resume_url("http://x", Saved(answers={"smoker": "yes"})).split("r=", 1)[1]
    state.apply_query_params({"r": link}, ss)
    assert ss[state.ANSWERS] == {"smoker": "yes"} and language.current(ss) == "es"
    state.clear_all(ss)
    assert language.current(ss) == "es" and ss[state.ANSWERS] == {}


def test_answers_file_and_link_do_not_depend_on_the_language() -> None:
    en, es = fresh(), fresh()
    for ss in (en, es):
        state.set_answer("smoker", "yes", ss)
    language.set_language("es", es)
    assert state.saved(en) == state.saved(es)
    assert state.saved(en).to_json() == state.saved(es).to_json()
    assert "lang" not in state.saved(es).to_json()
    url = resume_url("http://x", state.saved(es))
    assert "lang" not in url and url == resume_url("http://x", state.saved(en))
    assert decode_link(url.split("r=", 1)[1]).answers == {"smoker": "yes"}


def test_html_lang_script_only_ever_holds_a_known_language() -> None:
    assert language.html_lang_script("es").startswith("<script>document.documentElement.lang='es';")
    assert language.html_lang_script("es").count("documentElement.lang='") == 1
    assert "'en'" in language.html_lang_script("en")
    assert "alert" not in language.html_lang_script("es';alert(1)//")


def test_content_for_english_is_the_one_content() -> None:
    assert language.content_for("en") is loader.load_content()


def test_content_for_spanish_asks_the_loader_for_spanish(monkeypatch, content) -> None:
    """The plumbing with a stubbed Spanish: once load_content takes ``lang`` (branch "es"),
    content_for passes the session's language through."""
    spanish = dataclasses.replace(content, texts=content.texts.model_copy(
        update={"texts": {**content.texts.texts, "ui_lang_switch": "English"}}))
    asked: list[str] = []

    def fake_load(lang: str = "en"):
        asked.append(lang)
        return spanish if lang == "es" else content

    monkeypatch.setattr(language, "load_content", fake_load)
    assert language.content_for("es").text("ui_lang_switch") == "English"
    assert asked == ["es"]


def test_a_link_opened_in_spanish_says_so_in_spanish_and_leaves_the_thread_alone() -> None:
    """The "answers opened" message is written while the link is applied, before app.py sets the
    run's language: it must still be in the session's language (it was English on a Spanish page),
    and applying the link must not change the language of the thread it ran in."""
    from decision_aid.answers import encode_link
    from decision_aid.i18n import current_lang

    es = loader.load_content("es")
    before = current_lang()
    ss: dict = {}
    state.apply_query_params({"lang": "es", "r": encode_link(Saved(answers={"smoker": "yes"}))}, ss)
    assert ss[state.FLASH] == ("success", es.text("link_opened").format(n=1))
    assert current_lang() == before
