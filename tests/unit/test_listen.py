"""Read aloud (issue 14 section 2): the HTML of the Listen controls and the one static script.
What the browser says is checked in tests/e2e/test_listen.py with a stubbed speechSynthesis."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from decision_aid import listen, views
from decision_aid.assess import assess
from decision_aid.contract import DISPLAY_ORDER


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(html)
    return p.tags


def test_control_is_a_labelled_group_of_plain_buttons(content) -> None:
    html = listen.control_html(content, "en", name="Part 1 of 6: Safety first")
    t = tags(html)
    group = t[0]
    assert group[0] == "div" and group[1]["role"] == "group"
    assert group[1]["aria-label"] == "Listen: Part 1 of 6: Safety first"
    assert group[1]["data-listen-scope"] == "part" and group[1]["data-lang"] == "en"
    buttons = [a for tag, a in t if tag == "button"]
    assert [b["data-listen"] for b in buttons] == ["play", "stop", "slow"]
    assert all(b["type"] == "button" for b in buttons)          # never submits anything
    assert buttons[1]["aria-disabled"] == "true" and buttons[1]["tabindex"] == "-1"   # Stop: inert until it plays
    assert buttons[2]["aria-pressed"] == "false"                 # Slower is a toggle
    text = re.sub(r"<[^>]+>", " ", html)
    for tid in ("ui_listen_play", "ui_listen_stop", "ui_listen_slower"):
        assert content.text(tid) in text
    assert "<script" not in html and "<svg" not in html           # st.html drops SVG: the icon is CSS
    icon = next(a for tag, a in t if tag == "span" and "listen-icon" in (a.get("class") or ""))
    assert icon["aria-hidden"] == "true"
    msg = next(a for tag, a in t if a.get("data-listen") == "msg")
    assert msg["role"] == "status" and "hidden" in msg           # one message, only when asked to play


def test_control_carries_every_word_the_script_needs_from_texts(content) -> None:
    group = tags(listen.control_html(content, "es"))[0][1]
    for name, tid in listen.WORDS.items():
        assert group[f"data-w-{name}"] == content.text(tid), name
    assert group["data-lang"] == "es"
    assert content.text("ui_listen_say_out_of") == "out of"      # "23/1,000" is read "23 out of 1,000"


def test_control_escapes_its_name(content) -> None:
    html = listen.control_html(content, "en", name='<b>"x" & y</b>')
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; y" in html


def test_compact_control_is_one_44px_button_named_listen(content) -> None:
    t = tags(listen.control_html(content, "en", name="MILD", scope="card", compact=True))
    buttons = [a for tag, a in t if tag == "button"]
    assert [b["data-listen"] for b in buttons] == ["play"]
    assert buttons[0]["title"] == content.text("ui_listen_play")
    label = next(a for tag, a in t if tag == "span" and "listen-label" in (a.get("class") or ""))
    assert "sr-only" in label["class"]                           # the accessible name stays "Listen"
    assert t[0][1]["data-listen-scope"] == "card"


def test_unknown_scope_is_refused(content) -> None:
    with pytest.raises(AssertionError):
        listen.control_html(content, "en", scope="everything")


def test_each_exam_card_gets_its_own_control(content) -> None:
    a = assess({}, content)
    html = listen.with_card_controls(content, "en", views.exam_cards_html(content, a))
    t = tags(html)
    cards = [attrs for tag, attrs in t if tag == "section" and "xcard" in (attrs.get("class") or "")]
    assert [c["data-option"] for c in cards] == list(DISPLAY_ORDER)
    assert all("data-listen-root" in c for c in cards)
    groups = [a for tag, a in t if a.get("role") == "group" and a.get("data-listen-scope") == "card"]
    assert len(groups) == 5
    names = [g["aria-label"] for g in groups]
    assert len(set(names)) == 5                                   # each names its option and status
    assert all(content.option(o).name in n for o, n in zip(DISPLAY_ORDER, names, strict=True))
    # the control sits in the card's status line (no extra height: the exam room fits one screen)
    for part in html.split('<section data-listen-root="" class="xcard')[1:]:
        assert part.index('<div class="xstatus">') < part.index('class="listen listen-compact"') < part.index("</section>")


def test_script_is_static_holds_no_words_and_sends_nothing(content) -> None:
    js = listen.script_js()
    assert listen.script_html() == listen.script_html() == f"<script>{js}</script>"
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)      # comments may name the feature
    for tid in ("ui_listen_play", "ui_listen_pause", "ui_listen_resume", "ui_listen_stop", "ui_listen_slower",
                "ui_listen_no_voice", "ui_listen_say_out_of"):
        word = content.text(tid)
        assert not re.search(rf"['\"`]{re.escape(word)}['\"`]", code), f"{tid} ({word!r}) hard-coded in listen.js"
    for sends in ("fetch(", "XMLHttpRequest", "WebSocket", "sendBeacon", "http://", "https://", "import("):
        assert sends not in js
    assert "speechSynthesis" in js and "SpeechSynthesisUtterance" in js
    assert "v.localService !== false" in code                    # never a voice that speaks through a server
    assert "0.8" in js                                          # the slower speed for older listeners
    assert "onboundary" in js and "CSS.highlights" in js          # the word being read is highlighted
    assert ".focus(" not in js                                   # never moves the keyboard focus
    assert "aria-live" not in js                                 # no running commentary for screen readers
