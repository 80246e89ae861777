"""Page loads of two trees of the app, interleaved load by load with the bare page, so that both
see the same machine load (the machine is shared: separate runs differ by 2-4x).

    git archive BASE_COMMIT | tar -x -C /tmp/base && ln -s "$PWD/.venv" /tmp/base/.venv
    .venv/bin/python bench/ab_loads.py /tmp/base 30 2     # tree "before", loads per page, bursts

Prints script-thread CPU, whole-process CPU per load and round trip for each page of
run.LOAD_PAGES in "before" (the given tree) and "after" (this tree), then ``bursts`` rounds of
"200 new sessions open Compare at once" (before, bare, after).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import run as R  # noqa: E402
from proxy import free_port, launch, stop_process, wait_healthy  # noqa: E402
from wsclient import Session, cpu_s, pct  # noqa: E402


class Srv:
    """A server started through bench/serve.py from ``root`` (its own .streamlit/config.toml)."""

    def __init__(self, name: str, root: str | Path, script: str) -> None:
        self.name, self.root, self.script = name, Path(root), script

    def start(self) -> Srv:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        self.timings = Path(tempfile.mkstemp(prefix="bench-ab-")[1])
        self.proc = launch(self.port, self.log, str(self.timings), self.script,
                           command=[str(self.root / "bench" / "serve.py")], cwd=self.root)
        self.http = self.origin = f"http://127.0.0.1:{self.port}"
        wait_healthy(self.http, self.proc, self.log, self.script, timeout=90, poll=0.05)
        self.ws = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self.pids = [self.proc.pid]
        return self

    def stop(self) -> None:
        stop_process(self.proc)
        self.timings.unlink(missing_ok=True)

    def runs(self) -> list[tuple[float, float]]:
        return [(float(w), float(c)) for w, c, _ in (ln.split() for ln in self.timings.read_text().splitlines())]


async def load(s: Srv, page: str) -> tuple[float, float, float]:
    """One new session opens ``page``: (script CPU ms, process CPU ms, round trip ms)."""
    before, c0 = len(s.runs()), cpu_s(s.proc.pid)
    w = await Session.open(s.ws, page=page)
    runs: list[tuple[float, float]] = []
    for _ in range(400):
        runs = s.runs()[before:]
        if runs:
            break
        await asyncio.sleep(0.005)
    c1 = cpu_s(s.proc.pid)
    await w.close()
    return sum(c for _, c in runs), (c1 - c0) * 1000, w.last.seconds * 1000


def _row(xs: list[tuple[float, float, float]]) -> str:
    cpu, rtt = [x[0] for x in xs], [x[2] for x in xs]
    proc = sum(x[1] for x in xs) / len(xs)
    return (f"script CPU p50 {pct(cpu, .5):5.1f} p95 {pct(cpu, .95):5.1f} | process CPU/load {proc:5.1f} | "
            f"round trip p50 {pct(rtt, .5):5.1f} p95 {pct(rtt, .95):5.1f}")


async def main(before_root: str, n: int, bursts: int) -> None:
    base = Srv("before", before_root, "app.py").start()
    new = Srv("after", HERE.parent, "app.py").start()
    bare = Srv("bare", HERE.parent, "bench/bare_app.py").start()
    try:
        pages = [p for p, _ in R.LOAD_PAGES]
        keep = []   # one idle tab each: see run.page_loads
        for s in (base, new):
            for p in pages:
                w = await Session.open(s.ws, page=p)
                await w.close()
            keep.append(await Session.open(s.ws, page="start"))
        keep.append(await Session.open(bare.ws))
        res: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
        for _ in range(n):
            for p in pages:
                for s in (base, new):
                    res.setdefault((s.name, p), []).append(await load(s, p))
                if p == pages[0]:
                    res.setdefault(("bare", ""), []).append(await load(bare, ""))
        print(f"n={n} loads each, interleaved")
        print(f"{'bare':8s} {'':10s} {_row(res['bare', ''])}")
        for p in pages:
            for name in ("before", "after"):
                print(f"{name:8s} {p or 'start':10s} {_row(res[name, p])}")
        for k in keep:
            await k.close()
        for _ in range(bursts):
            for s, fn in ((base, R.app_open_burst), (bare, R.bare_open_burst), (new, R.app_open_burst)):
                r = await fn(s, 200, f" ({s.name})")
                print(f"burst {s.name:6s}: 200 open at once: p50 {pct(r.act, .5):.2f} p95 {pct(r.act, .95):.2f} s, "
                      f"errors {len(r.errors)}, server CPU {r.cpu:.2f} s")
    finally:
        for s in (base, new, bare):
            s.stop()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
