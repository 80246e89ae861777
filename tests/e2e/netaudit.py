"""Run a module with a Python audit hook that writes down every network call it makes.

    python -m tests.e2e.netaudit LOGFILE -m decision_aid.serve [options]

The browser tests start the app this way (tests/e2e/conftest.py): the privacy test then reads
LOGFILE and checks that the server never connected to, sent to or looked up any host but the
loopback interface. Unlike sampling /proc, an audit hook sees every call, however short
(PEP 578: CPython raises "socket.connect", "socket.sendto", "socket.getaddrinfo", ... before the
call happens). One JSON line per event: {"event": ..., "args": [...]}. Nothing else is recorded
(no request bodies, no answers).
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import threading

WATCHED = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "http.client.connect",
           "urllib.Request", "ftplib.connect", "smtplib.connect", "nntplib.connect", "poplib.connect",
           "imaplib.open", "telnetlib.Telnet.open")


INSTALLED = "netaudit.installed"
"""The first line: the hook is in place in process ``args[0]`` (not a network call)."""


def _plain(x: object) -> object:
    if isinstance(x, (str, int, float, bool)) or x is None:
        return x
    if isinstance(x, (tuple, list)):
        return [_plain(y) for y in x]
    return type(x).__name__  # a socket or a request object: its type is enough


def install(path: str) -> None:
    lock = threading.Lock()
    out = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115  (open for the process's life)

    def hook(event: str, args: tuple) -> None:
        if event not in WATCHED:
            return
        args = args[1:] if event in ("socket.connect", "socket.sendto", "socket.sendmsg") else args
        line = json.dumps({"event": event, "args": _plain(list(args))})
        with lock:
            out.write(line + "\n")

    sys.addaudithook(hook)
    out.write(json.dumps({"event": INSTALLED, "args": [os.getpid()]}) + "\n")


def main() -> None:
    if len(sys.argv) < 4 or sys.argv[2] != "-m":
        raise SystemExit("usage: python -m tests.e2e.netaudit LOGFILE -m MODULE [args]")
    path, module = sys.argv[1], sys.argv[3]
    install(path)
    sys.argv = [module, *sys.argv[4:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
