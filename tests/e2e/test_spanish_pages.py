"""Every page in Spanish, in both settings of use, with answers filled in, finds no English sentence
(issue 14 section 1: "a Spanish-speaking patient can go from Start to the printed summary without
meeting an English sentence").

What counts as English: every text value of the English content files (texts, options, questions,
rules' reasons and messages, glossary, claims, disagreements, deliberation, standards, meta and the
notes of references; `loader.iter_texts`, the same walk the Spanish mirror check uses), cut into
sentences and the pieces between `{placeholders}`, with 4 words or more. Allow-list: the citations'
titles, authors and journals keep their original English (issue 14: "Citations keep the original
titles"); they are not text values (`NON_TEXT_KEYS`), so they are not in the list at all, and on the
page they are marked `lang="en"` (test_lang_marks.py).

What the page shows: the visible text of the whole page (sidebar too) after opening every
`<details>` (expanders, source chips), every "all on one page" switch, every view and picture of
Compare, every card of "one option", the exam room's two menus and its details switch; plus the
words a screen reader or a tap shows (aria-label, aria-description, title, alt, placeholder, the
glossary's data-tip) and the text of the pictures (SVG).

Three sets of answers: a full one (reasons, leaning, SURE, guesses, the people around, then one
answer changed so the "what changed" notes show), an emergency answer and a "soon" answer. The
downloads in Spanish (summary PDF, one-page grid) are read with pdftotext the same way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from decision_aid.answers import Saved, encode_link
from decision_aid.content import loader
from decision_aid.content.loader import load_content
from decision_aid.contract import OPTION_IDS

from .helpers import MAIN, REPO_ROOT, screenshot, wait_for_run

ES = load_content("es")
CONTENT_DIR = Path(loader.__file__).resolve().parent
MIN_WORDS = 4
DUMP = REPO_ROOT / "test-artifacts" / "spanish"   # what each page showed (for a reviewer to read)

# Kept in English on purpose, so not "English sentences": names (an agency, a standard, a quoted
# article title inside a note); the short names of sources (an author and year, a journal or plan
# name); the glossary's aliases (words it looks for in the English, never shown); ids.
NAMES = ("Centers for Medicare & Medicaid Services", "WCAG 2.2 AA",
         "Reoperation rates following lumbar spine surgery and the influence of spinal fusion procedures")
NOT_SENTENCES = {"references.yaml": ("short",), "glossary.yaml": ("aliases",)}

# A full set of answers with no warning sign: reasons for every option, a leaning, SURE, the
# guesses before the figures, the knowledge check (one right, the rest wrong, so explanations show)
# and the people around the patient (pressure adds a question and a line for the clinician).
FULL = Saved(
    answers={"bladder_bowel_change": "no", "saddle_numbness": "no", "worsening_leg_weakness": "no",
             "other_red_flags": "no", "walking_leg_pain_eased_by_sitting": "yes",
             "vascular_warning_signs": "unsure", "symptom_duration": "over_12_months",
             "symptom_severity": "moderate_or_worse", "tried_physical_therapy": "yes",
             "tried_epidural_injection": "yes_no_help", "injection_last_8_weeks": "no",
             "prior_surgery_same_level": "no", "blood_thinner": "can_pause", "can_lie_face_down_1h": "yes",
             "high_anesthesia_risk": "yes", "diabetes": "controlled", "osteoporosis": "unsure",
             "smoker": "yes", "daily_opioids": "no", "medicare": "yes",
             "imaging_confirms_central_stenosis": "yes", "ligamentum_flavum_thickened": "yes",
             "spondylolisthesis": "grade_1_stable", "stenosis_mainly_foraminal_or_bony": "no",
             "stable_leg_weakness_on_exam": "no", "worse_pain": "leg"},
    values={"avoid_general_anesthesia": 4, "short_recovery": 3, "lasting_relief": 4, "avoid_serious_risk": 2},
    leaning="physical_therapy", decision_role="together",
    sure={"know_benefits_risks": True, "clear_values": False, "enough_support": True, "sure_best_choice": False},
    expectations={"improve": {o: 50 for o in OPTION_IDS}, "more_treatment": {o: 20 for o in OPTION_IDS}},
    knowledge={"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more",
               "mild_vs_surgery_trial": "yes_mild_better", "waiting_if_no_warning_signs": "most_worse_fast"},
    support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True},
)
SCENARIOS = {
    "full": FULL,
    "emergency": Saved(answers={"bladder_bowel_change": "yes", "smoker": "yes"}),
    "soon": Saved(answers={"other_red_flags": "yes", "smoker": "yes", "worse_pain": "back"}),
}
PAGES = ("start", "learn", "situation", "compare", "values", "check", "summary", "evidence", "standards", "exam")
WITH_PARTS = ("situation", "compare", "values", "check")


# --------------------------------------------------------------------------- the English sentences

def _plain(text: str) -> str:
    """Words only, lower case, one space: markdown, punctuation and line breaks do not matter. A
    name with underscores (a test id on the Standards page: code, not a sentence) stays one word."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)          # [words](link) -> words
    return " ".join(w.strip("_") for w in re.findall(r"\w+", text.lower()) if w.strip("_"))


