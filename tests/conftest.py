"""Fixtures for every test folder, and the record of the outcome of every test the Standards page
relies on (content/standards.yaml names them).

At the end of a run in which every named test ran, the outcomes are compared with the recorded run
that ships with this version (decision_aid/content/standards_outcomes.json):

* outside CI, a different outcome rewrites the file (commit it with the change that caused it);
* under CI (CI=true), a different outcome fails the session: the committed file is stale.

A run that left out any named test (``make test PYTEST_ARGS=tests/unit``, ``-x`` stopping early, ``-k``)
neither writes nor compares: it cannot say what the page claims. The logic is decision_aid.standards
(finish, record), tested in tests/unit/test_standards_claims.py. See README "Standards page".
"""

from __future__ import annotations

import os

import pytest

from decision_aid import standards
from decision_aid.content.loader import Content, load_content

_CONTENT = load_content()
_NAMED = frozenset(standards.named_tests(_CONTENT.standards.criteria))
_seen: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    node = standards.node_of(report.nodeid, _NAMED)
    if node is not None:
        standards.record(_seen, node, report.when, report.passed, report.failed, report.skipped)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = standards.OUTCOMES_FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    result = standards.finish(_NAMED, _seen, _CONTENT.meta.content_version, old, ci,
                              stopped_early=bool(session.shouldstop or session.shouldfail))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if result.action == "write":
        path.write_text(result.text, encoding="utf-8")
        if reporter:
            reporter.write_line(f"{path.name} updated from this run: commit it with your change.", yellow=True)
    elif result.action == "stale":
        if reporter:
            reporter.write_line(f"{path.name} does not match this run (run `make test` and commit it):", red=True)
            for line in result.diff:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def content() -> Content:
    """The aid's content, loaded once (decision_aid/content/*.yaml). Module-level constants that
    parametrize tests still call load_content() (cached: the same object)."""
    return _CONTENT
