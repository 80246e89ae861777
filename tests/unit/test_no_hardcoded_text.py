"""No patient-facing sentence hard-coded in Python: every word a patient reads on a page comes from the
content files, where decision_aid/readability.py grades it (tests/unit/test_readability.py).

AST checks over pages/*.py, app.py and the drawing modules (DRAWING), views.py, words.py,
deliberation.py, charts.py, export.py, handout.py, fhir.py (FHIR field names are ids, so only the
sentence check) and answers.py:

1. No string literal (or literal part of an f-string, HTML tags and <style> blocks removed) of
   MIN_WORDS = 4 words or more anywhere in the code (labels in dicts, returned sentences, HTML).
2. No literal word at all in the label of a Streamlit call (st.markdown, st.button, st.header,
   widget labels, help, caption, alt, st.Page titles, the tab title...): short labels must come
   from texts.yaml too.
3. In the files that draw without Streamlit (STRICT: charts, the PDF, answers-file messages, the
   router) not even a short word: no literal with a word in mixed or title case ("Option", "Day 0")
   or with spaces around a word (" days", "Who: "). Lower-case ids ("markers", "people"), constants
   in capitals ("B", "LMARGIN", "PMID"), paths, colours and date formats pass; TECHNICAL lists the
   few exact literals that look like words but are names for a program (font, paper size, language).

Plus: every texts.yaml id the code asks for (``c.text("id")``, ``views.text("id")``, ``Words("prefix",
ids)``...) exists, so a missing text fails here and not on a patient's screen.

ALLOWED lists each exception with its reason (file, or file and function).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from decision_aid import views
from decision_aid.content.loader import Content
from decision_aid.deliberation import ASK_GROUPS
from decision_aid.navigation import HOME_STEPS

ROOT = Path(__file__).resolve().parents[2]
STRICT = [ROOT / "app.py"] + [ROOT / "decision_aid" / n
                              for n in ("charts.py", "export.py", "answers.py", "handout.py")]
DRAWING = ("session.py", "frame.py", "navigation.py", "widgets.py", "downloads.py", "blocks.py")
"""The Streamlit drawing modules (they were one ui.py)."""
SCANNED = (sorted(ROOT.glob("pages/*.py"))
           + [ROOT / "decision_aid" / n
              for n in (*DRAWING, "views.py", "words.py", "deliberation.py", "state.py", "fhir.py",
                        "listen.py", "language.py", "language_ui.py")]
           + STRICT)
MIN_WORDS = 4

ALLOWED: dict[tuple[str, str | None], str] = {
    ("decision_aid/deliberation.py", "expectation_problems"): (
        "consistency messages for tests and content authors, never shown to patients"),
    ("decision_aid/navigation.py", "_focus_js"): (
        "a static JavaScript snippet (moves focus to the heading after Back/Next), not words for patients"),
    ("decision_aid/language.py", "streamlit_english"): (
        "a CSS selector of Streamlit's own English controls (marked lang=en), not words for patients"),
    ("decision_aid/language.py", "_mark_streamlit_english"): (
        "a static JavaScript snippet (marks Streamlit's own English lang=en), not words for patients"),
    ("decision_aid/frame.py", "_scroll_top_js"): (
        "a static JavaScript snippet (a new page opens at its top), not words for patients"),
    ("decision_aid/widgets.py", "_reveal_settled_js"): (
        "a static JavaScript snippet (keeps a file's message or a new urgency line in view), not words"),
    ("decision_aid/widgets.py", "_copy_js"): (
        "a static JavaScript snippet (the resume link's Copy link button; its words come from texts.yaml)"),
    ("decision_aid/handout.py", "build_handout_pdf"): (
        "a RuntimeError for developers (the content outgrew the page in every layout), never shown to patients"),
}
"""(file, enclosing function or None for the whole file) -> why its literals may stay in code."""

# Streamlit calls whose label-like arguments a patient reads.
ST_TEXT_CALLS = {
    "title", "header", "subheader", "markdown", "caption", "text", "write", "info", "success", "warning",
    "error", "button", "download_button", "form_submit_button", "link_button", "page_link", "toggle",
    "checkbox", "radio", "selectbox", "multiselect", "select_slider", "slider", "segmented_control", "pills",
    "text_input", "text_area", "number_input", "file_uploader", "expander", "popover", "tabs", "image",
    "metric", "html", "toast",
}
ST_TEXT_CALLS |= {"Page", "set_page_config"}  # navigation labels and the browser tab title (app.py)
LABEL_KWARGS = {"label", "help", "caption", "alt", "placeholder", "body", "value", "title", "page_title"}
TEXT_CALLS = {"text", "_t", "_damaged"}
"""Functions that take a texts.yaml id: Content.text, words.text (answers.py calls it _t) and _damaged."""
TECHNICAL = {
    "DejaVu": "font family registered with fpdf2",
    "Letter": "paper size id (the label is texts.yaml summary_paper_letter)",
    "en-US": "language tag of the PDF",
    "DejaVuCond": "font family registered with fpdf2 (the condensed face of the one-page grid)",
}
"""Exact literals in STRICT files that look like words but are read by a program, not a patient."""

_TAG = re.compile(r"<style>.*?</style>|<[^>]*>", re.S)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HOLE = "\x00"


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def _visible(node: ast.AST) -> str:
    """What a literal shows: f-string holes as a mark, HTML tags and <style> blocks removed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        s = node.value
    elif isinstance(node, ast.JoinedStr):
        s = "".join(v.value if isinstance(v, ast.Constant) else _HOLE for v in node.values)
    else:
        return ""
    return _TAG.sub(" ", s).replace(_HOLE, " ")


