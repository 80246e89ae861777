"""asyncio (Python 3.11) with Streamlit 1.67's listening socket: TCP_NODELAY on every connection.

Streamlit 1.67 binds its listening socket itself (``socket.socket(family)``, protocol number 0).
asyncio switches Nagle's algorithm off only for sockets whose protocol is IPPROTO_TCP, so every
WebSocket of the app kept Nagle on: after the first message of a script run, the rest waited for
the browser's delayed ACK (40 ms on Linux, up to 200 ms on Windows) on every click that reruns
the page. Measured on the bare bench page: round trip 43.7 ms -> 6.3 ms (docs/performance.md). The
fix widens asyncio's own rule to any TCP stream socket; nothing else changes. Applied by the
launcher (decision_aid/serve.py), before Streamlit starts.
"""

from __future__ import annotations

import socket

from . import require

WRITTEN_FOR_PYTHON = "3.11"
"""asyncio.base_events._set_nodelay as in this Python (a private function the fix replaces)."""
WRITTEN_FOR_STREAMLIT = "1.67"
"""The Streamlit whose server binds its socket with protocol 0."""


def enable_tcp_nodelay() -> None:
    """Make asyncio set TCP_NODELAY on every TCP stream socket it wraps (accepted connections too).
    PatchOutdated when Python or Streamlit is not the version this was written for."""
    import asyncio.base_events as base_events

    if getattr(base_events._set_nodelay, "decision_aid", False):  # type: ignore[attr-defined]  # private, not in the stubs
        return
    require("python", WRITTEN_FOR_PYTHON, __name__)
    require("streamlit", WRITTEN_FOR_STREAMLIT, __name__)

    def _set_nodelay(sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    _set_nodelay.decision_aid = True  # type: ignore[attr-defined]
    base_events._set_nodelay = _set_nodelay  # type: ignore[attr-defined]  # private, not in the stubs
