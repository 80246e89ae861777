"""A freshly started process that many browsers reach at once on deep links (after a restart or a
deploy, every open tab reconnects to its own page): each session gets its page through the router,
with its state defaults, and no error.

Found by the 200-session benchmark through nginx: the first session switched Streamlit's old
pages/ mode off for the whole process while others had already started their page without the
router (KeyError on a state key, "This app has encountered an error"). patches/streamlit_pages.route_through_app now
also reruns a session whose state defaults are missing. Without that fix this test failed on each
of two tries (40 sessions on a fresh process); with it, it passes.
"""

from __future__ import annotations

import asyncio
import subprocess

import pytest

from bench.proxy import HOST, ClusterError, free_port, launch, stop_process, wait_healthy
from bench.wsclient import Session, run_async

pytestmark = pytest.mark.slow

# page -> a text only that page shows when it ran through the router (frame and state defaults)
PAGES = {
    "compare": "Show all options equally",
    "situation": "questions.",
    "exam": "The five options at a glance",
    "values": "What matters to you",
}


def _fresh_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = launch(port, subprocess.DEVNULL)
    url = f"http://{HOST}:{port}"
    try:
        wait_healthy(url, proc, None, "app")
    except ClusterError as e:
        stop_process(proc)
        pytest.fail(str(e), pytrace=False)
    return proc, url


def test_many_first_sessions_on_deep_links_of_a_fresh_process():
    proc, url = _fresh_server()
    ws = url.replace("http://", "ws://") + "/_stcore/stream"
    pages = list(PAGES) * 10  # 40 sessions, no session before them

    async def one(page: str) -> tuple[str, list[str], str, str]:
        s = await Session.open(ws, page=page, headers={"Origin": url}, timeout=60)
        try:
            return page, s.last.exceptions, s.last.text(), " ".join(w.label for w in s.last.widgets)
        finally:
            await s.close()

    async def run():
        return await asyncio.gather(*(one(p) for p in pages), return_exceptions=True)

    try:
        results = run_async(run())
    finally:
        stop_process(proc)
    problems = [repr(r)[:300] for r in results if isinstance(r, BaseException)]
    for r in results:
        if isinstance(r, BaseException):
            continue
        page, exceptions, text, labels = r
        if exceptions:
            problems.append(f"{page}: {exceptions[0][:300]}")
        elif PAGES[page] not in text + labels:
            problems.append(f"{page}: page text {PAGES[page]!r} missing")
    assert problems == [], "\n".join(problems[:5])