def _words(node: ast.AST) -> list[str]:
    """Words as a reader sees them: runs separated by white space that hold a letter (an id such as
    ``ui_not_said_yet`` or a path ``pages/learn.py`` is one token, not a sentence)."""
    return [w for w in _visible(node).split() if _WORD.search(w)]


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
        # attribute docstrings: a string statement right after an assignment
        body = getattr(n, "body", None)
        body = body if isinstance(body, list) else []
        for a, b in zip(body[:-1], body[1:], strict=True):
            if isinstance(a, (ast.Assign, ast.AnnAssign)) and isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant):
                out.add(id(b.value))
    return out


def _functions(tree: ast.AST) -> dict[int, str]:
    """id(node) -> name of the innermost enclosing function."""
    owner: dict[int, str] = {}

    def visit(n: ast.AST, fn: str | None) -> None:
        for child in ast.iter_child_nodes(n):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else fn
            if name:
                owner[id(child)] = name
            visit(child, name)

    visit(tree, None)
    return owner


def _allowed(rel: str, fn: str | None) -> bool:
    return (rel, None) in ALLOWED or (rel, fn) in ALLOWED


def _literal_operands(node: ast.AST) -> list[ast.AST]:
    """The literal parts of a label argument: itself, or the literal operands of a + chain."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_operands(node.left) + _literal_operands(node.right)
    if isinstance(node, (ast.Constant, ast.JoinedStr)):
        return [node]
    return []


def _is_st_call(node: ast.AST) -> bool:
    f = node.func if isinstance(node, ast.Call) else None
    if not isinstance(f, ast.Attribute) or f.attr not in ST_TEXT_CALLS:
        return False
    base = f.value
    while isinstance(base, ast.Attribute):  # st.sidebar.markdown
        base = base.value
    return isinstance(base, ast.Name) and base.id == "st"


def hardcoded(path: Path, strict: bool | None = None) -> list[str]:
    """Every violation in one file as "file:line: reason: text" (check 3 too if ``strict``, by
    default for the STRICT files)."""
    strict = path in STRICT if strict is None else strict
    rel = _rel(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs, owner = _docstrings(tree), _functions(tree)
    in_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    specs = {id(n.format_spec) for n in ast.walk(tree) if isinstance(n, ast.FormattedValue) and n.format_spec}
    out = []
    for n in ast.walk(tree):
        if id(n) in docs or id(n) in in_fstring or id(n) in specs or _allowed(rel, owner.get(id(n))):
            continue
        words = _words(n)
        if len(words) >= MIN_WORDS:
            out.append(f"{rel}:{n.lineno}: sentence of {len(words)} words in code: {' '.join(words)}")
        if isinstance(n, ast.Call) and _is_st_call(n):
            first = n.args[:1] if n.func.attr not in ("page_link", "Page") else []  # their first argument is a path
            args = first + [k.value for k in n.keywords if k.arg in LABEL_KWARGS]
            for a in args:
                for lit in _literal_operands(a):
                    w = [x for x in _WORD.findall(_visible(lit)) if len(x) > 1]
                    if w:
                        out.append(f"{rel}:{lit.lineno}: literal words in st.{n.func.attr} label: {' '.join(w)}")
        if strict:
            out += [f"{rel}:{n.lineno}: word in code: {part!r}" for part in _strict_words(n)]
    return sorted(set(out))


_CODE_TOKEN = re.compile(r"[_/#=%]|\.\w")  # ids, paths, colours, date formats, file names


def _strict_words(node: ast.AST) -> list[str]:
    """Literal parts that read as words: a word in mixed or title case, or a word with other tokens
    ("1 week") or with spaces around it (a piece of a sentence built in code)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    else:
        return []
    found = []
    for part in parts:
        if part in TECHNICAL:
            continue
        shown = _TAG.sub(" ", part)
        tokens = [t for t in shown.split() if _WORD.search(t) and not _CODE_TOKEN.search(t)]
        words = [t for t in tokens if re.search(r"[a-z]", t)]  # ALL-CAPS tokens are constants or acronyms
        if words and (len(shown.split()) > 1 or shown != shown.strip() or any(re.search(r"[A-Z]", t) for t in words)):
            found.append(part)
    return found


