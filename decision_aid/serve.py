"""Start the app: ``python -m decision_aid.serve [streamlit run options]`` (what ``make run`` does).

The same as ``streamlit run app.py [options]`` plus one fix: TCP_NODELAY on every connection
(decision_aid/patches/asyncio_nodelay.py says why).

Run from the repository root (the app's .streamlit/config.toml is read from the working directory).
Streamlit is imported only in main(); the rest of the package never needs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .patches.asyncio_nodelay import enable_tcp_nodelay

__all__ = ["enable_tcp_nodelay", "main", "streamlit_argv"]

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
    sys.argv = streamlit_argv(args, script)
    cli.main()


if __name__ == "__main__":
    main()
