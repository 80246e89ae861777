"""Home mode, one idea per screen, in a real browser: Compare, What matters and Check walked part
by part with the footer's Next and Back at phone size (390x844) and tablet size (1024x768).
After each Next the keyboard focus is on the new part's heading (or the new page's title) and the
screen is back at the top; answers are still there after Back. Screenshots:
test-artifacts/screenshots/parts-<size>-<page>-<k>.png (what the patient sees after the press)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from decision_aid.content.loader import load_content

from .helpers import (
    click_button,
    console_errors,
    format_violations,
    rate_most_important,
    run_axe,
    screenshot,
    wait_for_run,
)

C = load_content()
MAIN = "[data-testid='stMain']"
SIZES = {"phone": (390, 844), "tablet": (1024, 768)}
ACTIVE_JS = """() => { const e = document.activeElement;
  const b = e.getBoundingClientRect();
  return {tag: e.tagName, cls: e.className || '', text: (e.innerText || '').trim(), top: b.top, bottom: b.bottom,
          h: window.innerHeight}; }"""


def _ready(page: Page) -> None:
    wait_for_run(page)
    expect(page.locator(f"{MAIN} h1").first).to_be_visible(timeout=30_000)
    wait_for_run(page)


def _shot_and_audit(page: Page, shot: str) -> None:
    """Screenshot, then axe-core (WCAG 2.2 A/AA and best practice) on what this part shows."""
    screenshot(page, shot)
    violations = run_axe(page)
    assert violations == [], f"{shot}: " + format_violations(violations)


def _part(page: Page, label: str, shot: str) -> None:
    """The part heading reads ``label``, holds the focus and is on screen."""
    heading = page.locator("h2.part-title")
    expect(heading).to_have_count(1)
    expect(heading).to_have_text(label)
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('h2.part-title')")
    a = page.evaluate(ACTIVE_JS)
    assert a["text"] == label and 0 <= a["top"] and a["bottom"] <= a["h"], a
    expect(page.locator(".steps-now")).to_be_in_viewport()   # the screen is back at the top
    _shot_and_audit(page, shot)


@pytest.mark.parametrize("size", list(SIZES))
def test_compare_values_and_check_part_by_part(browser: Browser, base_url: str, size: str) -> None:
    w, h = SIZES[size]
    ctx = browser.new_context(base_url=base_url, viewport={"width": w, "height": h})
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    errors = console_errors(page)
    page.goto("/compare?mode=home")
    _ready(page)
    expect(page.locator(".steps-now")).to_have_text("Step 4 of 7: Compare the options")

    # Compare, part 1: the options (grid), no pictures yet
    expect(page.locator("h2.part-title")).to_have_text("Part 1 of 2: The options side by side")
    expect(page.locator("th.opt[data-option='mild']")).to_be_attached()
    expect(page.locator("figure.pic")).to_have_count(0)
    expect(page.get_by_text(C.text("compare_flags_title"))).to_be_attached()
    _shot_and_audit(page, f"parts-{size}-compare-1")
    # part 2: the pictures with their table; the grid is gone
    click_button(page, "Next: The numbers as pictures →")
    expect(page.locator("figure.pic").first).to_be_visible()
    expect(page.locator("table.data-table").filter(has_text="The same numbers as a table").first).to_be_attached()
    expect(page.locator("th.opt[data-option='mild']")).to_have_count(0)
    _part(page, "Part 2 of 2: The numbers as pictures", f"parts-{size}-compare-2")
    expect(page.locator(f"{MAIN} [data-testid='stMarkdownContainer']").filter(
        has_text="(part 2 of 2)")).to_be_attached()

    # on to What matters: the page title takes the focus
    click_button(page, "Next: What matters to you →")
    expect(page).to_have_url(f"{base_url}/values")
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    expect(page.locator("h2.part-title")).to_have_text("Part 1 of 2: Rate what matters to you")
    _shot_and_audit(page, f"parts-{size}-values-1")   # as shown after Next, before any value is chosen
    label, _ = rate_most_important(page, "lasting_relief")
    screenshot(page, f"parts-{size}-values-1-rated")
    click_button(page, "Next: How the options fit what matters most to you →")
    expect(page.get_by_text("You said these matter most:")).to_contain_text(label)
    _part(page, "Part 2 of 2: How the options fit what matters most to you", f"parts-{size}-values-2")

    # Check, five parts
    click_button(page, "Next: Check and lean →")
    expect(page).to_have_url(f"{base_url}/check")
    expect(page.locator("h2.part-title")).to_have_text("Part 1 of 5: What do you expect?")
    _shot_and_audit(page, f"parts-{size}-check-1")
    # every guess box starts empty (no guess is shown as made); one typed guess is compared
    box = page.get_by_role("spinbutton", name="Physical therapy: out of 100 people").first
    expect(box).to_have_value("")
    box.fill("50")
    click_button(page, "Show what studies found")
    expect(page.locator("ul.expect[data-expectation='improve']")).to_contain_text("Your guess was 50 out of 100.")
    click_button(page, "Next: A few quick questions →")
    _part(page, "Part 2 of 5: A few quick questions", f"parts-{size}-check-2")
    know = C.deliberation.knowledge[0]
    group = page.locator("[data-testid='stRadio']").filter(has_text=know.question[:50]).first
    group.get_by_text(next(ch.label for ch in know.choices if ch.value == know.correct), exact=True).click()
    wait_for_run(page)
    expect(page.get_by_text("✓ That is right.").first).to_be_attached()
    click_button(page, "Next: How sure do you feel? (the SURE test) →")
    _part(page, "Part 3 of 5: How sure do you feel? (the SURE test)", f"parts-{size}-check-3")
    for item in C.deliberation.sure:
        page.locator("[data-testid='stRadio']").filter(has_text=item.text).first.get_by_text(
            "Yes", exact=True).click()
        wait_for_run(page)
    expect(page.get_by_text("4 of 4 yes").first).to_be_attached()
    click_button(page, "Next: Where are you leaning? →")
    _part(page, "Part 4 of 5: Where are you leaning?", f"parts-{size}-check-4")
    page.locator("[data-testid='stRadio']").filter(has_text="Which option are you leaning towards?").get_by_text(
        "Physical therapy", exact=True).click()
    wait_for_run(page)
    click_button(page, "Next: The people around you →")
    _part(page, "Part 5 of 5: The people around you", f"parts-{size}-check-5")
    page.locator("[data-testid='stRadio']").filter(has_text="Is anyone else involved in this choice").get_by_text(
        "Yes", exact=True).click()
    wait_for_run(page)
    expect(page.locator("[data-testid='stRadio']").filter(has_text="Which option do they lean towards?")).to_be_visible()
    click_button(page, "← Back: Where are you leaning?")
    expect(page.locator("h2.part-title")).to_have_text("Part 4 of 5: Where are you leaning?")

    # Back through the parts: every answer is still there
    click_button(page, "← Back: How sure do you feel? (the SURE test)")
    expect(page.get_by_text("4 of 4 yes").first).to_be_attached()
    click_button(page, "← Back: A few quick questions")
    expect(page.get_by_text("✓ That is right.").first).to_be_attached()
    click_button(page, "← Back: What do you expect?")
    expect(page.locator("ul.expect[data-expectation='improve']")).to_contain_text("Your guess was 50 out of 100.")
    # Back from the first part: the last part of What matters
    click_button(page, "← Back: What matters to you")
    expect(page.locator("h2.part-title")).to_have_text("Part 2 of 2: How the options fit what matters most to you")
    expect(page.get_by_text("You said these matter most:")).to_contain_text(label)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    assert list(errors) == []
    ctx.close()
