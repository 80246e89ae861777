"""Privacy in a real browser and on the live server.

* The browser asks nothing of any host but the app's own over a full journey.
* The server opens no outbound connection while it serves that journey, checked two ways:
  (1) a Python audit hook in the server process (tests/e2e/netaudit.py) writes down every
  connect, send and host lookup, however short: each must be loopback or a local name;
  (2) its own sockets (through /proc/<pid>/fd) are sampled every 50 ms in
  /proc/net/{tcp,tcp6,udp,udp6}; every remote address must be loopback or unset (listening).
* User text is never rendered as HTML (Summary notes), and the PDF shows it as text.
* XSRF protection on, upload size limited, error details hidden: read from Streamlit's own config
  loader in the repo root, and XSRF checked against the live server.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .helpers import (
    ALL_FIT,
    REPO_ROOT,
    answer,
    click_button,
    console_errors,
    external_requests,
    flat,
    new_context,
    open_app,
    pdf_text,
    show_all_questions,
    wait_for_run,
)

XSS = "<img src=x onerror=alert(1)>"


# --------------------------------------------------------------------------- server sockets

def _socket_inodes(pid: int) -> set[str]:
    out = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def _addr(hex_addr: str) -> ipaddress._BaseAddress:
    ip_hex, port_hex = hex_addr.split(":")
    raw = bytes.fromhex(ip_hex)
    if len(raw) == 4:
        return ipaddress.IPv4Address(raw[::-1]), int(port_hex, 16)
    # IPv6 in /proc: four 32-bit little-endian words
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return ipaddress.IPv6Address(words), int(port_hex, 16)


def server_remote_addresses(pid: int) -> set[tuple[str, int]]:
    """Remote (address, port) of every TCP/UDP socket the process holds right now."""
    inodes = _socket_inodes(pid)
    found = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[9] in inodes:
                ip, port = _addr(parts[2])
                found.add((str(ip), port))
    return found


LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "::", "", None}


def _local_event(e: dict) -> bool:
    """An audited network call that stays on this machine: a loopback address or name, or a Unix
    socket path (a str address)."""
    args = e["args"]
    if e["event"] in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        addr = args[-1] if args else None
        if isinstance(addr, str):        # AF_UNIX path
            return True
        if isinstance(addr, list) and addr:
            return _is_local(str(addr[0])) or addr[0] in LOCAL_NAMES
        return addr is None
    if e["event"].startswith("socket.get"):   # getaddrinfo(host, ...), gethostbyname(host), ...
        host = args[0] if args else None
        if isinstance(host, list):               # getnameinfo((host, port), flags)
            host = host[0] if host else None
        return host in LOCAL_NAMES or _is_local(str(host))
    return False                                   # http.client.connect, urllib.Request, ...: never


def _is_local(ip: str) -> bool:
    try:
        a = ipaddress.ip_address(ip)
    except ValueError:   # a host name: not an address on this machine
        return False
    if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped:
        a = a.ipv4_mapped
    return a.is_loopback or a.is_unspecified


class SocketSampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.seen: set[tuple[str, int]] = set()
        self.samples = 0
        self._stop_evt = threading.Event()

    def run(self) -> None:
        while not self._stop_evt.is_set():
            self.seen |= server_remote_addresses(self.pid)
            self.samples += 1
            self._stop_evt.wait(self.every)

    def stop(self) -> None:
        self._stop_evt.set()
        self.join(timeout=5)


@pytest.fixture
def page(desktop_page: Page) -> Page:
    """These tests' page: a desktop-size tab of its own (conftest.py's desktop_page)."""
    return desktop_page


def test_full_journey_stays_on_the_apps_origin_and_the_server_never_calls_out(page: Page, app_server,
                                                                               base_url: str) -> None:
    events_before = len([e for e in app_server.net_events() if e["event"] != "netaudit.installed"])
    sampler = SocketSampler(app_server.pid)
    sampler.start()
    outside = external_requests(page, base_url)
    errors = console_errors(page)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        open_app(page, "/")
        click_button(page, "Use it at home, step by step")
        page.get_by_role("link", name="Your situation").click()
        wait_for_run(page)
        show_all_questions(page)
        for q, v in ALL_FIT.items():
            answer(page, q, v)
        for link in ("Compare the options", "What matters to you", "Check and lean", "Evidence and about",
                     "Decision-aid standards", "Exam room (one screen)", "Your summary"):
            page.get_by_role("link", name=link).click()
            wait_for_run(page)
        expect(page.locator("figure.pic, [data-option]").first).to_be_attached()
        btn = page.get_by_role("button", name="Download the summary (PDF)")
        btn.scroll_into_view_if_needed()
        with page.expect_download() as dl:
            btn.click()
        assert Path(dl.value.path()).read_bytes()[:5] == b"%PDF-"
    finally:
        sampler.stop()
    assert list(outside) == [], outside
    assert len(requests) > 20           # the journey really made requests, all on the app's origin
    assert sampler.samples > 20, sampler.samples
    remote = {(ip, port) for ip, port in sampler.seen}
    assert remote, "no server sockets seen (the sampler is broken)"
    assert [r for r in remote if not _is_local(r[0])] == []
    assert list(errors) == []
    # every network call the server made, from its audit hook (the whole run, not only this test)
    events = app_server.net_events()
    assert {"event": "netaudit.installed", "args": [app_server.pid]} in events, "the audit hook is not running"
    events = [e for e in events if e["event"] != "netaudit.installed"]
    outward = [e for e in events if not _local_event(e)]
    assert outward == [], outward[:5]
    print(f"privacy: audit hook saw {len(events)} network calls by the server ({len(events) - events_before} "
          f"during this journey), none outward; "
          f"{len(requests)} browser requests, {sampler.samples} socket samples, "
          f"server remote addresses: {sorted({ip for ip, _ in remote})}")


def test_network_audit_hook_sees_short_connections_sends_and_lookups(tmp_path) -> None:
    """The positive control for the check above: the same hook, around a probe that makes a 1 ms
    loopback connection, sends one datagram and looks up an outside name, writes all three down,
    and the privacy rule flags the outside lookup."""
    log = tmp_path / "net.jsonl"
    subprocess.run([sys.executable, "-m", "tests.e2e.netaudit", str(log), "-m", "tests.e2e.netaudit_probe"],
                   cwd=REPO_ROOT, check=True, timeout=60)
    events = [json.loads(x) for x in log.read_text().splitlines()]
    assert events[0]["event"] == "netaudit.installed"
    connects = [e for e in events if e["event"] == "socket.connect"]
    assert connects and connects[0]["args"][0][0] == "127.0.0.1"
    assert any(e["event"] == "socket.sendto" and e["args"][-1][0] == "127.0.0.1" for e in events)
    lookups = [e for e in events if e["event"] == "socket.getaddrinfo" and e["args"][0] == "outside.invalid"]
    assert lookups
    assert [e for e in events[1:] if not _local_event(e)] == lookups   # only the outside lookup is flagged


# --------------------------------------------------------------------------- user text as text

def test_notes_are_text_not_html_on_screen_and_in_the_pdf(page: Page) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, "/summary")
    notes = page.get_by_role("textbox", name="Your own notes or questions", exact=False)
    notes.fill(XSS + " and <b>bold</b>")
    notes.press("Control+Enter")
    wait_for_run(page)
    expect(notes).to_have_value(XSS + " and <b>bold</b>")
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[data-testid='stMain'] b", has_text="bold").count() == 0
    btn = page.get_by_role("button", name="Download the summary (PDF)")
    btn.scroll_into_view_if_needed()
    with page.expect_download() as dl:
        btn.click()
    text = flat(pdf_text(Path(dl.value.path()).read_bytes()))
    assert XSS in text
    assert dialogs == []
    # and the notes never reach the link or the answers file
    link = page.locator("[data-testid='stCode']").first.inner_text()
    assert "img" not in link and "onerror" not in link


# --------------------------------------------------------------------------- configuration

CONFIG_PROBE = """
import json
from streamlit import config
config.get_config_options(force_reparse=True)
keys = ["server.enableXsrfProtection", "server.enableCORS", "server.maxUploadSize", "server.address",
        "client.showErrorDetails", "browser.gatherUsageStats", "server.enableStaticServing",
        "client.toolbarMode"]
