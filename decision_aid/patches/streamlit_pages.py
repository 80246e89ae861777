"""Streamlit 1.67's old ``pages/`` folder mode: every page runs through the router (app.py).

A deep link (/exam) as the very first request of a fresh server runs pages/exam.py on its own:
Streamlit treats ``pages/`` as an old-style page folder until some session has called
``st.navigation`` (then for the whole process). The page would have no frame, no styles, no urgent
banner and no state defaults. :func:`route_through_app` switches that old mode off and runs again
through app.py; the page keeps its address (both modes hash the same url path).

The switch is process-wide, so the check is per session too: when many browsers reconnect to deep
links of a freshly started process at once (bench: 200 sessions through nginx), the first session
turns the old mode off while others have already started their page without the router. Those have
no state defaults yet (app.py sets them first): they rerun as well. tests/deploy/test_cold_deep_links.py.
"""

from __future__ import annotations

from . import require

WRITTEN_FOR = "1.67"
"""The Streamlit whose PagesManager.uses_pages_directory this switches (a class attribute)."""

_checked = False


def route_through_app(initialised: bool) -> None:
    """Call first on every page; ``initialised``: this session's state defaults are set (app.py ran).
    Reruns the script when the page is running outside the router. PatchOutdated on another Streamlit."""
    global _checked
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager

    if not _checked:
        require("streamlit", WRITTEN_FOR, __name__)
        _checked = True
    if PagesManager.uses_pages_directory or not initialised:
        PagesManager.uses_pages_directory = False
        st.rerun()
