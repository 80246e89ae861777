"""Several app processes behind nginx (deploy/nginx.conf.template), all on loopback.

Starts two `streamlit run app.py` processes (the repo's .streamlit/config.toml) and nginx as the
current user with a temporary prefix, no daemon, a free non-privileged port. Then, through the
proxy: health, a resume link opened on whichever process the proxy picks, the same-origin check of
the WebSocket (a browser Origin passes, a foreign one gets 403), 40 sessions changing "show all"
on Compare at once with zero errors and both processes used, and an access log without query
strings. Needs Debian's nginx (`make test` installs it; a missing nginx fails under CI).
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import websockets

from bench.proxy import HOST, Cluster, ClusterError, nginx_available
from bench.wsclient import Session, pct, run_async
from decision_aid.answers import Saved, encode_link
from tests.e2e.helpers import skip_or_fail

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def proxy():
    """Two app processes and nginx in front of them (bench/proxy.py). Yields (proxy url, app ports,
    prefix dir)."""
    if not nginx_available():
        skip_or_fail("nginx not found: apt-get install -y nginx (make test does)")
    try:
        cluster = Cluster(n=2).start()
    except ClusterError as e:
        pytest.fail(str(e), pytrace=False)
    try:
        yield cluster.url, cluster.app_ports, cluster.prefix
    finally:
        cluster.stop()


def _log_once(prefix: Path, ready: Callable[[str], bool], timeout: float = 10) -> str:
    """nginx's access log once ``ready(text)`` holds (nginx logs a request after answering it, so
    reading the log right after a response races nginx). Gives up after ``timeout`` seconds and
    returns the log as it is, for the test's own assertions to report."""
    log = prefix / "access.log"
    deadline = time.monotonic() + timeout
    while not ready(text := log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return text


def _ws(url: str) -> str:
    return url.replace("http://", "ws://") + "/_stcore/stream"


def test_health_and_routing_cookie_through_proxy(proxy):
    url, _, _ = proxy
    with urllib.request.urlopen(url + "/_stcore/health", timeout=5) as r:
        assert r.status == 200
        assert r.read().strip() == b"ok"
    with urllib.request.urlopen(url + "/", timeout=5) as r:
        assert r.status == 200
        assert b"<noscript>" in r.read()
        cookie = r.headers.get("Set-Cookie", "")
    assert re.fullmatch(r"da_route=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", cookie), cookie
    # A browser that already has the cookie keeps it (and so keeps its process).
    req = urllib.request.Request(url + "/", headers={"Cookie": cookie.split(";")[0]})
    with urllib.request.urlopen(req, timeout=5) as r:
        assert r.headers.get("Set-Cookie") is None


def test_resume_link_opens_on_any_process(proxy):
    """Nothing is stored on the server: the link carries the answers, so each process opens it."""
    url, app_ports, _ = proxy
    saved = Saved(answers={"bladder_bowel_change": "no", "saddle_numbness": "no",
                           "worsening_leg_weakness": "no", "other_red_flags": "no",
                           "tried_physical_therapy": "yes"})
    code = encode_link(saved)

    async def open_link(ws_url: str, origin: str) -> str:
        s = await Session.open(ws_url, page="situation", query=f"r={code}",
                               headers={"Origin": origin})
        text = s.last.text()
        await s.close()
        return text

    # Through the proxy, with the Origin a browser on the proxy's address sends.
    text = run_async(open_link(_ws(url), url))
    assert "Your saved answers were opened from the link (5 answers)." in text
    assert re.search(r"You have answered \*\*5 of \d+\*\* questions\.", text), text
    # And on each process directly: same link, same answers, no shared storage needed.
    for port in app_ports:
        direct = f"http://{HOST}:{port}"
        assert "Your saved answers were opened from the link (5 answers)." in run_async(
            open_link(_ws(direct), direct))


def test_foreign_origin_is_refused_through_proxy(proxy):
    """The proxy passes the original Host, so Streamlit's same-origin check still works."""
    url, _, _ = proxy

    async def connect() -> None:
        async with websockets.connect(_ws(url), subprotocols=["streamlit"],
                                      additional_headers={"Origin": "http://evil.example"}):
            pass

    with pytest.raises(websockets.InvalidStatus) as exc:
        run_async(connect())
    assert exc.value.response.status_code == 403


def test_forty_sessions_through_proxy(proxy):
    url, app_ports, prefix = proxy
    n = 40
    errors: list[str] = []
    latencies: list[float] = []

    async def run() -> None:
        sem = asyncio.Semaphore(10)
        ready = asyncio.Barrier(n)

        async def one(i: int) -> None:
            s = None
            try:
                async with sem:
                    s = await Session.open(_ws(url), page="compare", headers={"Origin": url})
            except Exception as e:  # noqa: BLE001
                errors.append(f"{i} open: {e!r}")
            await ready.wait()
            if s is None:
                return
            try:
                r = await s.set_toggle("Show all options equally", True)
                assert "All five options are shown the same way." in r.text()
                latencies.append(r.seconds)
            except Exception as e:  # noqa: BLE001
                errors.append(f"{i} toggle: {e!r}")
            finally:
                await s.close()

        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(n))), 180)

    run_async(run())
    assert errors == []
    assert len(latencies) == n
    print(f"\n{n} sessions through nginx: toggle p50 {pct(latencies, .5) * 1000:.0f} ms, "
          f"p95 {pct(latencies, .95) * 1000:.0f} ms")

    # nginx writes a WebSocket's log line when it closes: wait for all of them.
    log = _log_once(prefix, lambda text: text.count("/_stcore/stream") >= n)
    lines = [ln for ln in log.splitlines() if "/_stcore/stream" in ln]
    assert len(lines) >= n
    # With no cookie each new WebSocket is routed at random: both processes served sessions.
    for port in app_ports:
        assert any(f"upstream={HOST}:{port}" in ln for ln in lines), f"process on {port} got no session"
    assert all('"GET /_stcore/stream" 101 ' in ln for ln in lines[-n:])


def test_access_log_has_no_query_strings(proxy):
    url, _, prefix = proxy
    code = encode_link(Saved(answers={"smoker": "yes"}))
    with urllib.request.urlopen(f"{url}/situation?r={code}&mode=home", timeout=5) as r:
        assert r.status == 200
    # nginx writes the line after it has sent the response: wait for it, as above.
    log = _log_once(prefix, lambda text: '"GET /situation' in text)
    assert '"GET /situation" 200' in log
    assert code not in log
    assert "?" not in log
