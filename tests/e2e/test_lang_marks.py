"""Passages in the other language are marked (issue 14 section 1, WCAG 3.1.2): on a Spanish page every
citation's title and journal (kept in their original English) sits in an element with lang="en", so
a screen reader reads them with an English voice; on an English page the switch's "Español" is
marked lang="es" (test_language.py checks the switch on both).

The check: every text node whose nearest `lang` ancestor is Spanish (the page's <html lang="es">
or any element marked es) is joined, and no citation title or journal may appear in that text. The
pages that show citations: Evidence (the full list, and one source opened by ?ref=), Compare (the
grid's source chips, opened) and the exam room (the "N sources" chips, opened)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from decision_aid.content.loader import load_content

from .helpers import MAIN, wait_for_run

ES = load_content("es")

TEXT_BY_LANG_JS = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = {es: [], en: []};
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!el || el.closest('script, style')) continue;
    const lang = ((el.closest('[lang]') || document.documentElement).getAttribute('lang') || '').slice(0, 2);
    if (lang in out) out[lang].push(walk.currentNode.textContent);
  }
  return {es: out.es.join(' '), en: out.en.join(' ')};
}"""


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


# Each citation's title, and each journal of two words or more (a one-word journal, "Spine", says
# nothing on its own). A journal that the Spanish itself names inside a source's short label or note
# ("BMJ Best Practice: pronóstico de ...") or in its key ("[FDA-NEJM-2015]") is a proper name or an
# id in a Spanish sentence (WCAG 3.1.2 leaves
# proper names out), so only its marked copy is required where the citation is drawn.
_IN_SPANISH = " | ".join(_plain(x) for r in ES.references.values() for x in (r.key, r.short, r.note, r.funding_note) if x)
MARKED = sorted({p for r in ES.references.values() for x in (r.title, r.journal)
                 if x and len((p := _plain(x)).split()) >= 2 and (x == r.title or p not in _IN_SPANISH)})


def unmarked(text_es: str) -> list[str]:
    page = f" {_plain(text_es)} "
    return [t for t in MARKED if f" {t} " in page]


@pytest.mark.parametrize("path,h1", [
    ("/evidence?lang=es", ES.text("evidence_title")),
    ("/compare?lang=es", ES.text("compare_title")),
    ("/exam?mode=clinic&lang=es", ES.text("exam_title")),
])
def test_citations_on_a_spanish_page_are_marked_english(browser: Browser, base_url: str, path: str, h1: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 1600})
    page = ctx.new_page()
    page.goto(path)
    wait_for_run(page)
    expect(page.locator(f"{MAIN} h1").first).to_contain_text(h1[:12], timeout=30_000)
    wait_for_run(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")   # set by the page's script, once drawn
    seen = page.evaluate(TEXT_BY_LANG_JS)
    ctx.close()
    assert unmarked(seen["es"]) == []
    # and the marks are really there: citations were on the page, read as English
    in_english = f" {_plain(seen['en'])} "
    shown = [t for t in MARKED if f" {t} " in in_english]
    assert len(shown) >= (len(ES.references) // 2 if path.startswith("/evidence") else 3), len(shown)


def test_one_source_opened_by_its_key_is_marked(browser: Browser, base_url: str) -> None:
    key, ref = next((k, r) for k, r in ES.references.items() if r.title)
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    page.goto(f"/evidence?lang=es&ref={key}")
    wait_for_run(page)
    title = page.locator(f"{MAIN} .card em").first
    expect(title).to_have_text(ref.title)
    expect(title).to_have_attribute("lang", "en")
    ctx.close()


def test_streamlit_own_english_is_marked_on_a_spanish_page(browser: Browser, base_url: str) -> None:
    """Streamlit's own words (the skip link, the file picker's "Upload" and "1MB per file") cannot be
    translated: on a Spanish page they are marked lang="en"; on an English page they carry no mark."""
    from decision_aid.language import streamlit_english

    ctx = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    for lang, mark in (("es", "en"), ("en", None)):
        c = ES if lang == "es" else load_content()
        page.goto(f"/?lang={lang}")
        wait_for_run(page)
        page.get_by_text(c.text("ui_resume_title")).first.click()
        picker = page.locator('[data-testid="stFileUploaderDropzone"] button').first
        expect(picker).to_be_visible()
        marks = page.evaluate(f"() => [...document.querySelectorAll('{streamlit_english()}')]"
                              ".map(e => e.getAttribute('lang'))")
        assert len(marks) >= 3 and set(marks) == {mark}, (lang, marks)
    ctx.close()
