"""Glossary linking: which entries a text uses, and the escaped HTML that marks the first use.

The browser side (tap, Tab, hover, screen-reader description, axe) is in
tests/e2e/test_glossary_touch.py."""

import re

from decision_aid.content.loader import load_content
from decision_aid.glossary import find_terms, glossary_html, term_html, uses

C = load_content()


def test_finds_terms_and_aliases_in_order_of_first_use_longest_match_first():
    text = "A steroid shot goes into the epidural space. Open surgery removes part of the lamina."
    assert [g.term for g in find_terms(C, text)] == [
        "Epidural steroid injection", "Epidural", "Laminectomy", "Lamina"]
    # "spinal canal" is one entry, not "canal" plus something else
    assert [g.term for g in find_terms(C, "narrowing of the spinal canal")] == ["Spinal canal"]


def test_abbreviations_match_only_in_capitals_and_whole_words():
    assert [g.term for g in find_terms(C, "Your MRI report")] == ["MRI"]
    assert find_terms(C, "an mri-like accept optional") == []
    assert find_terms(C, "Ligamentous") == []


def test_glossary_html_escapes_and_marks_first_use_only():
    ligament = next(g for g in C.glossary if g.term == "Ligament")
    assert ligament.plain == "A tough band of tissue that holds bones together."
    out = glossary_html(C, "A <b> ligament & another ligament")
    assert out == (
        'A &lt;b&gt; <span class="gloss" tabindex="0" role="term" '
        'aria-description="A tough band of tissue that holds bones together.">ligament'
        '<span class="gloss-tip" aria-hidden="true" '
        'data-tip="A tough band of tissue that holds bones together."></span></span>'
        " &amp; another ligament"
    )
    seen: set[str] = set()
    glossary_html(C, "the ligament", seen)
    assert glossary_html(C, "one ligament", seen) == "one ligament"
    assert seen == {"Ligament"}


def test_marked_text_reads_the_same_with_the_tags_removed():
    """The meaning lives in attributes only: stripping tags (as the AppTest page tests do) gives
    back the sentence unchanged, escaped."""
    text = "Open surgery removes part of the lamina and the thickened ligament near the nerve roots."
    out = glossary_html(C, text)
    assert [m for m in re.findall(r'class="gloss"[^>]*>([^<]+)<', out)] == [
        "Open surgery", "lamina", "thickened ligament", "nerve roots"]
    assert re.sub(r"<[^>]+>", "", out) == text


def test_case_is_kept_and_abbreviations_need_capitals():
    out = glossary_html(C, "Your MRI and your Spinal Canal; an mri is not marked")
    assert re.findall(r'class="gloss"[^>]*>([^<]+)<', out) == ["MRI", "Spinal Canal"]
    assert "an mri is not marked" in out


def test_meaning_is_escaped_inside_both_attributes():
    out = term_html("x<y", 'Say "no" & <stop> it\'s')
    meaning = "Say &quot;no&quot; &amp; &lt;stop&gt; it&#x27;s"
    assert out == (
        f'<span class="gloss" tabindex="0" role="term" aria-description="{meaning}">x&lt;y'
        f'<span class="gloss-tip" aria-hidden="true" data-tip="{meaning}"></span></span>'
    )


def test_every_glossary_term_is_found_in_its_own_name():
    for g in C.glossary:
        found = uses(C, g.term)
        assert found and found[0].word == g.term, g.term
