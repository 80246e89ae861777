"""Browser-test fixtures: a real `streamlit run` server and Debian's Chromium.

* `app_server` (session): starts `python -m decision_aid.serve` (= `streamlit run app.py` with
  TCP_NODELAY, as `make run`) from APP_ROOT on
  127.0.0.1 with a free port and yields an object with `.url`, `.pid` and `.log()`.
* `base_url` (session): overrides pytest-playwright's, so `page.goto("/compare")` works.
* `browser_type_launch_args` (session): overrides pytest-playwright's to launch
  /usr/bin/chromium (never `playwright install`) with no calls to outside services.
* Every test under tests/e2e gets the `e2e` marker (`-m "not e2e"` leaves them out).

Environment:
  APP_ROOT       directory holding app.py (default: the repo root)
  CHROMIUM_PATH  browser binary (default: `chromium` on PATH, else /usr/bin/chromium)
  CI             when set, a missing browser or axe-core fails instead of skipping
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Browser

from bench.proxy import APP_COMMAND, HOST, ClusterError, free_port, launch, wait_healthy

from .helpers import REPO_ROOT, new_context, skip_or_fail, stop_process

APP_ROOT = Path(os.environ.get("APP_ROOT") or REPO_ROOT).resolve()
E2E_DIR = Path(__file__).resolve().parent
STARTUP_TIMEOUT_S = 30.0

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Google endpoints pointed at a closed loopback port, so Chromium's own background
# traffic (sign-in, component updater, API keys) goes nowhere (engineering.md section 7).
_DEAD = "http://127.0.0.1:9"

# Chromium keeps only the LAST --disable-features switch, and Playwright appends ours
# after its own, so ours must repeat Playwright's list. Copied from playwright 1.65.2
# (driver/package/lib/coreBundle.js, `disabledFeatures`); re-check when upgrading.
_PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
]
_OUR_DISABLED_FEATURES = ["AutofillServerCommunication", "NetworkTimeServiceQuerying"]
DISABLED_FEATURES = list(dict.fromkeys(_PLAYWRIGHT_DISABLED_FEATURES + _OUR_DISABLED_FEATURES))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    f"--gaia-url={_DEAD}",
    f"--lso-url={_DEAD}",
    f"--google-apis-url={_DEAD}",
    f"--component-updater=url-source={_DEAD}",
]


# --------------------------------------------------------------------------- markers

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item of the session, not only tests/e2e.
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options plus Debian's chromium and quiet flags."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        skip_or_fail(f"chromium not found at {CHROMIUM}: apt-get install -y chromium "
                     "(or set CHROMIUM_PATH)")
    args = {**browser_type_launch_args, "executable_path": CHROMIUM}
    args.setdefault("headless", True)
    args["args"] = [*CHROMIUM_ARGS, *browser_type_launch_args.get("args", [])]
    return args


# --------------------------------------------------------------------------- server

@dataclass
class AppServer:
    url: str
    port: int
    proc: subprocess.Popen
    _log_file: IO[bytes] = field(repr=False)
    audit: Path | None = None

    def net_events(self) -> list[dict]:
        """Every network call the server process made so far (tests/e2e/netaudit.py)."""
        if self.audit is None or not self.audit.exists():
            return []
        return [json.loads(line) for line in self.audit.read_text(encoding="utf-8").splitlines() if line]

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log(self) -> str:
        """Everything the server has printed so far (stdout and stderr)."""
        fd = self._log_file.fileno()
        # pread leaves the shared file offset alone, so the server keeps appending.
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace")


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    """A real Streamlit server for the whole session, on a free loopback port."""
    if not (APP_ROOT / "app.py").is_file():
        pytest.fail(f"no app.py in {APP_ROOT} (APP_ROOT)", pytrace=False)
    port = free_port()
    audit = Path(tempfile.mkstemp(prefix="streamlit-e2e-net-", suffix=".jsonl")[1])
    log_file = tempfile.TemporaryFile(prefix="streamlit-e2e-")   # a file, never a pipe
    # the launcher `make run` uses, under a network audit hook (tests/e2e/netaudit.py): the
    # privacy test reads every connect/send/lookup the server made
    proc = launch(port, log_file,
                  "--server.address", HOST,
                  "--server.headless", "true",
                  "--server.fileWatcherType", "none",
                  "--browser.gatherUsageStats", "false",
                  command=["-m", "tests.e2e.netaudit", str(audit), *APP_COMMAND], cwd=APP_ROOT)
    server = AppServer(url=f"http://{HOST}:{port}", port=port, proc=proc, _log_file=log_file, audit=audit)
    try:
        try:
            wait_healthy(server.url, proc, log_file, "streamlit", timeout=STARTUP_TIMEOUT_S, poll=0.2)
        except ClusterError as e:
            pytest.fail(str(e), pytrace=False)
        yield server
    finally:
        stop_process(proc)
        log_file.close()
        audit.unlink(missing_ok=True)


@pytest.fixture
def desktop_page(browser: Browser, base_url: str):
    """A new desktop-size tab of its own (a new session) with a 20 s default timeout."""
    ctx = new_context(browser, base_url, "desktop")
    p = ctx.new_page()
    p.set_default_timeout(20_000)
    yield p
    ctx.close()


@pytest.fixture(scope="session")
def base_url(app_server: AppServer) -> str:
    """Overrides pytest-playwright's base_url: relative page.goto() hits our server."""
    return app_server.url