def test_no_patient_facing_text_hardcoded():
    found = [v for p in SCANNED for v in hardcoded(p)]
    assert found == [], "\nMove these texts to decision_aid/content/texts.yaml (graded for reading level):\n" + "\n".join(found)


def test_the_guard_finds_what_it_should(tmp_path):
    """The checks themselves: a sentence, a short widget label and an f-string are found; HTML
    attributes, CSS, docstrings, keys, format specs and texts.yaml ids are not."""
    p = tmp_path / "page.py"
    p.write_text(
        '"""A docstring of many words is fine."""\n'
        "import streamlit as st\n"
        'st.markdown("You can switch at any time.")\n'  # line 3: sentence
        'st.toggle("Larger text", key="sb_large_text_widget")\n'  # line 4: short label
        'x = f"{n} of {m} options fit so far"\n'  # line 5: f-string sentence
        'st.html(f\'<div class="a b c d" aria-hidden="true">{c.text("ui_mode_home")}</div>\')\n'
        'st.html("<style>html { font-size: 24px !important; }</style>")\n'
        'd = f"{day:%d %B %Y}"\n'
        'st.button("← " + c.text("situation_prev"), key="situation_prev")\n',
        encoding="utf-8",
    )
    found = [v.split(": ", 1)[0].rsplit(":", 1)[1] for v in hardcoded(p)]
    assert found == ["3", "3", "4", "5"], hardcoded(p)


def test_the_strict_check_finds_short_words_but_not_ids(tmp_path):
    """Check 3 (files drawing without Streamlit): table headers, tick labels and pieces of sentences
    are found; ids, constants, colours, date formats, paths and TECHNICAL names are not."""
    p = tmp_path / "chart.py"
    p.write_text(
        'row = {"Option": name}\n'  # line 1: a table header
        'ticks = ["Day 0", "1 week"]\n'  # line 2: axis labels
        'label = f"{n} days"\n'  # line 3: a word built into a sentence
        'pdf.cell(5, 3, "Who: " + who)\n'  # line 4
        'go.Scatter(mode="markers", hoverinfo="skip", marker=dict(color="#0b4f8a"))\n'
        'pdf.set_font("DejaVu", "B", 8); pdf.multi_cell(0, 4, t, new_x="LMARGIN", align="L")\n'
        'd = f"{day:%d %B %Y}"; e = "%d %b %Y"; f = FONTS / "DejaVuSans.ttf"; g = "utf-8-sig"\n'
        'h = f"PMID {ref.pmid}"; k = content.text("chart_col_option"); size = "Letter"\n',
        encoding="utf-8",
    )
    found = [v.split(": ", 1)[0].rsplit(":", 1)[1] for v in hardcoded(p, strict=True)]
    assert found == ["1", "2", "2", "3", "4"], hardcoded(p, strict=True)
    assert hardcoded(p, strict=False) == []  # checks 1 and 2 alone miss every one of them