print(json.dumps({k: config.get_option(k) for k in keys}
                 | {"where": {k: config.get_where_defined(k) for k in keys}}))
"""


def test_security_options_come_from_config_toml() -> None:
    out = subprocess.run([sys.executable, "-c", CONFIG_PROBE], cwd=REPO_ROOT, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    cfg = json.loads(out.strip().splitlines()[-1])
    assert cfg["server.enableXsrfProtection"] is True
    assert cfg["server.enableCORS"] is True
    assert cfg["server.maxUploadSize"] == 1
    assert cfg["client.showErrorDetails"] == "none"
    assert cfg["browser.gatherUsageStats"] is False
    assert cfg["server.enableStaticServing"] is False
    assert cfg["server.address"] == "127.0.0.1"
    for k in ("server.enableXsrfProtection", "server.maxUploadSize", "client.showErrorDetails"):
        assert cfg["where"][k].endswith(".streamlit/config.toml"), (k, cfg["where"][k])


def test_upload_without_xsrf_token_is_refused_by_the_live_server(app_server) -> None:
    req = urllib.request.Request(f"{app_server.url}/_stcore/upload_file/some-session/some-file",
                                 data=b"--x\r\n", method="PUT",
                                 headers={"Content-Type": "multipart/form-data; boundary=x"})
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=5)
    assert exc.value.code == 403


# --------------------------------------------------------------------------- session isolation

def test_browser_sessions_with_different_links_see_only_their_own(browser: Browser, base_url: str) -> None:
    """6 browser contexts, each opened from its own link (loaded one after another: 2 cores), all
    live at once; each shows its own statuses, and one changing an answer changes no other."""
    from decision_aid.answers import Saved, encode_link
    from decision_aid.assess import assess
    from decision_aid.content.loader import load_content

    c = load_content()
    extras = [{}, {"can_lie_face_down_1h": "no"}, {"smoker": "yes"}, {"blood_thinner": "cannot_pause"},
              {"osteoporosis": "yes"}, {"vascular_warning_signs": "yes"}]
    sessions = []
    try:
        for extra in extras:
            answers = {**ALL_FIT, **extra}
            code = encode_link(Saved(answers=answers, values={}, leaning=None, decision_role=None, sure={}))
            ctx = new_context(browser, base_url, "desktop")
            p = ctx.new_page()
            p.set_default_timeout(20_000)
            open_app(p, f"/compare?r={code}")
            sessions.append((ctx, p, answers))
        for _ctx, p, answers in sessions:
            a = assess(answers, c)
            expect(p.locator(".fit-line")).to_contain_text(f"{len(a.fitting())} of 5 option", timeout=20_000)
            for oid in a.options:
                expect(p.locator(f"th.opt[data-option='{oid}']")).to_have_class(
                    re.compile(rf"\bcol-{a.status(oid)}\b"), timeout=20_000)
        # one session changes its mind; the others stay as they were
        _ctx, p0, _ = sessions[0]
        p0.get_by_role("link", name="Your situation").click()
        wait_for_run(p0)
        show_all_questions(p0)
        answer(p0, "can_lie_face_down_1h", "no")
        expect(p0.get_by_text("2 of 5 options fit").first).to_be_attached()
        # another live session reruns after that change and still sees only its own answers
        _ctx, p2, answers2 = sessions[2]   # the smoker
        p2.get_by_role("link", name="Your situation").click()
        wait_for_run(p2)
        expect(p2.get_by_text(f"You have answered {len(answers2)} of")).to_be_attached(timeout=20_000)
        n2 = len(assess(answers2, c).fitting())
        expect(p2.get_by_text(f"{n2} of 5 options fit").first).to_be_attached(timeout=20_000)
    finally:
        for ctx, *_ in sessions:
            ctx.close()
