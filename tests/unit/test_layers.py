"""The pure package stays pure: the modules below never import Streamlit, so they run (and are
tested) without it, and the command line starts without loading it. Only the drawing modules
(decision_aid/session.py, frame.py, navigation.py, widgets.py, downloads.py, blocks.py, and the
Streamlit work-around in decision_aid/patches/streamlit_pages.py), the launcher (decision_aid/serve.py),
app.py and pages/ may import it.

Each check runs in a fresh interpreter: this test process has Streamlit loaded by other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PURE = [
    "decision_aid.content.loader",
    "decision_aid.content.models",
    "decision_aid.content.deliberation_models",
    "decision_aid.contract",
    "decision_aid.i18n",
    "decision_aid.assess",
    "decision_aid.answers",
    "decision_aid.parts",
    "decision_aid.deliberation",
    "decision_aid.glossary",
    "decision_aid.readability",
    "decision_aid.export",
    "decision_aid.views",
    "decision_aid.words",
    "decision_aid.patches",
    "decision_aid.patches.fpdf_text_width",
    "decision_aid.patches.asyncio_nodelay",
    "decision_aid.patches.streamlit_pages",
    "decision_aid.patches.streamlit_widget_state",
    "decision_aid.charts",
    "decision_aid.listen",
    "decision_aid.language",
    "decision_aid.__main__",
]

# Import the module, then use it the way the command line does (content, assessment, file, link,
# PDF), so an import made inside a function is caught too.
_PROBE = """
import importlib, json, sys
importlib.import_module({module!r})
if {use}:
    from decision_aid.answers import Saved, encode_link, parse_answers_bytes
    from decision_aid.assess import assess
    from decision_aid.content.loader import load_content
    from decision_aid.export import build_summary_pdf
    load_content()
    saved = parse_answers_bytes(b'{{"schema": "lss-decision-aid/answers", "version": 1, "answers": {{"smoker": "yes"}}}}')
    assess(saved.answers)
    encode_link(saved)
    build_summary_pdf(saved)
print(json.dumps(sorted(m for m in sys.modules if m == "streamlit" or m.startswith("streamlit."))))
"""


def _streamlit_modules_after(module: str, use: bool = False) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE.format(module=module, use=use)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("module", PURE)
def test_pure_module_never_imports_streamlit(module):
    assert _streamlit_modules_after(module) == []


def test_the_command_line_path_never_imports_streamlit():
    assert _streamlit_modules_after("decision_aid.__main__", use=True) == []


def test_the_probe_sees_streamlit_when_it_is_imported():
    """The check above can fail: a drawing module does pull Streamlit in."""
    assert "streamlit" in _streamlit_modules_after("decision_aid.frame")
