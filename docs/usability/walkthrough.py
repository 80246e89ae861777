"""The persona walkthrough of docs/usability.md, repeatable: drives a running app in Debian's Chromium
at each persona's screen size and saves a screenshot of every screen they pass.

    .venv/bin/python -m decision_aid.serve --server.port 8501 &      # or make run
    .venv/bin/python docs/usability/walkthrough.py http://127.0.0.1:8501

Screenshots: test-artifacts/walkthrough/<persona>-<nn>-<what>.png (the first screen the person
sees after each press). It prints one line per screen: number, page heading, part heading, the
press that got there and how long the app took to settle. Not a test: it records, it does not judge.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.helpers import wait_for_run  # noqa: E402

OUT = ROOT / "test-artifacts" / "walkthrough"
MAIN = "[data-testid='stMain']"


class Walk:
    def __init__(self, page: Page, persona: str) -> None:
        self.page, self.persona, self.n = page, persona, 0

    def settle(self) -> float:
        t = time.monotonic()
        wait_for_run(self.page)
        self.page.locator(f"{MAIN} h1").first.wait_for(timeout=30_000)
        wait_for_run(self.page)
        return time.monotonic() - t

    def shot(self, what: str, took: float = 0.0, full: bool = False) -> None:
        self.n += 1
        h1 = self.page.locator(f"{MAIN} h1").first.inner_text().strip()
        part = self.page.locator("h2.part-title")
        part_text = part.first.inner_text().split("\n")[0].strip() if part.count() else ""
        name = f"{self.persona}-{self.n:02d}-{re.sub(r'[^a-z0-9]+', '-', what.lower()).strip('-')[:40]}"
        OUT.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
        print(f"{self.persona} {self.n:02d} | {h1} | {part_text} | {what} | {took:.1f}s")

    def press(self, name: str | re.Pattern[str], what: str | None = None) -> None:
        b = self.page.get_by_role("button", name=name).first
        b.scroll_into_view_if_needed()
        b.click()
        self.shot(what or (name if isinstance(name, str) else name.pattern), self.settle())

    def next(self) -> bool:
        b = self.page.get_by_role("button", name=re.compile(r"^Next")).first
        if not b.count():
            return False
        label = b.inner_text().strip()
        b.scroll_into_view_if_needed()
        b.click()
        self.shot(label, self.settle())
        return True

    def answer_visible(self, choice: str) -> None:
        """Tap ``choice`` in every question on this screen (a patient answering 'No' down the page)."""
        for group in self.page.locator(f"{MAIN} [data-testid='stRadio']").all():
            opt = group.get_by_text(choice, exact=True)
            if opt.count():
                opt.first.scroll_into_view_if_needed()
                opt.first.click()
                wait_for_run(self.page)


def patient_on_phone(browser) -> None:
    """Persona 1: 72, at home, phone (390 x 844), reading glasses; turns on Larger text."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True)
    page = ctx.new_page()
    w = Walk(page, "patient")
    page.goto(BASE + "/?mode=home")
    w.shot("open the link", w.settle())
    page.locator(".st-key-text_size").get_by_text("Larger text").click()
    w.shot("Larger text", w.settle())
    for _ in range(40):
        h1 = page.locator(f"{MAIN} h1").first.inner_text()
        if "situation" in h1.lower():
            w.answer_visible("No")
        if not w.next():
            break
    ctx.close()


def daughter_on_laptop(browser) -> None:
    """Persona 2: helping her father on a laptop (1280 x 800): all questions at once, the grid, the summary."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = ctx.new_page()
    w = Walk(page, "daughter")
    page.goto(BASE + "/?mode=home")
    w.shot("open the link", w.settle())
    page.goto(BASE + "/situation?mode=home")
    w.shot("Your situation", w.settle())
    page.get_by_text("Show all questions on one page").click()
    w.shot("Show all questions on one page", w.settle())
    w.answer_visible("Not sure")
    w.shot("answered Not sure everywhere", 0.0)
    for _ in range(30):
        if not w.next():
            break
    ctx.close()


def clinician_exam_room(browser) -> None:
    """Persona 3: spine clinician, 15 minutes, exam-room screen (1280 x 800, and a 1024 x 768 tablet)."""
    for wdt, hgt in ((1280, 800), (1024, 768)):
        ctx = browser.new_context(viewport={"width": wdt, "height": hgt})
        page = ctx.new_page()
        w = Walk(page, f"clinician{wdt}")
        page.goto(BASE + "/?mode=clinic")
        w.shot("open in the exam room", w.settle())
        pop = page.get_by_role("button", name=re.compile(r"^Scan and exam questions")).first
        if pop.count():
            pop.click()
            page.wait_for_timeout(400)
            w.shot("scan and exam questions", 0.0)
        ctx.close()


if __name__ == "__main__":
    BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501").rstrip("/")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for persona in (patient_on_phone, daughter_on_laptop, clinician_exam_room):
            persona(b)
        b.close()
