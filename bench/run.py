"""Benchmark the decision aid against a bare Streamlit page, in the same run (`make bench`).

Starts real `streamlit run` servers on free loopback ports from the repo root (so they read the
same .streamlit/config.toml as `make run`), through bench/serve.py, which times every script run
on the server. Measures:

  1. server work per interaction, one session at a time: answer a question on Your situation,
     switch a page, open Compare, change "show all" on Compare; bare page: click its button.
     p50/p95 of the server-side script run (wall and CPU of the script thread), the client round
     trip, and whole-process CPU per run.
  2. 200 sessions on Compare changing "show all" at the same moment (bare: clicking at once):
     errors, latency p50/p95, RSS per session.
  3. browser click to updated screen on Compare (Playwright + /usr/bin/chromium, measured in the
     page with a MutationObserver).
  4. cold start (process start -> health ok -> first script run finished) and PDF build time.

Prints a report and writes it between the markers in docs/performance.md.

    .venv/bin/python bench/run.py [--quick] [--no-browser] [--no-write] [--sessions 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from proxy import HOST, Cluster, ClusterError, free_port, launch, nginx_available, stop_process, wait_healthy  # noqa: E402
from wsclient import Session, cpu_s, pct, rss_mb  # noqa: E402

PERF_DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

TARGET_P95_MS = 50.0
TARGET_RATIO = 2.0
TARGET_LOAD_CPU_MS = 10.0
TARGET_LOAD_RATIO = 3.0
TARGET_RTT_RATIO = 3.0
TARGET_LOAD_P95_S = 1.0
TARGET_MB_PER_SESSION = 1.0
TARGET_BROWSER_P95_MS = 250.0


# ----------------------------------------------------------------------------- servers

@dataclass
class Server:
    script: str
    port: int = 0
    proc: subprocess.Popen | None = None
    timings: Path = field(default_factory=lambda: Path(tempfile.mkstemp(prefix="bench-timings-")[1]))
    started: float = 0.0
    healthy_after: float = 0.0

    @property
    def http(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pids(self) -> list[int]:
        return [self.pid]

    @property
    def origin(self) -> str:
        return self.http

    @property
    def ws(self) -> str:
        return f"ws://{HOST}:{self.port}/_stcore/stream"

    @property
    def pid(self) -> int:
        assert self.proc
        return self.proc.pid

    def start(self) -> Server:
        self.port = free_port()
        self.timings.write_text("")
        self._log = tempfile.TemporaryFile(prefix="bench-server-")
        self.started = time.perf_counter()
        # bench/serve.py = `streamlit run` with a timer around each script run
        self.proc = launch(self.port, self._log, str(self.timings), self.script,
                           command=[str(ROOT / "bench" / "serve.py")])
        try:
            wait_healthy(self.http, self.proc, self._log, self.script, timeout=60, poll=0.02)
        except ClusterError as e:
            raise RuntimeError(f"{self.script} did not start: {e}") from None
        self.healthy_after = time.perf_counter() - self.started
        return self

    def stop(self) -> None:
        if self.proc:
            stop_process(self.proc)
        self.timings.unlink(missing_ok=True)

    def runs(self) -> list[tuple[float, float]]:
        """(wall ms, cpu ms) of each finished script run so far."""
        out = []
        for line in self.timings.read_text().splitlines():
            wall, cpu, _ = line.split()
            out.append((float(wall), float(cpu)))
        return out


# ----------------------------------------------------------------------------- helpers

@dataclass
class Series:
    name: str
    wall: list[float] = field(default_factory=list)     # server-side script run, ms
    cpu: list[float] = field(default_factory=list)      # script thread CPU, ms
    rtt: list[float] = field(default_factory=list)      # client round trip, ms
    proc_cpu: float = 0.0                               # whole-process CPU per interaction, ms

    def row(self, bare: Series | None = None) -> str:
        p50, p95 = pct(self.wall, .5), pct(self.wall, .95)
        ratio = f"{p95 / pct(bare.wall, .95):.1f}x" if bare else "1x"
        return (f"| {self.name} | {len(self.wall)} | {p50:.1f} | {p95:.1f} | {pct(self.cpu, .5):.1f} | "
                f"{pct(self.cpu, .95):.1f} | {self.proc_cpu:.1f} | {pct(self.rtt, .5):.1f} | "
                f"{pct(self.rtt, .95):.1f} | {ratio} |")


async def measure(server: Server, series: Series, n: int, action) -> None:
    """Run ``action(i)`` n times; each must cause exactly the script runs it reports."""
    c0 = cpu_s(server.pid)
    for i in range(n):
        before = len(server.runs())
        run = await action(i)
        if run is None:
            continue
        runs = server.runs()[before:]
        # The timer line is written just after script_finished is sent: wait for it.
        for _ in range(200):
            if runs:
                break
            await asyncio.sleep(0.005)
            runs = server.runs()[before:]
        series.wall.append(sum(w for w, _ in runs))
        series.cpu.append(sum(c for _, c in runs))
        series.rtt.append(run.seconds * 1000)
    series.proc_cpu = (cpu_s(server.pid) - c0) * 1000 / max(1, len(series.wall))


def full_saved():
    """A patient who answered everything (no red flags), rated values, leaned, did SURE."""
    from decision_aid.answers import Saved
    from decision_aid.contract import DECISION_ROLES, QUESTIONS, RED_FLAG_QUESTIONS, SURE_ITEMS, VALUE_IDS

    answers = {q: ("no" if q in RED_FLAG_QUESTIONS else vals[0]) for q, vals in QUESTIONS.items()}
    return Saved(answers=answers, values={v: i % 5 for i, v in enumerate(VALUE_IDS)},
                 leaning="physical_therapy", decision_role=DECISION_ROLES[1],
                 sure={k: True for k in SURE_ITEMS})


# ----------------------------------------------------------------------------- 1. per interaction

PAGE_CYCLE = ["", "learn", "situation", "compare", "values", "check", "summary", "exam", "evidence",
              "standards"]


async def app_interactions(server: Server, n: int) -> dict[str, Series]:
    out = {k: Series(k) for k in ("answer", "switch", "compare", "show_all")}
    s = await Session.open(server.ws, page="situation")
    # Warm up: every page and every interaction once (first visits import fpdf2, qrcode etc.).
    for p in PAGE_CYCLE:
        await s.goto(p)
    await s.goto("compare")
    await s.set_toggle("Show all options equally", True)
    await s.set_toggle("Show all options equally", False)
    await s.goto("situation")

    first_q = "Do you have new trouble controlling"
    choices = ["No", "Not sure"]

    async def answer(i):
        return await s.choose(first_q, choices[i % 2])
    out["answer"].name = "Answer a question (Your situation)"
    await measure(server, out["answer"], n, answer)

    async def switch(i):
        return await s.goto(PAGE_CYCLE[i % len(PAGE_CYCLE)])
    out["switch"].name = "Switch page (all 10 pages in turn)"
    await measure(server, out["switch"], n, switch)

    # Only the Compare visits count, not the way back to Your situation.
    out["compare"].name = "Open Compare (from Your situation)"
    c0 = cpu_s(server.pid)
    for _ in range(n):
        await s.goto("situation")
        before = len(server.runs())
        run = await s.goto("compare")
        runs = await _wait_runs(server, before)
        out["compare"].wall.append(sum(w for w, _ in runs))
        out["compare"].cpu.append(sum(c for _, c in runs))
        out["compare"].rtt.append(run.seconds * 1000)
    out["compare"].proc_cpu = (cpu_s(server.pid) - c0) * 1000 / (2 * n)  # both visits, averaged

    async def show_all(i):
        return await s.set_toggle("Show all options equally", i % 2 == 0)
    out["show_all"].name = 'Change "show all" (Compare)'
    await measure(server, out["show_all"], n, show_all)

    # The exam room: all five options narrowed on one screen, the clinician answers a scan question.
    await s.goto("exam")
    await s.choose(EXAM_QUESTION, "Yes")

    async def exam(i):
        return await s.choose(EXAM_QUESTION, ("No", "Yes")[i % 2])
    out["exam"] = Series("exam")
    out["exam"].name = "Answer a scan question (exam room, all options on one screen)"
    await measure(server, out["exam"], n, exam)
    await s.close()
    return out


async def _wait_runs(server: Server, before: int) -> list[tuple[float, float]]:
    for _ in range(200):
        runs = server.runs()[before:]
        if runs:
            return runs
        await asyncio.sleep(0.005)
    raise RuntimeError("no timing line for a script run")


async def bare_interactions(server: Server, n: int) -> Series:
    s = await Session.open(server.ws)
    for _ in range(3):
        await s.click("Click me")
    series = Series("Bare page: click its button")

    async def click(i):
        return await s.click("Click me")
    await measure(server, series, n, click)
    await s.close()
    return series


# ----------------------------------------------------------------------------- 1b. page loads

# (url path, name): a NEW session's first script run on each main page (a browser opening a link).
LOAD_PAGES = [("compare", "Compare"), ("situation", "Your situation"), ("summary", "Summary"),
              ("exam", "Exam room"), ("", "Start")]


async def page_loads(server: Server, n: int, pages: list[tuple[str, str]]) -> dict[str, Series]:
    """For each page, ``n`` new sessions one after another, each opening the page and closing: the
    first script run of a session (state defaults, frame, the whole page). The process is warm
    (every page opened once before)."""
    for p, _ in pages:                      # warm the process: imports, content, per-process caches
        w = await Session.open(server.ws, page=p)
        await w.close()
    # Another tab stays open throughout, as on any server in use: when its last session closes,
    # Streamlit empties its compiled-script cache, and every load would compile the page again.
    keeper = await Session.open(server.ws, page=pages[0][0])
    out: dict[str, Series] = {}
    for p, name in pages:
        series = out[p] = Series(name)
        cpu_total = 0.0
        for _ in range(n):
            before = len(server.runs())
            c0 = cpu_s(server.pid)
            s = await Session.open(server.ws, page=p)
            runs = await _wait_runs(server, before)
            cpu_total += cpu_s(server.pid) - c0
            series.wall.append(sum(w for w, _ in runs))
            series.cpu.append(sum(c for _, c in runs))
            series.rtt.append(s.last.seconds * 1000)
            await s.close()
        series.proc_cpu = cpu_total * 1000 / n
    await keeper.close()
    return out


# ----------------------------------------------------------------------------- 2. concurrency

@dataclass
class LoadResult:
    name: str
    sessions: int
    errors: list[str]
    load: list[float]
    act: list[float]
    rss0: float
    rss1: float
    cpu: float
    client_cpu: float
    wall: float

    @property
    def mb_per_session(self) -> float:
        return (self.rss1 - self.rss0) / self.sessions


def _rss(pids: list[int]) -> float:
    return sum(rss_mb(p) for p in pids)


def _cpu(pids: list[int]) -> float:
    return sum(cpu_s(p) for p in pids)


async def _warm_every_process(pids: list[int], open_one) -> None:
    """Open warm-up sessions (``open_one``) until every process has served at least one: the proxy
    routes new sessions at random, so a fixed count of them (four for two processes) left one process
    cold one time in eight, and the burst then met a cold process: 5 % of the sessions took 12-14 s
    to open and the processes 12 s more CPU (`make bench` at 07:43 and 07:50 on 2026-12-05). A
    process's first session costs it 0.9 s of CPU (the app: imports, content) or 0.05 s (the bare
    page); a later one 0-20 ms, two idle seconds 0.01 s (measured 2026-12-05)."""
    start = {p: cpu_s(p) for p in pids}
    for i in range(80):
        await open_one()
        if i + 1 >= 2 * len(pids) and all(cpu_s(p) - start[p] >= 0.04 for p in pids):
            return
    raise RuntimeError("the warm-up sessions never reached every process")


async def burst(server, n: int, page: str, act, name: str, warm, query: str = "") -> LoadResult:
    """n sessions open (20 at a time), then all act at once; RSS delta per session.

    ``server``: a Server (one process) or a bench.proxy.Cluster (processes behind nginx); RSS and CPU
    are summed over its app processes (nginx not counted)."""
    pids, hdr = server.pids, {"Origin": server.origin}

    async def warm_one() -> None:
        w = await Session.open(server.ws, page=page, query=query, headers=hdr)
        await warm(w)
        await w.close()

    await _warm_every_process(pids, warm_one)
    await asyncio.sleep(0.5)
    rss0, c0, my0, t0 = _rss(pids), _cpu(pids), time.process_time(), time.perf_counter()
    errors: list[str] = []
    load: list[float] = []
    act_lat: list[float] = []
    sem = asyncio.Semaphore(20)
    ready = asyncio.Barrier(n + 1)
    done = asyncio.Barrier(n + 1)

    async def one(i: int) -> None:
        s = None
        try:
            async with sem:
                s = await Session.open(server.ws, page=page, query=query, timeout=60, headers=hdr)
                load.append(s.last.seconds)
        except Exception as e:  # noqa: BLE001
            errors.append(f"session {i} open: {e!r}"[:200])
        await ready.wait()
        try:
            if s:
                run = await act(s)
                act_lat.append(run.seconds)
        except Exception as e:  # noqa: BLE001
            errors.append(f"session {i} act: {e!r}"[:200])
        await done.wait()
        if s:
            await s.close()

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await ready.wait()
    await done.wait()
    rss1 = _rss(pids)
    await asyncio.gather(*tasks)
    return LoadResult(name, n, errors, load, act_lat, rss0, rss1,
                      (_cpu(pids) - c0), time.process_time() - my0, time.perf_counter() - t0)


async def open_burst(server, n: int, page: str, expect: str, name: str) -> LoadResult:
    """n NEW sessions open ``page`` at the same moment (no answers; nothing limits how many open at
    once): the time from each session's request to its first page finished. RSS as in ``burst``."""
    pids, hdr = server.pids, {"Origin": server.origin}

    async def warm_one() -> None:
        w = await Session.open(server.ws, page=page, headers=hdr)
        await w.close()

    await _warm_every_process(pids, warm_one)
    await asyncio.sleep(0.5)
    rss0, c0, my0, t0 = _rss(pids), _cpu(pids), time.process_time(), time.perf_counter()
    errors: list[str] = []
    opened: list[float] = []
    done = asyncio.Barrier(n + 1)
    go = asyncio.Event()

    async def one(i: int) -> None:
        s = None
        try:
            await go.wait()
            s = await Session.open(server.ws, page=page, timeout=60, headers=hdr)
            if expect and expect not in s.last.text():
                raise RuntimeError(f"page opened without {expect!r}")
            opened.append(s.last.seconds)
        except Exception as e:  # noqa: BLE001
            errors.append(f"session {i} open: {e!r}"[:200])
        await done.wait()
        if s:
            await s.close()

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await asyncio.sleep(0)
    go.set()
    await done.wait()
    rss1 = _rss(pids)
    await asyncio.gather(*tasks)
    return LoadResult(name, n, errors, opened, opened or [0.0], rss0, rss1,
                      (_cpu(pids) - c0), time.process_time() - my0, time.perf_counter() - t0)


