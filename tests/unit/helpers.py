"""Shared steps and data for the unit tests (no test module imports another)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from decision_aid.answers import Saved

ROOT = Path(__file__).resolve().parents[2]

# Saved answers used by the PDF, handout, FHIR and CLI tests
FULL = Saved(
    answers={"walking_leg_pain_eased_by_sitting": "yes", "symptom_duration": "over_12_months",
             "tried_physical_therapy": "yes", "tried_epidural_injection": "yes_no_help",
             "injection_last_8_weeks": "no", "blood_thinner": "can_pause", "can_lie_face_down_1h": "yes",
             "diabetes": "none", "smoker": "no", "worse_pain": "leg", "imaging_confirms_central_stenosis": "yes",
             "ligamentum_flavum_thickened": "unsure", "spondylolisthesis": "grade_1_stable",
             "bladder_bowel_change": "no", "saddle_numbness": "no", "worsening_leg_weakness": "no",
             "other_red_flags": "no"},
    values={"avoid_general_anesthesia": 4, "short_recovery": 3, "lasting_relief": 1},
    leaning="physical_therapy", decision_role="together",
    sure={"know_benefits_risks": True, "clear_values": True, "enough_support": False, "sure_best_choice": True},
)
PARTIAL = Saved(answers={"blood_thinner": "unsure", "smoker": "yes"}, values={"strongest_evidence": 4},
                sure={"know_benefits_risks": True})
URGENT = Saved(answers={"bladder_bowel_change": "yes", "imaging_confirms_central_stenosis": "no"})


# The command line, run as a real subprocess from the repo root
def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "decision_aid", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    assert lines[0].startswith("error: ")
    return lines[0]


# The QR code on a PDF page, decoded (pdftoppm + zbarimg)
def qr_link(pdf: bytes, tmp_path: Path) -> str:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.fail("pdftoppm and zbarimg are needed (apt-get install poppler-utils zbar-tools)")
    (tmp_path / "s.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / "s.pdf"), str(tmp_path / "p")], check=True)
    found = []
    for png in sorted(tmp_path.glob("p-*.png")):
        out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
        found += [line for line in out.stdout.splitlines() if line.strip()]
    assert len(found) == 1, found
    return found[0]