def test_allowed_entries_are_still_needed():
    """An exception that no longer matches anything must be dropped (the list stays short)."""
    for (rel, fn), reason in ALLOWED.items():
        assert reason.strip()
        path = ROOT / rel
        assert path.is_file(), rel
        saved = dict(ALLOWED)
        ALLOWED.pop((rel, fn))
        try:
            assert any(v.startswith(f"{rel}:") for v in hardcoded(path)), f"{rel} {fn}: nothing to allow any more"
        finally:
            ALLOWED.clear()
            ALLOWED.update(saved)


# --------------------------------------------------------------------------- every text id exists

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _text_ids(path: Path) -> list[tuple[str, int, str]]:
    """(kind, line, id or pattern) for every texts.yaml id in one file: constants inside the first
    argument of text(...) / _t(...) calls (also in conditional expressions and dict literals there),
    f-string ids as patterns, and Words("prefix", ids) maps."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call) or not n.args:
            continue
        name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", None)
        if name in TEXT_CALLS:
            arg = n.args[0]
            if isinstance(arg, ast.JoinedStr):
                prefix = "".join(v.value for v in arg.values[:1] if isinstance(v, ast.Constant))
                out.append(("prefix", n.lineno, prefix))
                continue
            dict_keys = {id(k) for d in ast.walk(arg) if isinstance(d, ast.Dict) for k in d.keys if k is not None}
            for k in ast.walk(arg):
                if isinstance(k, ast.Constant) and isinstance(k.value, str) and id(k) not in dict_keys:
                    out.append(("id", n.lineno, k.value))
        elif name == "Words" and isinstance(n.args[0], ast.Constant):
            ids = n.args[1] if len(n.args) > 1 else None
            names = ids.elts if isinstance(ids, (ast.Tuple, ast.List)) else []
            if not names and isinstance(ids, ast.Name):  # a module constant tuple
                names = next((a.value.elts for a in ast.walk(tree) if isinstance(a, ast.Assign)
                              and any(getattr(t, "id", None) == ids.id for t in a.targets)), [])
            out += [("id", n.lineno, n.args[0].value + e.value) for e in names]
    return out


CODE = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "decision_aid").rglob("*.py")) + [ROOT / "app.py"]


def test_every_text_id_used_in_the_code_exists_in_texts_yaml(content: Content):
    known = set(content.texts.texts)
    used = [(_rel(p), line, kind, x) for p in CODE for kind, line, x in _text_ids(p)]
    ids = [u for u in used if u[2] == "id"]
    assert len({u[3] for u in ids}) > 150  # the scan sees the moved texts (not a no-op)
    missing = [f"{f}:{line}: {x}" for f, line, kind, x in used
               if (kind == "id" and x not in known) or (kind == "id" and not _ID.match(x))
               or (kind == "prefix" and not any(k.startswith(x) for k in known))]
    assert missing == [], "text ids used in code but missing in texts.yaml:\n" + "\n".join(missing)


def test_dynamic_text_ids_resolve(content: Content):
    """The few ids built at run time (step names, question groups, status words...) all exist."""
    assert [label for _, label in HOME_STEPS] == [
        "Start", "About stenosis", "Your situation", "Compare the options", "What matters to you", "Check and lean",
        "Your summary"]
    assert dict(ASK_GROUPS) == {"answers": "About my answers", "options": "About the options still open to me",
                                "general": "For anyone making this choice"}
    for m in (views.STATUS_TEXT, views.STATUS_SHORT, views.FLAG_TEXT, views.CERTAINTY_TEXT, views.KIND_TEXT,
              views.FUNDING_TEXT, views.FIT_TEXT, views.EXAM_LABELS, views.FLAG_SHORT):
        assert all(v for v in dict(m).values())
    assert views.STATUS_TEXT["not_suitable"] == ("✕", "Usually not suitable for you")
    with pytest.raises(KeyError):
        content.text("no_such_text")
