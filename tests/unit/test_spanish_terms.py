"""One English term, one Spanish word (issue 14: a careful, consistent Spanish). The term list lives
in docs/spanish.md ("One English term, one Spanish word"), read from there so the document and the
check cannot drift apart: each Spanish word is used somewhere in the Spanish content, and the words
in its "not" column appear in no Spanish text. Also: always "usted", never "tú"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from decision_aid.content.loader import CONTENT_DIR, iter_texts

DOC = Path(__file__).resolve().parents[2] / "docs" / "spanish.md"

# The glossary's aliases are the words it looks for in running text (other spellings on purpose);
# they are never shown as such.
SKIP_FIELDS = {"glossary.yaml": {"aliases"}}

TU_FORMS = ("tú", "tu", "tus", "puedes", "tienes", "quieres", "estás", "eres", "debes", "sientes", "contigo",
            "haz", "pregúntale", "dime")


def _terms() -> list[tuple[str, str, list[str]]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## One English term, one Spanish word", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "") or set(cells[0]) <= {"-"}:
            continue
        english, spanish, nots = cells
        word = spanish.split(" (", 1)[0].strip()
        rows.append((english, word, [n.strip() for n in nots.split(",") if n.strip()]))
    return rows


TERMS = _terms()


def _spanish_texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((CONTENT_DIR / "es").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, t in iter_texts(path.name, data):
            field = re.sub(r"\[[^\]]*\]$", "", where).rsplit(".", 1)[-1]
            if field not in SKIP_FIELDS.get(path.name, set()):
                out.append((f"es/{path.name}: {where}", t))
    return out


TEXTS = _spanish_texts()


def _has(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


def test_the_term_list_is_read() -> None:
    assert len(TERMS) >= 12, TERMS
    assert ("genitals", "partes íntimas", ["genitales", "órganos sexuales"]) in TERMS


@pytest.mark.parametrize("english,spanish,nots", TERMS, ids=[t[0] for t in TERMS])
def test_one_spanish_word_for_each_term(english: str, spanish: str, nots: list[str]) -> None:
    assert any(_has(spanish, t) for _, t in TEXTS), f"{spanish!r} ({english}) is used nowhere"
    found = []
    for where, t in TEXTS:
        # the medical word explained once, in brackets right after the plain one, is allowed:
        # "partes íntimas (los genitales)"
        t = re.sub(rf"({re.escape(spanish)})\s*\([^)]*\)", r"\1", t, flags=re.IGNORECASE)
        found += [f"{where}: {n!r}" for n in nots if _has(n, t)]
    assert found == [], f"use {spanish!r} for {english!r}:\n" + "\n".join(found)


def test_always_usted_never_tu() -> None:
    found = [f"{where}: {w!r}" for where, t in TEXTS for w in TU_FORMS if _has(w, t)]
    assert found == [], "\n".join(found)
