"""The live standards page is data (content/standards.yaml): each IPDAS criterion names the feature
that meets it and the tests that check it. These tests keep that list honest."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from decision_aid.content.loader import load_content

ROOT = Path(__file__).resolve().parents[2]
CRITERIA = load_content().standards.criteria

# IPDASi v4.0 items that apply to a treatment decision aid (decision-aid-standards.md section 2):
# 6 qualifying, 6 certification, 23 quality.
REQUIRED = (
    [f"Q{i}" for i in range(1, 7)]
    + [f"C{i}" for i in range(1, 7)]
    + [f"QC{i}" for i in range(1, 24)]
)


@cache
def _test_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.name.startswith("test")
    )


def test_every_applicable_ipdas_item_is_listed_once():
    ids = [c.id for c in CRITERIA]
    assert len(ids) == len(set(ids)), "duplicate criterion ids"
    missing = [r for r in REQUIRED if r not in ids]
    assert not missing, f"IPDAS items with no entry in standards.yaml: {missing}"


@pytest.mark.parametrize("criterion", CRITERIA, ids=lambda c: c.id)
def test_criterion_has_a_feature_and_its_tests_exist(criterion):
    assert criterion.feature.strip(), f"{criterion.id}: no feature named"
    if criterion.check in ("CI", "CI+R") and criterion.status != "not_yet":
        assert criterion.tests, f"{criterion.id}: an automatic check needs at least one test"
    for node in criterion.tests:
        file, _, name = node.partition("::")
        path = ROOT / file
        assert path.is_file(), f"{criterion.id}: listed test file {file} does not exist"
        assert name, f"{criterion.id}: {node} must name a test function (file.py::test_name)"
        assert name.split("[")[0] in _test_names(path), f"{criterion.id}: {node} does not exist"


def test_human_checks_are_not_claimed_as_met():
    """Review and user-study criteria cannot be met by code alone: they are 'not_yet' until a record exists."""
    for c in CRITERIA:
        if c.check in ("R", "S"):
            assert c.status != "met" or c.note, f"{c.id}: a met review/study criterion must link its record"
