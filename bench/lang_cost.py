"""What the second language costs (issue 14 section 3), measured on a real server.

    .venv/bin/python bench/lang_cost.py [--rounds 40] [--write]

1. Loaded once per process: in a fresh Python process, load_content("en") and load_content("es")
   many times; the loader's cache must show one load per language (the cache is keyed by the
   checked language), and the times of the first and a later call are printed.
2. Memory: RSS of a fresh process after the English content only, then after both languages
   (the app's whole package imported first, so only the content's own cost is compared). Target:
   under 20 MB more.
3. Server time per run, interleaved so the machine's load hits all three alike: in each round one
   rerun of Compare in an English session, one in a Spanish session (?lang=es), and one press of
   the language switch in a third session (which alternates English and Spanish). Server-side wall
   and CPU time of each script run come from bench/serve.py's timer (bench/run.py's Server). The
   first Spanish run of the process (the Spanish content's load and check) is reported apart.

--write appends the figures as the "Language" section at the end of docs/performance.md (or
replaces that section when it is already the last one): other parts of that file are written by
bench/run.py and by hand, and are left alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import Series, Server, measure  # noqa: E402
from wsclient import Session, pct  # noqa: E402

from decision_aid.content.loader import load_content  # noqa: E402

PERF_DOC = ROOT / "docs" / "performance.md"
SECTION = "## Language"

MEMORY_PROBE = r"""
import json, time, gc
def rss():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS'):
                return int(line.split()[1]) / 1024
import decision_aid.views, decision_aid.export, decision_aid.charts, decision_aid.readability  # the package, imported
from decision_aid.content import loader
gc.collect(); base = rss()
t = time.perf_counter(); en = loader.load_content('en'); t_en = time.perf_counter() - t
gc.collect(); after_en = rss()
t = time.perf_counter(); es = loader.load_content('es'); t_es = time.perf_counter() - t
gc.collect(); after_es = rss()
t = time.perf_counter()
for _ in range(1000):
    assert loader.load_content('es') is es and loader.load_content('en') is en and loader.load_content() is en
t_again = (time.perf_counter() - t) / 3000
info = loader._load_content.cache_info()
print(json.dumps({"base_mb": base, "en_mb": after_en, "both_mb": after_es, "load_en_s": t_en,
                  "load_es_s": t_es, "again_us": t_again * 1e6, "loads": info.misses, "hits": info.hits}))
"""


def memory_and_loads() -> dict:
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


async def server_runs(server: Server, rounds: int) -> tuple[dict[str, Series], float]:
    en_c, es_c = load_content("en"), load_content("es")
    en = await Session.open(server.ws, page="compare")
    first_es = len(server.runs())
    es = await Session.open(server.ws, page="compare", query="lang=es")
    for _ in range(400):   # the timer line is written just after the run's last message: wait for it
        if server.runs()[first_es:]:
            break
        await asyncio.sleep(0.005)
    first_es_ms = sum(w for w, _ in server.runs()[first_es:])     # includes the Spanish content's load
    sw = await Session.open(server.ws, page="compare")
    series = {k: Series(k) for k in ("English", "Spanish", "after a switch")}
    for _ in range(3):   # warm-up, not counted
        await en.rerun()
        await es.rerun()
    labels = {"en": en_c.text("ui_lang_switch"), "es": es_c.text("ui_lang_switch")}
    state = {"lang": "en"}

    async def press(_i: int):
        run = await sw.click(labels[state["lang"]])
        state["lang"] = "es" if state["lang"] == "en" else "en"
        return run

    for _ in range(rounds):   # interleaved: one of each per round
        await measure(server, series["English"], 1, lambda _i: en.rerun())
        await measure(server, series["Spanish"], 1, lambda _i: es.rerun())
        await measure(server, series["after a switch"], 1, press)
    for s in (en, es, sw):
        await s.close()
    return series, first_es_ms


def section(mem: dict, series: dict[str, Series], first_es_ms: float, rounds: int) -> str:
    extra = mem["both_mb"] - mem["en_mb"]
    rows = "\n".join(
        f"| {s.name} | {len(s.wall)} | {pct(s.wall, .5):.1f} | {pct(s.wall, .95):.1f} | "
        f"{pct(s.cpu, .5):.1f} | {pct(s.cpu, .95):.1f} |" for s in series.values())
    en50, es50 = pct(series["English"].wall, .5), pct(series["Spanish"].wall, .5)
    sw50 = pct(series["after a switch"].wall, .5)
    return f"""{SECTION}

Issue 14 section 3, measured by `bench/lang_cost.py --write` (it rewrites this section only; it is
the last one of the file).

- **Loaded and checked once per process and language**: in a fresh process, 3000 calls of
  `load_content` in both languages made {mem['loads']} loads (the cache is keyed by the checked
  language: `load_content()` and `load_content("en")` are one object). English loads in
  {mem['load_en_s'] * 1000:.0f} ms, Spanish (read, mirror-checked against the English, validated) in
  {mem['load_es_s'] * 1000:.0f} ms; later calls take {mem['again_us']:.2f} µs. Spanish is loaded by
  the first Spanish run of a process: that run took {first_es_ms:.0f} ms of server time here,
  once per process.
- **Memory**: RSS with the package imported {mem['base_mb']:.1f} MB, with the English content
  {mem['en_mb']:.1f} MB, with both languages {mem['both_mb']:.1f} MB: **{extra:+.1f} MB** for Spanish
  (target: under 20 MB).
- **Server time per run** (Compare, the heaviest step page; server-side script run, ms; {rounds}
  rounds, interleaved: an English rerun, a Spanish rerun and a press of the switch in each round):

| session | runs | wall p50 | wall p95 | CPU p50 | CPU p95 |
|---|---|---|---|---|---|
{rows}

  Measured on a shared 2-core machine while other test runs were going (`nproc`: {os.cpu_count()}):
  read the differences between the rows, not the absolute times.
  Median Spanish minus English: {es50 - en50:+.1f} ms; a run after a switch minus English:
  {sw50 - en50:+.1f} ms (same-machine noise between rounds is of the same size: the run after a
  switch draws the page in the other language, nothing is loaded or built again).
"""


def write(text: str) -> None:
    doc = PERF_DOC.read_text(encoding="utf-8")
    at = doc.find("\n" + SECTION + "\n")
    if at >= 0:
        if "\n## " in doc[at + len(SECTION) + 2:]:
            raise SystemExit(f"{SECTION} is not the last section of {PERF_DOC}: not rewritten")
        doc = doc[:at + 1]
    else:
        doc = doc.rstrip("\n") + "\n\n"
    PERF_DOC.write_text(doc + text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--write", action="store_true", help="append/replace the Language section of docs/performance.md")
    a = ap.parse_args()
    mem = memory_and_loads()
    server = Server("app.py").start()
    try:
        series, first_es_ms = asyncio.run(server_runs(server, a.rounds))
    finally:
        server.stop()
    text = section(mem, series, first_es_ms, a.rounds)
    print(text)
    ok = mem["loads"] == 2 and mem["both_mb"] - mem["en_mb"] < 20
    if a.write:
        write(text)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
