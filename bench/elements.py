"""What a new session's first load of each page sends: ForwardMsgs, delta elements by kind, bytes
(the lever for page-load cost: Streamlit pays a protobuf, a queue entry and a frame per element).

    .venv/bin/python bench/elements.py [ROOT]          # ROOT: a tree of the app (default: this one)
    .venv/bin/python bench/elements.py --mode clinic   # the same pages in exam-room mode

Starts one server from ROOT (bench/serve.py), opens each page of run.LOAD_PAGES plus the other
pages once as a new session and prints one line per page. Nothing else is recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import websockets  # noqa: E402
from proxy import free_port, launch, stop_process, wait_healthy  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

PAGES = ["start", "learn", "situation", "compare", "values", "check", "summary", "exam", "evidence", "standards"]


async def first_load(url: str, page: str, query: str) -> tuple[int, int, collections.Counter[str]]:
    """(messages, bytes, element kinds) of a new session's first run of ``page``."""
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        bm = BackMsg()
        bm.rerun_script.page_name = page
        bm.rerun_script.query_string = query
        bm.rerun_script.context_info.timezone = "UTC"
        await ws.send(bm.SerializeToString())
        n = size = 0
        kinds: collections.Counter[str] = collections.Counter()
        while True:
            raw = await ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            n += 1
            size += len(raw)
            t = fm.WhichOneof("type")
            if t == "delta":
                d = fm.delta.WhichOneof("type")
                kinds[fm.delta.new_element.WhichOneof("type") if d == "new_element" else d] += 1
            if t == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return n, size, kinds


async def main(root: Path, query: str) -> None:
    port = free_port()
    log = tempfile.TemporaryFile()
    timings = tempfile.NamedTemporaryFile(prefix="bench-el-", delete=False).name
    proc = launch(port, log, timings, "app.py", command=[str(root / "bench" / "serve.py")], cwd=root)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, log, "app.py", timeout=90, poll=0.05)
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        for p in PAGES:   # warm: imports, content, per-process caches
            await first_load(url, p, query)
        for p in PAGES:
            n, size, kinds = await first_load(url, p, query)
            print(f"{p:10s} msgs {n:3d}  bytes {size / 1024:6.1f} KB  elements {sum(kinds.values()):3d}  "
                  + " ".join(f"{k}={v}" for k, v in kinds.most_common()))
    finally:
        stop_process(proc)
        Path(timings).unlink(missing_ok=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default=str(HERE.parent))
    ap.add_argument("--mode", choices=("home", "clinic"), default="home")
    a = ap.parse_args()
    asyncio.run(main(Path(a.root), "mode=clinic" if a.mode == "clinic" else ""))
