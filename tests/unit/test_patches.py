"""The work-arounds in decision_aid/patches/ each name the version they were written for and refuse
to patch any other (an upgrade must make someone check that the work-around still applies)."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from decision_aid import patches
from decision_aid.patches import (
    PatchOutdated,
    asyncio_nodelay,
    fpdf_text_width,
    require,
    streamlit_pages,
    streamlit_widget_state,
)


@pytest.mark.parametrize(("distribution", "written_for"), [
    ("fpdf2", fpdf_text_width.WRITTEN_FOR),
    ("streamlit", streamlit_pages.WRITTEN_FOR),
    ("streamlit", streamlit_widget_state.WRITTEN_FOR),
    ("streamlit", asyncio_nodelay.WRITTEN_FOR_STREAMLIT),
    ("python", asyncio_nodelay.WRITTEN_FOR_PYTHON),
])
def test_each_patch_was_written_for_the_installed_version(distribution, written_for):
    require(distribution, written_for, "test")  # raises if requirements.txt moved on without the patch


@pytest.mark.parametrize("installed", ["1.68.0", "2.0.0", "1.6.7", "1.670.0"])
def test_another_version_fails_loudly_naming_the_patch(monkeypatch, installed):
    monkeypatch.setattr(patches.metadata, "version", lambda name: installed)
    with pytest.raises(PatchOutdated, match=r"decision_aid\.patches\.x was written for streamlit 1\.67, but "
                                            + installed.replace(".", r"\.") + " is installed"):
        require("streamlit", "1.67", "decision_aid.patches.x")


def test_a_patch_release_of_the_same_version_is_accepted(monkeypatch):
    monkeypatch.setattr(patches.metadata, "version", lambda name: "1.67.3")
    require("streamlit", "1.67", "test")


def test_the_python_check_reads_the_interpreter():
    require("python", "{}.{}".format(*sys.version_info[:2]), "test")
    with pytest.raises(PatchOutdated):
        require("python", "2.7", "test")


def test_the_fpdf_patch_refuses_another_fpdf2(monkeypatch):
    from fpdf.fonts import TTFFont

    def unpatched(self, text, font_size_pt, text_shaping_params):  # stands in for fpdf2's own
        raise AssertionError("not called")

    monkeypatch.setattr(TTFFont, "get_text_width", unpatched)
    monkeypatch.setattr(patches.metadata, "version", lambda name: "2.9.0" if name == "fpdf2" else metadata.version(name))
    with pytest.raises(PatchOutdated, match="fpdf_text_width was written for fpdf2 2.8, but 2.9.0"):
        fpdf_text_width.install()
    assert TTFFont.get_text_width is unpatched  # nothing patched


def test_the_nodelay_patch_refuses_another_streamlit(monkeypatch):
    import asyncio.base_events as base_events

    def unpatched(sock):  # stands in for asyncio's own
        raise AssertionError("not called")

    monkeypatch.setattr(base_events, "_set_nodelay", unpatched)
    monkeypatch.setattr(patches.metadata, "version", lambda name: "1.68.0" if name == "streamlit" else metadata.version(name))
    with pytest.raises(PatchOutdated, match="asyncio_nodelay was written for streamlit 1.67, but 1.68.0"):
        asyncio_nodelay.enable_tcp_nodelay()
    assert base_events._set_nodelay is unpatched


def test_the_pages_patch_refuses_another_streamlit(monkeypatch):
    monkeypatch.setattr(streamlit_pages, "_checked", False)
    monkeypatch.setattr(patches.metadata, "version", lambda name: "1.68.0")
    with pytest.raises(PatchOutdated, match="streamlit_pages was written for streamlit 1.67, but 1.68.0"):
        streamlit_pages.route_through_app(True)


def _session_state():
    """A real Streamlit session state (as the script thread sees it) with user keys, None values and
    a keyed widget's value."""
    from streamlit.runtime.state import SafeSessionState, SessionState

    raw = SessionState()
    raw["answers"] = {"walking": "lt_10"}
    raw["leaning"] = None
    raw["notes"] = ""
    return SafeSessionState(raw, lambda: None)


def test_the_one_key_view_answers_as_the_full_copy_does():
    """What the widgets ask (``key in``, ``[key]``) gets the same answer as from filtered_state, for
    present, None and missing keys; iterating still gives every key."""
    state = _session_state()
    full = state.filtered_state
    view = streamlit_widget_state.OneKeyView(state)
    for key in ("answers", "leaning", "notes", "missing", "situation_q_walking"):
        assert (key in view) == (key in full), key
        if key in full:
            assert view[key] == full[key]
    assert ("leaning" in view and view["leaning"] is None)            # drawn with nothing chosen
    assert sorted(view) == sorted(full) and len(view) == len(full)


def test_the_widget_patch_is_installed_once_and_keeps_everything_else():
    import streamlit.elements.widgets.number_input as number_input
    import streamlit.elements.widgets.radio as radio

    streamlit_widget_state.apply()
    streamlit_widget_state.apply()                                   # idempotent
    for module in (radio, number_input):
        assert getattr(module.get_session_state, "_one_key_view", False)
        assert not getattr(module.get_session_state.__defaults__[0], "_one_key_view", False)   # wraps the original, once


def test_the_widget_patch_refuses_another_streamlit(monkeypatch):
    monkeypatch.setattr(streamlit_widget_state, "_applied", False)
    monkeypatch.setattr(patches.metadata, "version", lambda name: "1.68.0" if name == "streamlit" else metadata.version(name))
    with pytest.raises(PatchOutdated, match="streamlit_widget_state was written for streamlit 1.67, but 1.68.0"):
        streamlit_widget_state.apply()


def test_the_widget_patch_refuses_a_module_that_changed(monkeypatch):
    """After an upgrade that reads the session state another way, the patch stops instead of
    patching code it was not written for."""
    monkeypatch.setattr(streamlit_widget_state, "_applied", False)
    monkeypatch.setattr(streamlit_widget_state, "PATTERN", "something_else_entirely()")
    with pytest.raises(PatchOutdated, match="no longer reads something_else_entirely"):
        streamlit_widget_state.apply()
