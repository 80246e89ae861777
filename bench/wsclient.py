"""A small Streamlit WebSocket client for benchmarks and the proxy test (no browser).

It speaks Streamlit 1.67's own protocol on ``/_stcore/stream`` (protobuf ``BackMsg`` /
``ForwardMsg`` from the streamlit wheel, so run it with the app's venv), like
``shared/tools/ws_load.py`` which it follows, but it can also drive radios, toggles, segmented
controls and page switches, which the app needs. One :class:`Session` = one browser tab:

    s = await Session.open("ws://127.0.0.1:8501/_stcore/stream", page="compare")
    await s.set_toggle("Show all options equally", True)       # one interaction = one rerun
    await s.choose("Do you have bladder", "No")                 # a radio, by label prefix + option label
    await s.goto("situation")                                   # switch page (url path)

Each interaction returns a :class:`Run` (client round trip in seconds, elements seen). Loopback
targets only: this is a test tool, not a load generator for other people's servers.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
               ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class AppError(RuntimeError):
    """The app showed an exception element, or an expected widget was missing."""


@dataclass
class Widget:
    kind: str            # radio | checkbox | button | button_group
    id: str
    label: str
    options: list[str] = field(default_factory=list)
    fragment_id: str = ""   # set when the widget is inside an st.fragment: the browser reruns only that


@dataclass
class Run:
    seconds: float = 0.0
    widgets: list[Widget] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    page_hash: str = ""
    n_msgs: int = 0

    def text(self) -> str:
        return "\n".join(self.markdown)


def check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    addrs = {ai[4][0] for ai in socket.getaddrinfo(host, None)}
    if not addrs or not all(ipaddress.ip_address(a).is_loopback for a in addrs):
        raise SystemExit(f"refusing non-loopback target {host!r} ({addrs})")


def _widget(el) -> Widget | None:  # el: Element proto
    kind = el.WhichOneof("type")
    if kind == "radio":
        return Widget(kind, el.radio.id, el.radio.label, list(el.radio.options))
    if kind == "checkbox":
        return Widget(kind, el.checkbox.id, el.checkbox.label)
    if kind == "button":
        return Widget(kind, el.button.id, el.button.label)
    if kind == "button_group":
        return Widget(kind, el.button_group.id, el.button_group.label,
                      [o.content for o in el.button_group.options])
    return None


class Session:
    """One WebSocket session (one browser tab) on a Streamlit server."""

    def __init__(self, ws, query: str, timeout: float) -> None:
        self.ws = ws
        self.query = query
        self.timeout = timeout
        self.page_hash = ""
        self.pages: dict[str, str] = {}      # url path -> page script hash
        self.last = Run()
        self._states: dict[str, WidgetState] = {}   # what a browser keeps sending

    @classmethod
    async def open(cls, url: str, *, page: str = "", query: str = "", timeout: float = 60.0,
                   headers: dict[str, str] | None = None) -> Session:
        check_loopback(url)
        ws = await websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout,
                                      ping_interval=None, additional_headers=headers)
        s = cls(ws, query, timeout)
        await s._rerun(page_name=page)
        return s

    async def close(self) -> None:
        await self.ws.close()

    # ------------------------------------------------------------------ protocol
    async def _rerun(self, *, page_name: str = "", page_hash: str | None = None,
                     changed: list[WidgetState] | None = None, fragment_id: str = "") -> Run:
        for st in changed or []:
            self._states[st.id] = st
        bm = BackMsg()
        cs = bm.rerun_script
        cs.query_string = self.query
        cs.page_name = page_name
        cs.page_script_hash = self.page_hash if page_hash is None else page_hash
        cs.context_info.timezone = "UTC"
        cs.context_info.locale = "en-US"
        if fragment_id:
            cs.fragment_id = fragment_id
        for st in self._states.values():
            cs.widget_states.widgets.append(st)
        t0 = time.perf_counter()
        await self.ws.send(bm.SerializeToString())
        run = await self._read_run()
        run.seconds = time.perf_counter() - t0
        for st in changed or []:          # triggers (buttons) fire once
            if st.WhichOneof("value") == "trigger_value":
                self._states.pop(st.id, None)
        if fragment_id:   # only the fragment's elements came back: keep the rest of the page
            ids = {w.id for w in run.widgets}
            run.widgets = run.widgets + [w for w in self.last.widgets if w.id not in ids]
            run.markdown = run.markdown + [m for m in self.last.markdown if m not in run.markdown]
        seen = {w.id for w in run.widgets}
        self._states = {k: v for k, v in self._states.items() if k in seen}
        self.last = run
        if run.exceptions:
            raise AppError(f"app raised: {run.exceptions[0]}")
        return run

    async def _read_run(self) -> Run:
        run = Run()
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), self.timeout)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            run.n_msgs += 1
            kind = fm.WhichOneof("type")
            if kind == "new_session" and fm.new_session.page_script_hash:
                self.page_hash = fm.new_session.page_script_hash
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                if fm.navigation.page_script_hash:
                    self.page_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed" and fm.page_info_changed.query_string is not None:
                self.query = fm.page_info_changed.query_string
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                et = el.WhichOneof("type")
                w = _widget(el)
                if w:
                    w.fragment_id = fm.delta.fragment_id
                    run.widgets.append(w)
                elif et == "markdown":
                    run.markdown.append(el.markdown.body)
                elif et == "html":
                    run.markdown.append(el.html.body)
                elif et == "exception":
                    run.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif et == "alert":
                    run.markdown.append(el.alert.body)
            elif kind == "script_finished" and fm.script_finished in FINISHED_OK:
                run.page_hash = self.page_hash
                return run

    # ------------------------------------------------------------------ interactions
    def widget(self, kind: str, label_prefix: str) -> Widget:
        for w in self.last.widgets:
            if w.kind == kind and w.label.lstrip("*").startswith(label_prefix):
                return w
        raise AppError(f"no {kind} whose label starts with {label_prefix!r}; have "
                       f"{[(w.kind, w.label[:40]) for w in self.last.widgets]}")

    async def choose(self, label_prefix: str, option: str) -> Run:
        """Pick ``option`` (its shown label) in the radio whose label starts with ``label_prefix``."""
        w = self.widget("radio", label_prefix)
        if option not in w.options:
            raise AppError(f"radio {w.label!r} has no option {option!r}; has {w.options}")
        return await self._rerun(changed=[WidgetState(id=w.id, string_value=option)], fragment_id=w.fragment_id)

    async def set_toggle(self, label_prefix: str, value: bool) -> Run:
        w = self.widget("checkbox", label_prefix)
        return await self._rerun(changed=[WidgetState(id=w.id, bool_value=value)], fragment_id=w.fragment_id)

    async def segment(self, label_prefix: str, option: str) -> Run:
        w = self.widget("button_group", label_prefix)
        st = WidgetState(id=w.id)
        st.string_array_value.data.append(option)
        return await self._rerun(changed=[st], fragment_id=w.fragment_id)

    async def click(self, label: str) -> Run:
        w = next((w for w in self.last.widgets if w.kind == "button" and w.label == label), None)
        if w is None:
            raise AppError(f"no button {label!r}")
        return await self._rerun(changed=[WidgetState(id=w.id, trigger_value=True)], fragment_id=w.fragment_id)

    async def goto(self, url_path: str) -> Run:
        """Switch page as the sidebar does (same session, answers kept)."""
        if url_path not in self.pages:
            raise AppError(f"no page {url_path!r}; have {sorted(self.pages)}")
        return await self._rerun(page_hash=self.pages[url_path])

    async def rerun(self) -> Run:
        return await self._rerun()


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty list."""
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_s(pid: int) -> float:
    """utime + stime of the whole process (all threads, dead ones too) in seconds."""
    import os

    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_async(coro):
    """asyncio.run in a fresh thread: after Playwright's sync API has run in the same process (the
    test suite), the main thread has a running event loop and a plain asyncio.run() refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
