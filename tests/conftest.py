"""Fixtures for every test folder."""

from __future__ import annotations

import pytest

from decision_aid.content.loader import Content, load_content


@pytest.fixture(scope="session")
def content() -> Content:
    """The aid's content, loaded once (decision_aid/content/*.yaml). Module-level constants that
    parametrize tests still call load_content() (cached: the same object)."""
    return load_content()
