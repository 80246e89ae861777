"""Glossary linking: which entries a text uses, and the escaped HTML with <abbr> on first use."""

from decision_aid.content.loader import load_content
from decision_aid.glossary import find_terms, glossary_html, uses

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
    out = glossary_html(C, "A <b> ligament & another ligament")
    assert out == (
        f'A &lt;b&gt; <abbr class="gloss" title="{ligament.plain}">ligament</abbr> &amp; another ligament'
    )
    seen: set[str] = set()
    glossary_html(C, "the ligament", seen)
    assert glossary_html(C, "one ligament", seen) == "one ligament"
    assert seen == {"Ligament"}


def test_every_glossary_term_is_found_in_its_own_name():
    for g in C.glossary:
        found = uses(C, g.term)
        assert found and found[0].word == g.term, g.term
