"""Work-arounds for other people's code, one small module each, named for what it patches.

Each was written against one version of the library it patches and checks that version when it is
applied (:func:`require`): after an upgrade the app stops with a clear message instead of silently
patching code that changed. Then check whether the work-around still applies, and update the
version it names (or delete the module if the library fixed the problem).
"""

from __future__ import annotations

import sys
from importlib import metadata


class PatchOutdated(RuntimeError):
    """The installed library is not the version a work-around was written for."""


def require(distribution: str, written_for: str, patch: str) -> None:
    """Raise PatchOutdated unless ``distribution`` (a pip name; "python" for the interpreter) is at
    version ``written_for`` ("1.67" matches 1.67.0, 1.67.1...)."""
    if distribution == "python":
        installed = ".".join(map(str, sys.version_info[:3]))
    else:
        installed = metadata.version(distribution)
    if installed != written_for and not installed.startswith(written_for + "."):
        raise PatchOutdated(
            f"{patch} was written for {distribution} {written_for}, but {installed} is installed: "
            f"check that the work-around still applies, then update the version in {patch}")
