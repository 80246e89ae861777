"""Start the app: ``python -m decision_aid.serve [streamlit run options]`` (what ``make run`` does).

The same as ``streamlit run app.py [options]`` plus one fix: TCP_NODELAY on every connection
(decision_aid/patches/asyncio_nodelay.py says why).

Run from the repository root (the app's .streamlit/config.toml is read from the working directory).
Streamlit is imported only in main(); the rest of the package never needs it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from .patches.asyncio_nodelay import enable_tcp_nodelay

__all__ = ["enable_tcp_nodelay", "main", "preload_content", "streamlit_argv"]

APP = Path(__file__).resolve().parents[1] / "app.py"


def streamlit_argv(args: list[str], script: str | None = None) -> list[str]:
    """The ``streamlit run`` command line for ``script`` (default: the app) and extra options."""
    return ["streamlit", "run", script or str(APP), *args]


def main(args: list[str] | None = None) -> None:
    """``[SCRIPT.py] [streamlit run options]``: the app unless a script is given (the bench's bare
    page runs through here too, so both get the same server)."""
    enable_tcp_nodelay()
    from streamlit.web import cli

    args = list(sys.argv[1:] if args is None else args)
    script = args.pop(0) if args and args[0].endswith(".py") else None
    if script is None:
        preload_content()
    sys.argv = streamlit_argv(args, script)
    cli.main()


def preload_content() -> threading.Thread:
    """Load and check the content in both languages in the background while the server starts, so
    the first visitor (and the first Spanish one) does not wait for it (2-6 s on a busy machine,
    docs/performance.md "Language"). Content only, never answers; a content error still stops the
    app loudly on its first run (the page's own load raises it)."""

    def load() -> None:
        from .content.loader import ContentError, load_content

        try:
            for lang in ("en", "es"):
                load_content(lang)
        except ContentError:
            pass   # reported by the first run, where the person and the logs see it

    t = threading.Thread(target=load, name="preload-content", daemon=True)
    t.start()
    return t


if __name__ == "__main__":
    main()
