"""Records the outcome of every test the Standards page relies on (content/standards.yaml names them).

At the end of a run in which every named test ran, the outcomes are compared with the recorded run
that ships with this version (decision_aid/content/standards_outcomes.json):

* outside CI, a different outcome rewrites the file (commit it with the change that caused it);
* under CI (CI=true), a different outcome fails the session: the committed file is stale.

A run that left out any named test (``make test PYTEST_ARGS=tests/unit``, ``-x`` stopping early, ``-k``)
neither writes nor compares: it cannot say what the page claims. See README "Standards page".
"""

from __future__ import annotations

import os

import pytest

from decision_aid import standards
from decision_aid.content.loader import load_content

_CONTENT = load_content()
_NAMED = set(standards.named_tests(_CONTENT.standards.criteria))
_seen: dict[str, str] = {}
_RANK = {"passed": 0, "skipped": 1, "failed": 2}


def _named_node(nodeid: str) -> str | None:
    """The criterion's node id for a test (parametrised ids ``test_x[a]`` count for ``test_x``)."""
    base = nodeid.split("[", 1)[0]
    return base if base in _NAMED else None


@pytest.hookimpl
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    node = _named_node(report.nodeid)
    if node is None:
        return
    if report.failed:
        outcome = "failed"
    elif report.skipped:
        outcome = "skipped"
    elif report.when == "call":
        outcome = "passed"
    else:
        return  # a passed setup or teardown says nothing on its own
    # the worst outcome wins across phases and parameters: failed > skipped > passed
    prev = _seen.get(node)
    if prev is None or _RANK[outcome] > _RANK[prev]:
        _seen[node] = outcome


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _NAMED - set(_seen) or session.shouldstop or session.shouldfail:
        return  # a partial run: it cannot say what the page claims
    new = standards.run_document(_CONTENT.meta.content_version, _seen)
    path = standards.OUTCOMES_FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if new == old:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        recorded = standards.load_run(path)
        diff = sorted(
            f"{n}: recorded {recorded.outcomes.get(n) if recorded else None}, this run {_seen[n]}"
            for n in _seen if recorded is None or recorded.outcomes.get(n) != _seen[n]
        )
        if recorded is not None and recorded.content_version != _CONTENT.meta.content_version:
            diff.insert(0, f"content version: recorded {recorded.content_version}, "
                           f"this run {_CONTENT.meta.content_version}")
        if reporter:
            reporter.write_line(f"{path.name} does not match this run (run `make test` and commit it):",
                                red=True)
            for line in diff or ["(format differs)"]:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        return
    path.write_text(new, encoding="utf-8")
    if reporter:
        reporter.write_line(f"{path.name} updated from this run: commit it with your change.", yellow=True)