@cache
def english_sentences() -> dict[str, str]:
    """{plain sentence: "file: path"} for every English text piece of MIN_WORDS words or more."""
    out: dict[str, str] = {}
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in loader.iter_texts(path.name, data):
            field = re.sub(r"\[[^\]]*\]$", "", where).rsplit(".", 1)[-1]
            if field in NOT_SENTENCES.get(path.name, ()) or re.fullmatch(r"\w+", text):
                continue
            for name in NAMES:
                text = text.replace(name, " ")
            for piece in re.split(r"\{\w*\}|(?<=[.!?:;])\s+|\n+|\s+[-–—]\s+|\s*\(|\)\s*", text):
                plain = _plain(piece)
                if len(plain.split()) >= MIN_WORDS:
                    out.setdefault(plain, f"{path.name}: {where}")
    return out


URL = re.compile(r"(https?://|www[.])\S+")


@cache
def citation_words() -> tuple[str, ...]:
    """The allow-list: each citation's title, authors and journal (kept in English on purpose)."""
    refs = load_content().references.values()
    return tuple(sorted({p for r in refs for x in (r.title, r.authors, r.journal) if x and (p := _plain(x))},
                        key=len, reverse=True))


def english_found(text: str) -> list[str]:
    """The English sentences in ``text`` (web addresses left out: a source's address is not words)."""
    page = " " + _plain(URL.sub(" ", text)) + " "
    for words in citation_words():
        page = page.replace(f" {words} ", " | ")
    return sorted(f"{where}: {s!r}" for s, where in english_sentences().items() if f" {s} " in page)


