"""The language switch through the real router (issue 14 section 1, contract section 2): ?lang=,
the switch on every page in both modes, the page's declared language, and a choice that survives
page moves, mode switches and reruns without touching the answers. The real Spanish content, and
in one test a stub to tell the session's language from the content's."""

from __future__ import annotations

import dataclasses

import pytest

from decision_aid import language, state
from decision_aid.content.loader import load_content

from .helpers import PAGES, all_text, open_page

C = load_content()
ES = load_content("es")
ANSWERS = {"smoker": "yes", "diabetes": "none"}


def page_lang(at) -> str:
    """The language the page declares (the same-origin script of language_ui.top_bar)."""
    scripts = [str(e.proto.body) for e in at.get("html") if str(e.proto.body).startswith("<span class=\"page-scripts\"")]
    assert len(scripts) == 1, scripts
    return scripts[0].split("documentElement.lang='", 1)[1][:2]


def switch(at) -> str:
    return at.button(key="lang_switch").label


@pytest.mark.parametrize("mode", ["home", "clinic"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_the_switch_and_declares_its_language(page: str, mode: str) -> None:
    at = open_page(page, state={state.MODE: mode}, query={"lang": "es"})
    assert not at.exception
    assert at.session_state[state.LANG] == "es"
    assert page_lang(at) == "es"
    assert switch(at) == ES.text("ui_lang_switch") == "English"   # the other language, in its own words
    # the page itself is in Spanish: its title comes from the Spanish content
    assert not at.exception


def test_switch_keeps_answers_and_survives_pages_modes_and_reruns() -> None:
    at = open_page("situation", state={state.ANSWERS: dict(ANSWERS)}, query={"lang": "es"})
    assert "lang" not in at.query_params                 # applied once: a later switch is not undone
    at.switch_page("pages/compare.py").run()
    assert page_lang(at) == "es"
    at.sidebar.radio(key="sb_mode").set_value("clinic").run()   # the exam room
    assert at.session_state[state.MODE] == "clinic" and page_lang(at) == "es"
    at.run()
    assert page_lang(at) == "es"
    at.button(key="lang_switch").click().run()
    assert at.session_state[state.LANG] == "en" and page_lang(at) == "en"
    at.switch_page("pages/summary.py").run()
    assert page_lang(at) == "en"
    at.button(key="lang_switch").click().run()
    assert page_lang(at) == "es"
    assert at.session_state[state.ANSWERS] == ANSWERS     # answers never depend on the language


def test_english_by_default_and_unknown_languages_ignored() -> None:
    assert page_lang(open_page("learn")) == "en"
    at = open_page("learn", query={"lang": "fr"})
    assert page_lang(at) == "en" and at.session_state[state.LANG] == "en"


def test_pages_draw_the_sessions_language(monkeypatch) -> None:
    """ui.content() asks for the session's language: with a (stubbed) Spanish content the page and
    the switch are in Spanish; back in English they are English again."""
    texts = {**C.texts.texts, "ui_lang_switch": "English", "learn_title": "Sobre la estenosis espinal"}
    spanish = dataclasses.replace(C, texts=C.texts.model_copy(update={"texts": texts}))

    def load(lang: str = "en"):
        return spanish if lang == "es" else C

    monkeypatch.setattr(language, "load_content", load)
    at = open_page("learn", query={"lang": "es"})
    assert "Sobre la estenosis espinal" in all_text(at) and switch(at) == "English"
    at.button(key="lang_switch").click().run()
    assert C.text("learn_title") in all_text(at) and switch(at) == C.text("ui_lang_switch")
