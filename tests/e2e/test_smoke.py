"""Browser smoke test (Foundation section 4): the app starts exactly as `make run` starts it (only
.streamlit/config.toml, no command-line overrides except a free port), Compare draws its charts with
the same numbers as a table beside them, and the browser logs no errors."""

from __future__ import annotations

import os
import tempfile
import time

import pytest
from playwright.sync_api import Browser, expect

from bench.proxy import ClusterError, free_port, launch, stop_process, wait_healthy

from .helpers import console_errors, external_requests, screenshot, wait_for_run


@pytest.fixture(scope="module")
def make_run_server():
    """`python -m decision_aid.serve` from the repo root, as the Makefile's run target does."""
    port = free_port()
    log = tempfile.TemporaryFile()
    t0 = time.monotonic()
    proc = launch(port, log)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, proc, log, "streamlit", timeout=30, poll=0.2)
        except ClusterError as e:
            pytest.fail(str(e), pytrace=False)
        startup = time.monotonic() - t0
        yield url, proc, log, startup
    finally:
        stop_process(proc)
        log.close()


def _log(log) -> str:
    return os.pread(log.fileno(), os.fstat(log.fileno()).st_size, 0).decode("utf-8", "replace")


def test_server_uses_config_toml(make_run_server) -> None:
    url, proc, log, startup = make_run_server
    text = _log(log)
    # address = 127.0.0.1 and headless = true come from config.toml: loopback URL only, no browser
    assert f"URL: {url}" in text, text
    assert "Network URL" not in text and "External URL" not in text, text
    assert startup < 30
    print(f"make-run server healthy after {startup:.1f} s")


def test_compare_renders_charts_with_table_and_no_console_errors(browser: Browser, make_run_server) -> None:
    url, *_ = make_run_server
    ctx = browser.new_context(base_url=url, viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    errors = console_errors(page)
    outside = external_requests(page, url)
    try:
        t0 = time.monotonic()
        page.goto("/compare")
        wait_for_run(page)
        # home mode: the grid is part 1 of 2, the pictures part 2
        for oid in ("mild", "physical_therapy", "epidural_steroid_injection", "open_surgery", "no_new_treatment"):
            expect(page.locator(f"th.opt[data-option='{oid}']")).to_be_visible(timeout=20_000)
        page.get_by_role("button", name="Next: The numbers as pictures →").click()
        wait_for_run(page)
        chart = page.locator("figure.pic").first
        expect(chart).to_be_visible(timeout=20_000)
        first_paint = time.monotonic() - t0
        table = page.locator("table.data-table").filter(has_text="The same numbers as a table").first
        expect(table).to_be_visible()
        expect(table).to_contain_text("Open surgery")
        # beside the chart on a desktop screen: the table starts to the right of the chart
        cb, tb = chart.bounding_box(), table.bounding_box()
        assert tb["x"] >= cb["x"] + cb["width"] - 1, (cb, tb)
        # every chart picture renders
        for label in ("How many needed more treatment", "Rare and serious risks", "Recovery timeline"):
            page.get_by_role("button", name=label).or_(page.get_by_text(label, exact=True)).first.click()
            wait_for_run(page)
            expect(page.locator("figure.pic").first).to_be_visible()
        screenshot(page, "smoke_compare_desktop")
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        assert list(errors) == []
        assert list(outside) == []
        print(f"compare first chart visible after {first_paint:.1f} s")
    finally:
        ctx.close()