async def app_open_burst(server, n: int, where: str = "") -> LoadResult:
    from decision_aid.content.loader import load_content

    # a new session has no answers: Compare's fit line says so (texts.yaml ui_fit_line_none)
    return await open_burst(server, n, "compare", load_content().text("ui_fit_line_none")[:40],
                            f"App{where}: {n} new sessions open Compare at once (open = act)")


async def bare_open_burst(server, n: int, where: str = "") -> LoadResult:
    return await open_burst(server, n, "", "", f"Bare page{where}: {n} new sessions open it at once (open = act)")


EXAM_QUESTION = "Does an MRI or CT scan"   # first scan question on the exam-room screen


async def _action_burst(server, n: int, page: str, action, expect: tuple[str, ...], name: str,
                        query: str = "") -> LoadResult:
    """A burst where every session does ``action`` once at the same moment (the warm-up session does
    it too) and the redrawn page must hold each text in ``expect``."""
    async def act(s):
        run = await action(s)
        if run.exceptions or not all(x in run.text() for x in expect):
            raise RuntimeError(f"page not redrawn as expected after the action {run.exceptions[:1]}")
        return run
    return await burst(server, n, page, act, name, action, query=query)


def _full_link() -> str:
    """Each app session opens from a resume link with every question answered (real narrowing)."""
    from decision_aid.answers import encode_link

    return "r=" + encode_link(full_saved())