def test_the_english_list_is_big_and_the_spanish_pages_of_the_content_are_free_of_it() -> None:
    """The list really holds the English (a test that compares with nothing would pass on any page),
    and the Spanish content itself holds none of it (so a leak on a page comes from code)."""
    sentences = english_sentences()
    assert len(sentences) > 1000, len(sentences)
    emergency = _plain(load_content().rules.urgency["emergency"].title)
    assert any(emergency in s for s in sentences), emergency
    es_text = []
    for path in sorted((CONTENT_DIR / "es").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        es_text += [t for _, t in loader.iter_texts(path.name, data)]
    leaks = english_found("\n".join(es_text))
    assert leaks == [], "English sentences in the Spanish content:\n" + "\n".join(leaks)


# --------------------------------------------------------------------------- the page's words

PAGE_TEXT_JS = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label],[aria-description],[title],[alt],[placeholder],[data-tip]')) {
    for (const a of ['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'data-tip']) {
      const v = el.getAttribute(a); if (v) parts.push(v);
    }
  }
  for (const t of document.querySelectorAll('svg text')) parts.push(t.textContent);
  return parts.join('\\n');
}"""


class Reader:
    """One Spanish session in one tab; collects every text the pages showed."""

    def __init__(self, page: Page, hidden: bool = False) -> None:
        self.page = page
        self.hidden = hidden   # the option comparison is hidden (an emergency answer)
        self.seen: dict[str, list[str]] = {}

    def collect(self, where: str) -> None:
        wait_for_run(self.page)
        self.seen.setdefault(where, []).append(self.page.evaluate(PAGE_TEXT_JS))

    def go(self, name: str) -> None:
        path = "/" if name == "start" else f"/{name}"
        clicked = self.page.evaluate(
            """(path) => { const a = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
                 .find(x => new URL(x.href).pathname === path);
               if (a) { a.click(); return true; } return false; }""", path)
        assert clicked, f"no sidebar link to {path}"
        wait_for_run(self.page)
        expect(self.page.locator(f"{MAIN} h1").first).to_contain_text(ES.text(f"{name}_title")[:12], timeout=30_000)
        wait_for_run(self.page)

    def click(self, locator) -> None:
        locator.scroll_into_view_if_needed()
        locator.click()
        wait_for_run(self.page)

    def all_parts(self, name: str) -> None:
        toggle = self.page.locator(f".st-key-{name}_all")
        if toggle.count() and not toggle.locator("input[type=checkbox]").is_checked():
            self.click(toggle.locator("label").first)
            expect(toggle.locator("input[type=checkbox]")).to_be_checked()

    def read(self, name: str, mode: str) -> None:
        self.go(name)
        if mode == "home" and name in WITH_PARTS:
            self.all_parts(name)
        self.collect(name)
        p = self.page
        if name == "compare":
            for key in ("compare_view", "compare_chart"):
                buttons = p.locator(f".st-key-{key} button")
                for i in range(buttons.count()):
                    self.click(buttons.nth(i))
                    if key == "compare_view" and i == 1:      # one option at a time: each card
                        radios = p.locator(".st-key-compare_one label")
                        for j in range(radios.count()):
                            self.click(radios.nth(j))
                            self.collect(f"{name}: one {j}")
                    self.collect(f"{name}: {key} {i}")
            show_all = p.locator(".st-key-compare_show_all label").first
            if show_all.count():
                self.click(show_all)
                self.collect(f"{name}: show all")
                self.click(show_all)
        if name == "start":
            # the confirm step of "Start again" and the rest of the sidebar are read on every page
            pass
        if name == "exam":
            for label in ("exam_file_button", "exam_record_button"):
                button = p.get_by_role("button", name=ES.text(label))
                if button.count():
                    self.click(button.first)
                    self.collect(f"{name}: {label}")
                    p.keyboard.press("Escape")
                    wait_for_run(p)
            details = p.locator(".st-key-exam_details label").first
            if details.count():
                self.click(details)
                if not self.hidden:   # an emergency answer hides the grid and the picture here too
                    expect(p.locator("figure.pic").first).to_be_visible()
                self.collect(f"{name}: details")
                self.click(details)

    def leaks(self) -> list[str]:
        return [f"{where}: {hit}" for where, texts in self.seen.items() for hit in english_found("\n".join(texts))]


def set_mode(page: Page, mode: str) -> None:
    label = ES.text("ui_mode_clinic" if mode == "clinic" else "ui_mode_home")
    page.locator("[data-testid='stSidebar']").get_by_text(label, exact=True).click()
    wait_for_run(page)


def change_one_answer(reader: Reader) -> None:
    """Change one answer (MILD's face-down question) so "what changed" notes show on the next pages."""
    q = ES.question("can_lie_face_down_1h")
    reader.go("situation")
    reader.all_parts("situation")
    group = reader.page.locator("[data-testid='stRadio']").filter(has_text=" ".join(q.text.split())[:60]).first
    label = next(ch.label for ch in q.choices if ch.value == "no")
    reader.click(group.get_by_text(label, exact=True))
    reader.collect("situation: answer changed")


@pytest.mark.parametrize("mode", ["home", "clinic"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_page_in_spanish_has_no_english_sentence(browser: Browser, base_url: str, scenario: str,
                                                       mode: str) -> None:
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 2000})
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    reader = Reader(page, hidden=scenario == "emergency")
    page.goto(f"/?r={encode_link(SCENARIOS[scenario])}&lang=es")
    wait_for_run(page)
    expect(page.locator(f"{MAIN} h1").first).to_be_attached()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    if mode == "clinic":
        set_mode(page, "clinic")
    reader.collect("opened")
    for name in PAGES:
        reader.read(name, mode)
    if scenario == "full":
        change_one_answer(reader)
        for name in ("compare", "exam", "summary"):
            reader.read(name, mode)
        assert any(ES.text("ui_changed_title")[:15] in t for k, ts in reader.seen.items()
                   if k.startswith(("compare", "exam")) for t in ts), "no what-changed note was read"
    if scenario == "emergency":
        assert any(ES.rules.urgency["emergency"].title in t for ts in reader.seen.values() for t in ts)
    if scenario == "soon":
        assert any(ES.rules.urgency["soon"].title in t for ts in reader.seen.values() for t in ts)
    screenshot(page, f"es-{scenario}-{mode}-last")
    DUMP.mkdir(parents=True, exist_ok=True)
    (DUMP / f"spanish-pages-{scenario}-{mode}.txt").write_text(
        "\n\n".join(f"===== {k}\n" + "\n---\n".join(v) for k, v in reader.seen.items()), encoding="utf-8")
    leaks = reader.leaks()
    ctx.close()
    assert leaks == [], f"{len(leaks)} English sentences on Spanish pages:\n" + "\n".join(leaks[:60])


# --------------------------------------------------------------------------- the downloads

def _pdftotext(data: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext missing: apt-get install -y poppler-utils")
    src = tmp_path / "in.pdf"
    src.write_bytes(data)
    return subprocess.run(["pdftotext", str(src), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("scenario", ["full", "emergency"])
def test_spanish_downloads_have_no_english_sentence(browser: Browser, base_url: str, scenario: str,
                                                    tmp_path: Path) -> None:
    """The summary PDF and the one-page grid, downloaded from a Spanish page, read with pdftotext.
    (Their file names are the same in both languages, like the answers file: not words a patient
    reads on the page.)"""
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 2000}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"/summary?r={encode_link(SCENARIOS[scenario])}&lang=es")
    wait_for_run(page)
    reader = Reader(page)
    reader.go("summary")
    found: dict[str, str] = {}
    for name in ("summary_pdf_button", "ui_handout_button"):
        button = page.get_by_role("button", name=ES.text(name)).first
        button.scroll_into_view_if_needed()
        with page.expect_download() as dl:
            button.click()
        data = Path(dl.value.path()).read_bytes()
        found[name] = _pdftotext(data, tmp_path)
    ctx.close()
    assert ES.text("pdf_grid_title")[:20] in " ".join(found["ui_handout_button"].split())
    leaks = [f"{name}: {hit}" for name, text in found.items() for hit in english_found(text)]
    assert leaks == [], "English sentences in the Spanish downloads:\n" + "\n".join(leaks)
