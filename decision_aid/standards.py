"""What the Standards page may claim: each criterion's status follows from the recorded test run.

``content/standards.yaml`` says what each IPDAS criterion claims (``status``) and which tests check it
(``tests``, pytest node ids). ``content/standards_outcomes.json`` is the recorded run that ships with
this content version: the outcome of every test a criterion names, written by the pytest hook in
``tests/conftest.py`` at the end of a full ``make test`` (and compared, not written, under CI).

``shown_status`` is what the page shows:

* no status written -> ``not_assessed``;
* ``met`` or ``partly`` for an automatic check (CI, CI+R) -> kept only when every named test passed in
  the recorded run and that run was of this content version; otherwise ``not_shown`` ("tests did not
  show it");
* ``not_met`` stays ``not_met``; review and user-study items (R, S) show their written status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

OUTCOMES_FILE = Path(__file__).resolve().parent / "content" / "standards_outcomes.json"
SCHEMA = "lss-decision-aid/standards-outcomes"

Shown = Literal["met", "partly", "not_met", "not_shown", "not_assessed"]


@dataclass(frozen=True)
class RecordedRun:
    content_version: str
    outcomes: dict[str, str]
    """pytest node id (as a criterion names it) -> "passed", "failed" or "skipped"."""


def named_tests(criteria: Iterable) -> list[str]:
    """Every test node any criterion names, sorted, without repeats."""
    return sorted({node for c in criteria for node in c.tests})


def load_run(path: Path | None = None) -> RecordedRun | None:
    """The recorded run, or None when the file is missing or not ours (then nothing is shown as met)."""
    path = path or OUTCOMES_FILE
    try:
        return load_run_text(path.read_text(encoding="utf-8"))
    except OSError:
        return None


def load_run_text(text: str) -> RecordedRun | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    outcomes = data.get("outcomes")
    if not isinstance(outcomes, dict):
        return None
    return RecordedRun(str(data.get("content_version", "")), {str(k): str(v) for k, v in outcomes.items()})


def run_document(content_version: str, outcomes: dict[str, str]) -> str:
    """The file's text for a run: stable (sorted keys, no time stamp) so an unchanged run leaves no diff."""
    doc = {"schema": SCHEMA, "content_version": content_version,
           "outcomes": {k: outcomes[k] for k in sorted(outcomes)}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RANK = {"passed": 0, "skipped": 1, "failed": 2}


def node_of(nodeid: str, named: set[str] | frozenset[str]) -> str | None:
    """The criterion's node id for a collected test (parametrised ``test_x[a]`` counts for ``test_x``)."""
    base = nodeid.split("[", 1)[0]
    return base if base in named else None


def record(seen: dict[str, str], node: str, when: str, passed: bool, failed: bool, skipped: bool) -> None:
    """Fold one test phase report into ``seen``: the worst outcome wins across phases and parameters
    (failed > skipped > passed); a passed setup or teardown says nothing on its own."""
    if failed:
        outcome = "failed"
    elif skipped:
        outcome = "skipped"
    elif passed and when == "call":
        outcome = "passed"
    else:
        return
    prev = seen.get(node)
    if prev is None or RANK[outcome] > RANK[prev]:
        seen[node] = outcome


@dataclass(frozen=True)
class Finish:
    action: Literal["partial", "same", "write", "stale"]
    """partial: some named test did not run (nothing written or compared); same: the file matches;
    write: outside CI, the file must be rewritten with ``text``; stale: under CI, the file is stale."""
    text: str = ""
    diff: tuple[str, ...] = ()


def finish(named: Iterable[str], seen: dict[str, str], content_version: str, old_text: str, ci: bool,
           stopped_early: bool = False) -> Finish:
    """What the end of a test run does with the recorded outcomes (tests/conftest.py)."""
    if stopped_early or set(named) - set(seen):
        return Finish("partial")
    new = run_document(content_version, seen)
    if new == old_text:
        return Finish("same", new)
    if not ci:
        return Finish("write", new)
    try:
        old = json.loads(old_text)
    except ValueError:
        old = {}
    old = old if isinstance(old, dict) else {}
    outcomes = old.get("outcomes")
    old_outcomes: dict[str, Any] = outcomes if isinstance(outcomes, dict) else {}
    diff = []
    if old.get("content_version") != content_version:
        diff.append(f"content version: recorded {old.get('content_version')}, this run {content_version}")
    diff += [f"{n}: recorded {old_outcomes.get(n)}, this run {seen[n]}"
             for n in sorted(seen) if old_outcomes.get(n) != seen[n]]
    diff += [f"{n}: recorded {old_outcomes[n]}, not named any more" for n in sorted(old_outcomes) if n not in seen]
    return Finish("stale", new, tuple(diff) or ("(the file's format differs)",))


def tests_passed(criterion, run: RecordedRun | None, content_version: str) -> bool:
    """True when every test the criterion names passed in the recorded run of this content version."""
    if run is None or run.content_version != content_version or not criterion.tests:
        return False
    return all(run.outcomes.get(node) == "passed" for node in criterion.tests)


def shown_status(criterion, run: RecordedRun | None, content_version: str) -> Shown:
    written = criterion.status
    if written is None:
        return "not_assessed"
    if written == "not_met":
        return "not_met"
    if criterion.check in ("R", "S"):
        return written
    return written if tests_passed(criterion, run, content_version) else "not_shown"
