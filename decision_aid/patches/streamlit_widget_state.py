"""Streamlit 1.67's radio, number input, text input and text area copy the whole session state on
every call, to read one key.

Each of them runs ``session_state = get_session_state().filtered_state`` and then only asks
``key in session_state and session_state[key] is None`` (a widget whose stored value is None is
drawn with nothing chosen). ``filtered_state`` builds a new dict of every key in the session with
its value, so each widget costs time in proportion to everything the session holds: with the
exam room's eleven radios that was about a third of every scan answer's server time
(docs/performance.md, "Third pass"). :func:`apply` gives these modules a view that answers the same
two questions from the live session state for the one key asked, and copies nothing. Anything else
they ask of the session state goes to the real one.

Process-wide and idempotent; app.py applies it before anything is drawn (AppTest runs app.py too,
so the tests run with it).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from typing import Any

from . import PatchOutdated, require

WRITTEN_FOR = "1.67"
"""The Streamlit whose widget modules read ``get_session_state().filtered_state`` as above."""

MODULES = ("radio", "number_input", "text_widgets", "selectbox")
"""``streamlit.elements.widgets.<name>``: the modules with the copy that the app's widgets use
(st.radio, st.number_input, st.text_area; selectbox for the same reason should one be added)."""

PATTERN = "get_session_state().filtered_state"

_applied = False


class OneKeyView(Mapping[str, Any]):
    """``filtered_state`` as these widgets read it: ``key in view`` and ``view[key]`` ask the live
    session state for that key only. Iterating or counting still builds the full copy (no widget
    does either)."""

    def __init__(self, state: Any) -> None:
        self._state = state

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._state

    def __getitem__(self, key: str) -> Any:
        return self._state[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.filtered_state)

    def __len__(self) -> int:
        return len(self._state.filtered_state)


class _SessionStateForWidgets:
    """The session state with ``filtered_state`` as a :class:`OneKeyView`; everything else is the
    real session state's (reset_state_value, query_params...)."""

    def __init__(self, state: Any) -> None:
        self._state = state

    @property
    def filtered_state(self) -> OneKeyView:
        return OneKeyView(self._state)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)


def apply() -> None:
    """Install the view in :data:`MODULES` (once per process). PatchOutdated on another Streamlit,
    or when a module no longer reads the session state as described above."""
    global _applied
    if _applied:
        return
    require("streamlit", WRITTEN_FOR, __name__)
    for name in MODULES:
        module = importlib.import_module(f"streamlit.elements.widgets.{name}")
        if PATTERN not in inspect.getsource(module):
            raise PatchOutdated(f"{__name__}: streamlit.elements.widgets.{name} no longer reads {PATTERN}")
        original = module.get_session_state
        if getattr(original, "_one_key_view", False):
            continue

        def get_session_state(original: Any = original) -> _SessionStateForWidgets:
            return _SessionStateForWidgets(original())

        get_session_state._one_key_view = True  # type: ignore[attr-defined]  # marks the wrapper
        module.get_session_state = get_session_state  # type: ignore[attr-defined]  # the patch itself
    _applied = True
