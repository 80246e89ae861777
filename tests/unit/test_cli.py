"""The command line (contract section 5), run as a real subprocess from the repo root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from decision_aid.answers import MAX_FILE_BYTES
from decision_aid.assess import assess

from .helpers import one_error_line, run

ROOT = Path(__file__).resolve().parents[2]

GOOD = {
    "schema": "lss-decision-aid/answers",
    "version": 1,
    "answers": {"can_lie_face_down_1h": "no", "smoker": "yes", "bladder_bowel_change": "yes"},
    "values": {"avoid_general_anesthesia": 4},
}




@pytest.fixture()
def good_file(tmp_path) -> Path:
    p = tmp_path / "answers.json"
    p.write_text(json.dumps(GOOD), encoding="utf-8")
    return p


def test_assess_prints_the_contract_assessment(good_file):
    proc = run("assess", str(good_file))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    doc = json.loads(proc.stdout)
    assert doc == assess(GOOD["answers"]).to_json()
    assert doc["urgent"] is True
    assert [u["question"] for u in doc["urgent_reasons"]] == ["bladder_bowel_change"]
    assert doc["options"]["mild"]["status"] == "not_suitable"
    assert "mild_cannot_lie_prone" in [r["rule"] for r in doc["options"]["mild"]["reasons"]]
    assert doc["options"]["open_surgery"]["status"] == "discuss"


def test_assess_reads_standard_input_with_dash():
    proc = run("assess", "-", stdin=json.dumps(GOOD).encode())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == assess(GOOD["answers"]).to_json()


def _doc(**changes) -> bytes:
    doc = json.loads(json.dumps(GOOD))
    doc.update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"not json", "error: The file is not valid JSON. The problem is at line 1, column 1: Expecting value."),
        (b"\xff\xfe\x00", "error: The file is not a text file (it is not UTF-8): choose the .json file this aid saved."),
        (_doc(schema="other"), "error: 'schema' must be \"lss-decision-aid/answers\" (found \"other\"): "
                               "this is not an answers file from this aid."),
        (_doc(version=2), "error: 'version' 2 cannot be read; this app reads version 1."),
        (_doc(version=True), "error: 'version' true cannot be read; this app reads version 1."),
        (_doc(answers={"height": "tall"}), "error: Unknown question id 'answers.height'."),
        (_doc(answers={"diabetes": "yes"}), "error: 'answers.diabetes' has value \"yes\", which is not allowed; "
                                            "allowed values: none, controlled, poorly_controlled."),
        (_doc(values={"lasting_relief": 9}), "error: 'values.lasting_relief' has value 9; allowed values: "
                                             "whole numbers 0 to 4."),
        (_doc(notes="private"), "error: Unknown key 'notes' at the top of the file; allowed keys: "
                                "schema, version, answers, values, deliberation."),
        (b'{"answers": {"smoker": "yes", "smoker": "no"}}',
         "error: The key 'smoker' is in the file more than once; each key may be there only once."),
        (b" " * (MAX_FILE_BYTES + 10), f"error: The file is too large ({MAX_FILE_BYTES + 1:,} bytes); "
                                       "answers files are under 64 KB."),
    ],
    ids=["not-json", "not-utf8", "schema", "version", "version-true", "unknown-question", "bad-value",
         "value-range", "notes", "repeated-key", "too-large"],
)
def test_assess_bad_input_exits_2_with_one_line(tmp_path, data, expected):
    p = tmp_path / "bad.json"
    p.write_bytes(data)
    assert one_error_line(run("assess", str(p))) == expected
    assert one_error_line(run("assess", "-", stdin=data)) == expected


def test_assess_into_a_closed_pipe_exits_quietly():
    """`assess FILE | head -c 10`: the reader may close the pipe before the assessment is written.
    Here the reader closes it first, every time (the answers come on standard input after the
    close), so the write always meets a broken pipe: exit 0, nothing on standard error."""
    proc = subprocess.Popen([sys.executable, "-m", "decision_aid", "assess", "-"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(json.dumps(GOOD).encode(), timeout=120)
    assert (proc.returncode, err.decode()) == (0, "")


def test_assess_piped_to_head_prints_the_start_and_no_traceback(good_file):
    proc = subprocess.run(f'"{sys.executable}" -m decision_aid assess "{good_file}" | head -c 10',
                          shell=True, cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stdout == b'{\n  "conte'
    assert proc.stderr == b""


def test_assess_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nope.json"
    assert one_error_line(run("assess", str(missing))) == f"error: file not found: {missing}"
    assert one_error_line(run("assess", str(tmp_path))) == f"error: {tmp_path} is a folder, not an answers file"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "error: the following arguments are required: command (see: python -m decision_aid --help)"),
        (("assess",), "error: the following arguments are required: answers (see: python -m decision_aid --help)"),
        (("explain", "x"), "error: argument command: invalid choice: 'explain' (choose from 'assess', 'summary', "
                           "'handout', 'fhir') "
                           "(see: python -m decision_aid --help)"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, expected):
    assert one_error_line(run(*args)) == expected


def test_summary_writes_a_pdf_and_prints_its_path(tmp_path, good_file):
    out = tmp_path / "summary.pdf"
    proc = run("summary", str(good_file), "-o", str(out), "--base-url", "https://aid.example.org",
               "--page-size", "Letter")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().strip() == str(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2026.12.1" in text
    # the file says yes to a cauda equina sign: the command line (never an exam-room record) writes
    # the emergency message and leaves out the option comparison (contract section 5)
    assert "Go to an emergency department now" in text
    assert "The treatment options are hidden for now" in text
    assert "MILD" not in text and "Physical therapy" not in text
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == 612  # US Letter, 8.5 in


def test_summary_from_stdin(tmp_path):
    out = tmp_path / "s.pdf"
    proc = run("summary", "-", "-o", str(out), stdin=json.dumps(GOOD).encode())
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"%PDF"


@pytest.mark.parametrize("url", ["ftp://example.org", "localhost:8501", "http://", "not a url"])
def test_summary_bad_base_url_exits_2(tmp_path, good_file, url):
    out = tmp_path / "s.pdf"
    line = one_error_line(run("summary", str(good_file), "-o", str(out), "--base-url", url))
    assert line == f"error: --base-url must be an http or https address, got {url!r}"
    assert not out.exists()


def test_summary_missing_output_folder_exits_2(tmp_path, good_file):
    out = tmp_path / "no" / "such" / "s.pdf"
    line = one_error_line(run("summary", str(good_file), "-o", str(out)))
    assert line == f"error: the folder for -o does not exist: {out.parent}"
    line = one_error_line(run("summary", str(good_file), "-o", str(tmp_path)))
    assert line == f"error: -o {tmp_path} is a folder; give a file name such as summary.pdf"


def test_summary_bad_answers_exit_2_before_writing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(_doc(answers={"smoker": "sometimes"}))
    out = tmp_path / "s.pdf"
    line = one_error_line(run("summary", str(bad), "-o", str(out)))
    assert line == "error: 'answers.smoker' has value \"sometimes\", which is not allowed; allowed values: yes, no."
    assert not out.exists()


def test_summary_bad_page_size_exits_2(tmp_path, good_file):
    line = one_error_line(run("summary", str(good_file), "-o", str(tmp_path / "s.pdf"), "--page-size", "A3"))
    assert "argument --page-size: invalid choice: 'A3'" in line
