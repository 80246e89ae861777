"""Start `streamlit run` with a timer around each script run (benchmarks only).

    python bench/serve.py TIMINGS_FILE app.py --server.port 8600 ...

Everything after TIMINGS_FILE is passed to `streamlit run` unchanged, so the server reads the same
.streamlit/config.toml as `make run` (start it from the repo root). For each script run (one user
interaction, including reruns it triggers such as st.switch_page) one line is appended to
TIMINGS_FILE: "<wall ms> <cpu ms of the script thread> <page script hash>". Nothing else is
recorded: no widget values, no query strings, no answers.

With BENCH_PROFILE=FILE set, every script run also runs under cProfile and the accumulated stats
are written to FILE after each run (read them with `python -m pstats FILE`); BENCH_PROFILE_SKIP=N
leaves the first N script runs out (warm-up: imports, content load); BENCH_PROFILE_TIMER=cpu
counts the script thread's CPU time instead of wall time. BENCH_PROFILE_LOOP=FILE
does the same for the main thread (the event loop that serialises and sends messages).
"""

from __future__ import annotations

import sys
import time


def _patch(path: str) -> None:
    import os
    import threading

    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    prof_path = os.environ.get("BENCH_PROFILE")
    skip = [int(os.environ.get("BENCH_PROFILE_SKIP", "0"))]
    lock = threading.Lock()
    stats = []

    def timed(self, rerun_data):  # type: ignore[no-untyped-def]
        t0, c0 = time.perf_counter(), time.thread_time()
        prof = None
        with lock:
            skip[0] -= 1
            profile = prof_path and skip[0] < 0
        if profile:
            import cProfile

            cpu_timer = os.environ.get("BENCH_PROFILE_TIMER") == "cpu"
            prof = cProfile.Profile(time.thread_time) if cpu_timer else cProfile.Profile()
            prof.enable()
        try:
            return original(self, rerun_data)
        finally:
            if prof is not None:
                import pstats

                prof.disable()
                with lock:
                    if stats:
                        stats[0].add(prof)
                    else:
                        stats.append(pstats.Stats(prof))
                    stats[0].dump_stats(prof_path)
            wall, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
            with open(path, "a", encoding="ascii") as fh:
                fh.write(f"{wall:.3f} {cpu:.3f} {rerun_data.page_script_hash or '-'}\n")

    script_runner.ScriptRunner._run_script = timed


def _profile_loop(path: str) -> None:
    """BENCH_PROFILE_LOOP=FILE: profile the main thread (the server's event loop, which serialises and
    sends every message) and write the stats to FILE every 2 s."""
    import cProfile
    import os
    import pstats
    import threading

    # BENCH_PROFILE_TIMER=cpu: this thread's CPU time (its wall time is mostly waiting for the
    # interpreter lock while a script runs)
    prof = cProfile.Profile(time.thread_time) if os.environ.get("BENCH_PROFILE_TIMER") == "cpu" else cProfile.Profile()
    prof.enable()  # this thread only: the event loop runs here

    def dump() -> None:
        while True:
            time.sleep(2)
            try:
                pstats.Stats(prof).dump_stats(path)
            except Exception:  # noqa: BLE001  (stats being written while the loop runs)
                pass

    threading.Thread(target=dump, daemon=True).start()


def main() -> None:
    import os
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from decision_aid.serve import enable_tcp_nodelay

    path, args = sys.argv[1], sys.argv[2:]
    enable_tcp_nodelay()  # as `make run` (decision_aid/serve.py), for the app and the bare page alike
    _patch(path)
    if os.environ.get("BENCH_PROFILE_LOOP"):
        _profile_loop(os.environ["BENCH_PROFILE_LOOP"])
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *args]
    cli.main()


if __name__ == "__main__":
    main()