async def exam_burst(server, n: int, where: str = "") -> LoadResult:
    """The exam-room screen (all five options, narrowed; the clinician answers scan questions inline):
    every session answers a scan question at once (the link says "yes": a real change)."""
    return await _action_burst(
        server, n, "exam", lambda s: s.choose(EXAM_QUESTION, "No"),
        ("The five options at a glance", 'class="xcard'),
        f"App{where}: {n} sessions on the exam-room screen answer a scan question at once", _full_link())


async def app_burst(server, n: int, where: str = "") -> LoadResult:
    return await _action_burst(
        server, n, "compare", lambda s: s.set_toggle("Show all options equally", True),
        ("All five options are shown the same way",),
        f'App{where}: {n} sessions (all questions answered) on Compare change "show all" at once', _full_link())


async def bare_burst(server, n: int, where: str = "") -> LoadResult:
    return await _action_burst(server, n, "", lambda s: s.click("Click me"), ("Clicked.",),
                               f"Bare page{where}: {n} sessions click at once")


# ----------------------------------------------------------------------------- 3. browser

TOGGLE_JS = """([label, want, notWant]) => new Promise((resolve, reject) => {
  const root = document.querySelector('[data-testid="stApp"]');
  const box = [...root.querySelectorAll('[data-testid="stCheckbox"]')].find(b => b.innerText.includes(label));
  const ok = () => { const t = root.innerText; return t.includes(want) && !(notWant && t.includes(notWant)); };
  const t0 = performance.now();
  const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(root, {subtree: true, childList: true, characterData: true});
  box.querySelector('input').click();
  setTimeout(() => { obs.disconnect(); reject(new Error('no update within 10 s')); }, 10000);
})"""

