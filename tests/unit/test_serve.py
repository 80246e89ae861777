"""decision_aid.serve: the app's launcher (`make run`) switches Nagle's algorithm off on every
connection. Without it each click that reruns the page waited ~40 ms for a delayed ACK
(docs/performance.md)."""

from __future__ import annotations

import asyncio
import asyncio.base_events as base_events
import re
import socket
import threading
from pathlib import Path

import pytest

from bench.wsclient import run_async
from decision_aid import serve

ROOT = Path(__file__).resolve().parents[2]


def _accepted_nodelay() -> int:
    """Bind a listening socket the way Streamlit 1.67 does (socket.socket(family): protocol 0), serve
    it with asyncio, connect, and read TCP_NODELAY on the server's side of the connection."""
    async def run() -> int:
        listener = socket.socket(family=socket.AF_INET)
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        got: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer) -> None:
            sock = writer.get_extra_info("socket")
            got.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listener)
        async with server:
            _, w = await asyncio.open_connection(*listener.getsockname())
            value = await asyncio.wait_for(got, 5)
            w.close()
            await w.wait_closed()
            return value

    return run_async(run())  # a thread of its own: the browser tests leave a loop running


def test_streamlit_style_socket_keeps_nagle_without_the_fix(monkeypatch) -> None:
    """The bug the launcher works around. If this starts failing, asyncio or Streamlit fixed it and
    serve.enable_tcp_nodelay can go."""
    original = getattr(base_events._set_nodelay, "__wrapped_original__", base_events._set_nodelay)
    if getattr(original, "decision_aid", False):
        pytest.fail("the original asyncio function was not kept")
    monkeypatch.setattr(base_events, "_set_nodelay", original)
    assert _accepted_nodelay() == 0


def test_launcher_switches_nagle_off_on_accepted_connections(monkeypatch) -> None:
    monkeypatch.setattr(base_events, "_set_nodelay", base_events._set_nodelay)  # restored afterwards
    serve.enable_tcp_nodelay()
    serve.enable_tcp_nodelay()  # twice is harmless
    assert getattr(base_events._set_nodelay, "decision_aid", False)
    assert _accepted_nodelay() == 1


def test_command_line_is_streamlit_run_of_the_app() -> None:
    assert serve.streamlit_argv(["--server.port", "9"]) == [
        "streamlit", "run", str(ROOT / "app.py"), "--server.port", "9"]
    assert serve.streamlit_argv([], "bench/bare_app.py") == ["streamlit", "run", "bench/bare_app.py"]


def test_make_run_and_the_test_servers_use_the_launcher() -> None:
    """What the tests and the bench measure is what `make run` starts."""
    make = (ROOT / "Makefile").read_text()
    run_recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", make, re.M)
    assert run_recipe and "-m decision_aid.serve" in run_recipe.group(1)
    # one launcher for tests and bench (bench/proxy.py), starting what `make run` starts
    from bench.proxy import APP_COMMAND

    assert APP_COMMAND == ("-m", "decision_aid.serve")
    for path in ("tests/e2e/conftest.py", "tests/e2e/test_smoke.py", "tests/deploy/test_cold_deep_links.py",
                 "bench/run.py"):
        text = (ROOT / path).read_text()
        assert "launch(" in text, path
        assert '"streamlit", "run"' not in text and "subprocess.Popen([sys.executable" not in text, path
    assert "enable_tcp_nodelay()" in (ROOT / "bench" / "serve.py").read_text()


def test_the_launcher_loads_both_languages_in_the_background(monkeypatch):
    """The first visitor, and the first Spanish one, do not wait for the content to load and be
    checked: the launcher starts it in a background thread while the server starts."""
    from decision_aid.content import loader

    loaded: list[tuple[str, str]] = []
    real = loader.load_content
    monkeypatch.setattr(loader, "load_content",
                        lambda lang="en": loaded.append((lang, threading.current_thread().name)) or real(lang))
    t = serve.preload_content()
    assert t.daemon
    t.join(timeout=120)
    assert not t.is_alive()
    assert loaded == [("en", "preload-content"), ("es", "preload-content")]
