"""Start the app: ``python -m decision_aid.serve [streamlit run options]`` (what ``make run`` does).

The same as ``streamlit run app.py [options]`` plus one fix: TCP_NODELAY on every connection.

Streamlit 1.67 binds its listening socket itself (``socket.socket(family)``, protocol number 0).
asyncio switches Nagle's algorithm off only for sockets whose protocol is IPPROTO_TCP, so every
WebSocket of the app kept Nagle on: after the first message of a script run, the rest waited for
the browser's delayed ACK (40 ms on Linux, up to 200 ms on Windows) on every click that reruns
the page. Measured on the bare bench page: round trip 43.7 ms -> 6.3 ms (docs/performance.md). The
fix widens asyncio's own rule to any TCP stream socket; nothing else changes.

Run from the repository root (the app's .streamlit/config.toml is read from the working directory).
Streamlit is imported only in main(); the rest of the package never needs it.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def enable_tcp_nodelay() -> None:
    """Make asyncio set TCP_NODELAY on every TCP stream socket it wraps (accepted connections too)."""
    import asyncio.base_events as base_events

    if getattr(base_events._set_nodelay, "decision_aid", False):
        return

    def _set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    _set_nodelay.decision_aid = True  # type: ignore[attr-defined]
    base_events._set_nodelay = _set_nodelay


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