SEGMENT_JS = """([label, want, notWant]) => new Promise((resolve, reject) => {
  const root = document.querySelector('[data-testid="stApp"]');
  const btn = [...root.querySelectorAll('button')].find(b => b.innerText.trim() === label);
  const ok = () => { const t = root.innerText; return t.includes(want) && !(notWant && t.includes(notWant)); };
  const t0 = performance.now();
  const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(root, {subtree: true, childList: true, characterData: true});
  btn.click();
  setTimeout(() => { obs.disconnect(); reject(new Error('no update within 10 s')); }, 10000);
})"""

SHOW_ALL_ON = "All five options are shown the same way"
SHOW_ALL_OFF = "what you told us so far"


def browser_latency(server: Server, n: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    def idle(page) -> None:
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached")

    out: dict[str, list[float]] = {"show_all": [], "picture": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # every question answered (the fit line says how many fit; "show all" changes it)
        page.goto(server.http + "/compare?" + _full_link())
        page.get_by_text("Show all options equally").wait_for()
        page.wait_for_timeout(300)
        idle(page)
        for i in range(n + 2):          # the first two are warm-up
            want, not_want = (SHOW_ALL_ON, None) if i % 2 == 0 else (SHOW_ALL_OFF, SHOW_ALL_ON)
            ms = page.evaluate(TOGGLE_JS, ["Show all options equally", want, not_want])
            idle(page)
            if i >= 2:
                out["show_all"].append(ms)
        # home mode shows Compare part by part: the pictures are part 2, one Next away
        page.get_by_role("button", name="Next: ").first.click()
        page.get_by_text("How many got better").first.wait_for()
        page.wait_for_timeout(300)
        idle(page)
        for i in range(n + 2):
            args = (["Recovery timeline", "Back to light activity", "Who was studied"] if i % 2 == 0
                    else ["How many got better", "Who was studied", "Back to light activity"])
            ms = page.evaluate(SEGMENT_JS, args)
            idle(page)
            if i >= 2:
                out["picture"].append(ms)
        browser.close()
    return out


# ----------------------------------------------------------------------------- 4. cold start, PDF

async def cold_start(script: str, page: str) -> tuple[float, float]:
    srv = Server(script)
    try:
        srv.start()
        s = await Session.open(srv.ws, page=page)
        first = time.perf_counter() - srv.started
        await s.close()
        return srv.healthy_after, first
    finally:
        srv.stop()


def pdf_times(n: int) -> tuple[list[float], int]:
    from decision_aid.content.loader import load_content
    from decision_aid.export import build_summary_pdf

    c = load_content()
    saved = full_saved()
    expectations = {e.id: {o: 40 for o in e.figures} for e in c.deliberation.expectations}
    knowledge = {k.id: k.correct for k in c.deliberation.knowledge}
    notes = "Ask about driving after the treatment. " * 10
    build_summary_pdf(saved, notes=notes, expectations=expectations, knowledge=knowledge)   # warm-up
    times, size = [], 0
    for _ in range(n):
        t0 = time.perf_counter()
        data = build_summary_pdf(saved, notes=notes, expectations=expectations, knowledge=knowledge)
        times.append((time.perf_counter() - t0) * 1000)
        size = len(data)
    return times, size


# ----------------------------------------------------------------------------- report

def machine() -> list[str]:
    import streamlit

    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip().splitlines()
    cpu_model = ""
    try:
        cpu_model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Command: `make bench` (`{Path(sys.executable).relative_to(ROOT) if Path(sys.executable).is_relative_to(ROOT) else sys.executable} "  # noqa: E501 (one f-string)
        f"bench/run.py {' '.join(sys.argv[1:])}`)".replace(" `)", "`)"),
        f"- Machine: `nproc` = {os.cpu_count()} ({cpu_model}); `free -h`:",
        "",
        "```",
        *free,
        "```",
        "",
        f"- Python {platform.python_version()}, Streamlit {streamlit.__version__}, {platform.platform()}",
        "- The machine is shared: other work may run at the same time, which shows up in p95 values.",
    ]


