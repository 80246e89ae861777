"""Starting and stopping app servers, for the tests and the bench alike, and several app processes
behind nginx on the loopback interface (deploy/nginx.conf.template).

``free_port``, ``launch``, ``wait_healthy`` and ``stop_process`` are the one copy of each: the
browser tests' server (tests/e2e/conftest.py), the smoke and cold-start tests, the bench's servers
(bench/run.py) and ``Cluster`` below all use them. ``Cluster`` is used by the proxy test
(tests/deploy/test_proxy.py) and by `make bench` (the many-sessions run on
two processes, one per core). nginx runs as the current user (as `nobody` when that is root) with a
temporary prefix, no daemon, on a free non-privileged port. Nothing here stores answers.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
HOST = "127.0.0.1"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class ClusterError(RuntimeError):
    """A process did not become healthy; the message holds the end of its log."""


def nginx_available() -> bool:
    return os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def health(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.read().strip()
    except OSError:
        return None


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process we started; kill it if it has not exited after 10 s."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


APP_COMMAND = ("-m", "decision_aid.serve")  # the launcher `make run` uses


def launch(port: int, log: IO[bytes], *args: str, command: Sequence[str] = APP_COMMAND,
           cwd: Path = ROOT) -> subprocess.Popen:
    """Start ``python <command> <args> --server.port PORT`` from ``cwd`` (the repo root: its
    .streamlit/config.toml applies), output into ``log`` (a file, never a pipe that could fill up).
    Returns at once; ``wait_healthy`` waits for it."""
    return subprocess.Popen([sys.executable, *command, *args, "--server.port", str(port)],
                            cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _tail(log: Path | IO[bytes] | None) -> str:
    if log is None:
        return ""
    if isinstance(log, Path):
        return log.read_text(errors="replace")[-3000:]
    fd = log.fileno()  # pread leaves the file offset alone: the server keeps appending
    return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace")[-3000:]


def wait_healthy(url: str, proc: subprocess.Popen, log: Path | IO[bytes] | None, what: str,
                 timeout: float = 45, poll: float = 0.1) -> None:
    """Wait until ``url`` answers its health check. Raises ClusterError with the end of the log if
    the process exits first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while health(url) != b"ok":
        if proc.poll() is not None:
            raise ClusterError(f"{what} exited with code {proc.returncode} before it was healthy at "
                               f"{url}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise ClusterError(f"{what} not healthy at {url} after {timeout:.0f} s:\n{_tail(log)}")
        time.sleep(poll)


@dataclass
class Cluster:
    """``n`` app processes (``python -m decision_aid.serve``, as ``make run``, from the repo root, so the repo's
    .streamlit/config.toml) and nginx in front of them."""

    n: int = 2
    script: str = "app.py"
    prefix: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="da-nginx-")))
    url: str = ""
    app_ports: list[int] = field(default_factory=list)
    procs: list[subprocess.Popen] = field(default_factory=list)
    _logs: list = field(default_factory=list)

    @property
    def app_pids(self) -> list[int]:
        return [p.pid for p in self.procs[: self.n]]

    @property
    def pids(self) -> list[int]:  # the bench sums CPU and memory over these
        return self.app_pids

    @property
    def origin(self) -> str:  # a browser on the proxy's address sends this Origin
        return self.url

    @property
    def ws(self) -> str:
        return self.url.replace("http://", "ws://") + "/_stcore/stream"

    def start(self) -> Cluster:
        self.prefix.chmod(0o755)  # nginx workers run as nobody when started as root
        try:
            self.app_ports = [free_port() for _ in range(self.n)]
            for i, port in enumerate(self.app_ports):
                self._logs.append((self.prefix / f"app{i}.log").open("wb"))
                self.procs.append(launch(port, self._logs[-1], self.script))
            for i, port in enumerate(self.app_ports):
                wait_healthy(f"http://{HOST}:{port}", self.procs[i], self.prefix / f"app{i}.log",
                              f"app process {i}")
            proxy_port = free_port()
            conf = TEMPLATE.read_text()
            for name, value in {
                "USER_LINE": "user nobody nogroup;" if os.geteuid() == 0 else "",
                "PREFIX": str(self.prefix),
                "LISTEN": f"{HOST}:{proxy_port}",
                "UPSTREAMS": "\n        ".join(f"server {HOST}:{p};" for p in self.app_ports),
            }.items():
                conf = conf.replace(f"@{name}@", value)
            if re.search(r"@[A-Z_]+@", conf):
                raise ClusterError("unfilled field in nginx.conf.template:\n" + conf)
            (self.prefix / "nginx.conf").write_text(conf)
            args = ["-p", str(self.prefix), "-e", str(self.prefix / "error.log"), "-c",
                    str(self.prefix / "nginx.conf")]
            test = subprocess.run([NGINX, "-t", *args], capture_output=True, text=True)
            if test.returncode != 0:
                raise ClusterError("nginx -t failed:\n" + test.stderr)
            self._logs.append((self.prefix / "nginx.out").open("wb"))
            self.procs.append(subprocess.Popen([NGINX, *args, "-g", "daemon off;"], stdin=subprocess.DEVNULL,
                                               stdout=self._logs[-1], stderr=subprocess.STDOUT))
            self.url = f"http://{HOST}:{proxy_port}"
            wait_healthy(self.url, self.procs[-1], self.prefix / "error.log", "nginx")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for p in reversed(self.procs):
            stop_process(p)
        for f in self._logs:
            f.close()
        shutil.rmtree(self.prefix, ignore_errors=True)