def ok(flag: bool) -> str:
    return "met" if flag else "**NOT met**"


def report(a: argparse.Namespace, inter: dict[str, Series], bare: Series,
           page: tuple[dict[str, Series], Series], loads: list[LoadResult],
           browser: dict[str, list[float]] | None, cold: dict[str, list[tuple[float, float]]],
           pdf: tuple[list[float], int]) -> str:
    L = machine()
    L += ["", "### 1. Server work per interaction (one session, warm process)", "",
          f"{a.reps} interactions each. *Script run* is measured on the server around each script run "
          "(bench/serve.py: wall time and CPU of the script thread, including any rerun it triggers). "
          "*Process CPU* is the whole server process (script thread plus the event loop that "
          "serialises and sends) per interaction. *Round trip* is seen by the WebSocket client.", "",
          "| interaction | n | script run p50 ms | p95 ms | script CPU p50 ms | p95 ms | process CPU/run ms "
          "| round trip p50 ms | p95 ms | p95 vs bare |",
          "|---|---|---|---|---|---|---|---|---|---|",
          bare.row()]
    worst = 0.0
    for s in inter.values():
        L.append(s.row(bare))
        worst = max(worst, pct(s.wall, .95))
    bare95 = pct(bare.wall, .95)
    L += ["", f"Target: p95 under {TARGET_P95_MS:.0f} ms — worst p95 {worst:.1f} ms: {ok(worst < TARGET_P95_MS)}. "
          f"Under {TARGET_RATIO:.0f}x the bare page — worst {worst / bare95:.1f}x "
          f"(bare p95 {bare95:.1f} ms): {ok(worst < TARGET_RATIO * bare95)}.",
          "",
          "Round trip (what a user waits for, from the WebSocket client): worst p95 "
          f"{max(pct(x.rtt, .95) for x in inter.values()):.1f} ms, bare page p95 {pct(bare.rtt, .95):.1f} ms "
          f"({max(pct(x.rtt, .95) for x in inter.values()) / pct(bare.rtt, .95):.1f}x): under "
          f"{TARGET_RTT_RATIO:.0f}x the bare page: "
          f"{ok(max(pct(x.rtt, .95) for x in inter.values()) <= TARGET_RTT_RATIO * pct(bare.rtt, .95))}.", ""]

    loads_by_page, page_bare = page
    bare_cpu95, bare_proc = pct(page_bare.cpu, .95), page_bare.proc_cpu
    L += ["### 1b. Page load (a new session's first script run)", "",
          f"{a.reps} new sessions per page, one after another, on a warm process: each opens the page "
          "(as a browser following a link) and closes. Columns as in section 1; *process CPU/load* "
          "is the whole process per load (script thread, event loop, session set-up). Ratios are "
          "against the bare page's first load in the same run.", "",
          "| page | n | script run p50 ms | p95 ms | script CPU p50 ms | p95 ms | process CPU/load ms "
          "| round trip p50 ms | p95 ms | process CPU vs bare | round trip p95 vs bare |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for srs in (page_bare, *loads_by_page.values()):
        L.append(f"| {srs.name} | {len(srs.wall)} | {pct(srs.wall, .5):.1f} | {pct(srs.wall, .95):.1f} | "
                 f"{pct(srs.cpu, .5):.1f} | {pct(srs.cpu, .95):.1f} | {srs.proc_cpu:.1f} | "
                 f"{pct(srs.rtt, .5):.1f} | {pct(srs.rtt, .95):.1f} | {srs.proc_cpu / bare_proc:.1f}x | "
                 f"{pct(srs.rtt, .95) / pct(page_bare.rtt, .95):.1f}x |")
    worst_proc = max(x.proc_cpu for x in loads_by_page.values())
    worst_cpu95 = max(pct(x.cpu, .95) for x in loads_by_page.values())
    L += ["", f"Target: a page load at most {TARGET_LOAD_CPU_MS:.0f} ms of CPU and at most "
          f"{TARGET_LOAD_RATIO:.0f}x the bare page — worst process CPU per load {worst_proc:.1f} ms "
          f"({worst_proc / bare_proc:.1f}x the bare page's {bare_proc:.1f} ms), worst script CPU p95 "
          f"{worst_cpu95:.1f} ms (bare {bare_cpu95:.1f} ms): "
          f"{ok(worst_proc <= TARGET_LOAD_CPU_MS and worst_proc <= TARGET_LOAD_RATIO * bare_proc)}.", ""]

    L += ["### 2. Many sessions at once", "",
          "Each session opens the page (20 set up at a time), then all act at the same moment and "
          "stay connected until all are done. RSS delta per session = (RSS with all sessions connected "
          "after acting - RSS after one warm-up session) / sessions.", "",
          "| run | sessions | errors | open p50/p95 s | act p50/p95/max s | RSS before/after MB | MB/session "
          "| server CPU s | total s |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in loads:
        L.append(f"| {r.name} | {r.sessions} | {len(r.errors)} | {pct(r.load, .5):.3f} / {pct(r.load, .95):.3f} | "
                 f"{pct(r.act, .5):.3f} / {pct(r.act, .95):.3f} / {max(r.act):.3f} | {r.rss0:.0f} / {r.rss1:.0f} | "
                 f"{r.mb_per_session:.2f} | {r.cpu:.1f} | {r.wall:.1f} |")
    L += ["", "Targets, for every app run: zero errors; p95 under "
          f"{TARGET_LOAD_P95_S:.0f} s on 2 cores; under {TARGET_MB_PER_SESSION:.0f} MB per session. "
          "A Streamlit process runs its scripts on one core (one Python interpreter lock), so on a "
          "2-core server the 2-core target is judged on the two-process runs; the one-process runs "
          "show what a single process does.", ""]
    for r in (x for x in loads if x.name.startswith("App")):
        p95 = pct(r.act, .95)
        two = "2 processes" in r.name
        L.append(f"- {r.name}: errors {len(r.errors)}: {ok(not r.errors)}; p95 {p95:.3f} s: "
                 + (ok(p95 < TARGET_LOAD_P95_S) if two else f"{'under' if p95 < TARGET_LOAD_P95_S else 'over'} 1 s on one core")
                 + f"; {r.mb_per_session:.2f} MB per session: {ok(r.mb_per_session < TARGET_MB_PER_SESSION)}.")
        if r.errors:
            L.append(f"  First error: `{r.errors[0]}`")
    L.append("")

    L += ["### 3. Browser: click to updated screen on Compare", ""]
    if browser:
        L += ["Playwright drives /usr/bin/chromium (tests/e2e/conftest.CHROMIUM_ARGS, 1280x900); the time is "
              "taken in the page from the click to the DOM change that shows the new text (MutationObserver).", "",
              "| click | n | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
        labels = {"show_all": 'Toggle "Show all options equally"', "picture": 'Switch "Which picture" (chart + table)'}
        for k, xs in browser.items():
            L.append(f"| {labels[k]} | {len(xs)} | {pct(xs, .5):.0f} | {pct(xs, .95):.0f} | {max(xs):.0f} |")
        worst = max(pct(xs, .95) for xs in browser.values())
        L += ["", f"Target: p95 under {TARGET_BROWSER_P95_MS:.0f} ms — worst {worst:.0f} ms: "
              f"{ok(worst < TARGET_BROWSER_P95_MS)}.", ""]
    else:
        L += ["Not run (--no-browser).", ""]

    L += ["### 4. Cold start and PDF", "",
          "| server | runs | process start to health ok s | to first page finished s |", "|---|---|---|---|"]
    for name, xs in cold.items():
        L.append(f"| {name} | {len(xs)} | {' / '.join(f'{h:.2f}' for h, _ in xs)} | "
                 f"{' / '.join(f'{f:.2f}' for _, f in xs)} |")
    times, size = pdf
    L += ["", f"PDF (decision_aid.export.build_summary_pdf, every question answered, values, leaning, SURE, "
          f"expectations, knowledge check and notes; {len(times)} builds after one warm-up, {size / 1024:.0f} KB): "
          f"p50 {pct(times, .5):.0f} ms, p95 {pct(times, .95):.0f} ms, max {max(times):.0f} ms.", ""]
    return "\n".join(L)


def write_doc(text: str) -> None:
    doc = PERF_DOC.read_text(encoding="utf-8") if PERF_DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in doc or END not in doc:
        doc += f"\n{BEGIN}\n{END}\n"
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    PERF_DOC.write_text(f"{head}{BEGIN}\n## Latest run\n\n{text}\n{END}{tail}", encoding="utf-8")


async def ws_part(a: argparse.Namespace):
    app, bare = Server("app.py").start(), Server("bench/bare_app.py").start()
    try:
        inter = await app_interactions(app, a.reps)
        bare_s = await bare_interactions(bare, a.reps)
        page = await page_loads(app, a.reps, LOAD_PAGES)
        page_bare = (await page_loads(bare, a.reps, [("", "Bare page: first load")]))[""]
    finally:
        app.stop()
        bare.stop()
    loads = []
    bursts = ((("app.py", app_open_burst), ("bench/bare_app.py", bare_open_burst)) if a.loads_only else
              (("app.py", app_burst), ("app.py", exam_burst), ("bench/bare_app.py", bare_burst),
               ("app.py", app_open_burst), ("bench/bare_app.py", bare_open_burst)))
    for script, fn in bursts:
        srv = Server(script).start()       # a fresh process: RSS per session is not blurred by earlier runs
        try:
            loads.append(await fn(srv, a.sessions, ", 1 process"))
        finally:
            srv.stop()
    # The same bursts on two processes behind nginx (bench/proxy.py, deploy/nginx.conf.template):
    # one process per core, the setup docs/deploy.md describes for a 2-core server.
    if a.loads_only:
        return inter, bare_s, (page, page_bare), loads, {}
    if nginx_available():
        for script, fn in (("app.py", app_burst), ("app.py", exam_burst), ("bench/bare_app.py", bare_burst)):
            cl = await asyncio.to_thread(Cluster(n=2, script=script).start)
            try:
                loads.append(await fn(cl, a.sessions, ", 2 processes behind nginx"))
            finally:
                await asyncio.to_thread(cl.stop)
    else:
        print("nginx not found: the two-process runs are left out (apt-get install nginx)", file=sys.stderr)
    cold = {"App (default page, Start)": [], "Bare page": []}
    for _ in range(a.cold):
        cold["App (default page, Start)"].append(await cold_start("app.py", ""))
        cold["Bare page"].append(await cold_start("bench/bare_app.py", ""))
    return inter, bare_s, (page, page_bare), loads, cold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=40, help="interactions per kind (default 40)")
    ap.add_argument("--sessions", type=int, default=None, help="sessions per burst (default 200; 40 with --quick)")
    ap.add_argument("--clicks", type=int, default=30, help="browser clicks per kind")
    ap.add_argument("--cold", type=int, default=3, help="cold starts per server")
    ap.add_argument("--pdfs", type=int, default=20)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--loads-only", action="store_true",
                    help="sections 1 and 1b and the one-process page-open bursts only (while iterating)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    a = ap.parse_args()
    if a.quick:
        a.reps, a.clicks, a.cold, a.pdfs = 10, 6, 1, 5
    a.sessions = a.sessions or (40 if a.quick else 200)
    inter, bare, page, loads, cold = asyncio.run(ws_part(a))
    browser = None
    if not a.no_browser and not a.loads_only:
        srv = Server("app.py").start()
        try:
            browser = browser_latency(srv, a.clicks)
        finally:
            srv.stop()
    pdf = pdf_times(a.pdfs if not a.loads_only else 2)
    text = report(a, inter, bare, page, loads, browser, cold, pdf)
    print(text)
    if not a.no_write:
        write_doc(text)
        print(f"\nwritten to {PERF_DOC.relative_to(ROOT)}")
    return 1 if any(r.errors for r in loads) else 0


if __name__ == "__main__":
    sys.exit(main())
