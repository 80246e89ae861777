"""Streamlit drawing helpers shared by app.py and the pages. Decisions live elsewhere in the package;
this module only draws. Imported by pages, never by the pure modules (so tests of the logic run
without Streamlit)."""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from . import state, views
from .assess import Assessment, assess, examination_holds
from .assess import comparison_hidden as _comparison_hidden
from .content.loader import Content, load_content
from .contract import RED_FLAG_QUESTIONS
from .parts import Move, Pager, back_move, make_pager, next_move
from .views import chips_html, level_line_html, text, urgent_html

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# Home mode walks these pages in order (file paths relative to app.py); names: texts.yaml ui_step_*.
HOME_STEPS: tuple[tuple[str, str], ...] = tuple(
    (f"pages/{p}.py", text(f"ui_step_{p}"))
    for p in ("start", "learn", "situation", "compare", "values", "check", "summary")
)

# The theme's base is 18 px (config.toml); "Larger text" makes it 24 px (one third larger). Every
# Streamlit size and ours is in rem, so headings, buttons, labels and the sidebar all grow with it.
# The favicon as a data URL, read once per process: given a file path, st.set_page_config decodes and
# re-encodes the PNG with PIL on every rerun (about 1.5 ms of every interaction, bench/serve.py
# profile); a data URL is passed through untouched. No request leaves the page either way.
FAVICON = "data:image/png;base64," + base64.b64encode((ASSETS / "favicon.png").read_bytes()).decode("ascii")

LARGE_TEXT_CSS = "<style>html { font-size: 24px !important; }</style>"


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return views.Html("<style>" + (ASSETS / "app.css").read_text(encoding="utf-8") + "</style>")


def content() -> Content:
    """The validated content (cached once per process: immutable, holds no patient data).

    Every page calls this first, so it also makes sure the page runs inside the router."""
    _route_through_app()
    return load_content()


def _route_through_app() -> None:
    """A deep link (/exam) as the very first request of a fresh server runs pages/exam.py on its own:
    Streamlit treats ``pages/`` as an old-style page folder until some session has called
    ``st.navigation`` (then for the whole process). The page would have no frame, no styles, no
    urgent banner and no state defaults. Switch that old mode off and run again through app.py; the
    page keeps its address (both modes hash the same url path).

    The switch is process-wide, so the check is per session too: when many browsers reconnect to
    deep links of a freshly started process at once (bench: 200 sessions through nginx), the first
    session turns the old mode off while others have already started their page without the
    router. Those have no state defaults yet (app.py sets them first): they rerun as well."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory or not state.initialised():
        PagesManager.uses_pages_directory = False
        st.rerun()


def assessment() -> Assessment:
    """This session's assessment, computed once per change of the answers: the frame, the part
    headings, each warning-sign question and the downloads all ask for it on one run. Kept in this
    session's state (per user), never in a process-wide cache."""
    answers = state.answers()
    memo = st.session_state.get(state.ASSESSED)
    if memo is None or memo[0] != answers:
        memo = (answers, assess(answers, content()))
        st.session_state[state.ASSESSED] = memo
    return memo[1]


def setup_page() -> Content:
    """Call first on every page: state defaults and styles. Returns the content."""
    state.init_state()
    st.html(_css())
    if st.session_state.get(state.LARGE_TEXT):
        st.html(LARGE_TEXT_CSS)
    return content()


def md(text: str) -> None:
    st.markdown(text)


def sources_line(c: Content, keys: tuple[str, ...] | list[str]) -> None:
    if keys:
        st.html(f'<div class="chips-line">{c.text("ref_sources_label")} {chips_html(c, keys)}</div>')


def text_with_sources(c: Content, text_id: str) -> None:
    st.markdown(c.text(text_id))
    sources_line(c, c.text_sources(text_id))


def frame(*, compact: bool = False) -> None:
    """Drawn above every page by app.py: messages, urgent stop, out-of-date warning.
    ``compact`` (the one-screen exam room): the one-off message is left for the page to show in
    its own header line (see ``flash_html``)."""
    c = content()
    msg = None if compact else state.take_flash()
    if msg:
        kind, text = msg
        getattr(st, kind if kind in ("info", "success", "warning", "error") else "info")(text)
    if c.is_overdue():
        st.warning(c.text("out_of_date"), icon="⚠️")
    a = assessment()
    if state.examined_record() and not examination_holds(a, state.examined_record()):
        state.drop_examined()  # the answers changed since the examination: the record no longer applies
    st.session_state[state.FRAME_URGENT] = _frame_key(a)
    # Always one element here, empty when there is no warning: a banner that appears above the page
    # must not shift the page's elements, or the browser loses the keyboard focus on the answer
    # that raised it (keyboard journey: "Not sure" on a warning-sign question).
    urgent_banner(c, a)
    text_size_switch()


def text_size_switch() -> None:
    """ "Larger text" at the top right of every page (app.css: fixed in the header band), not in the
    side menu: a phone reaches it without opening the menu. Drawn after the warning banner, so the
    banner stays the first thing on the page (and for screen readers)."""
    with st.container(key="text_size"):
        state.prime_widget("sb_large", st.session_state[state.LARGE_TEXT])
        st.toggle(content().text("ui_larger_text"), key="sb_large", on_change=_keep_large)


def frame_is_current(a: Assessment) -> bool:
    """For a fragment that changes answers (it reruns without the frame): False when the urgent stop
    the frame drew no longer matches the answers, e.g. a file opened inside the fragment says yes
    to a red flag. The fragment then reruns the whole app, so the stop is never missed."""
    return _frame_key(a) == st.session_state.get(state.FRAME_URGENT, "none")


def _frame_key(a: Assessment) -> str:
    """What the frame's banner depends on: the level, and whether a clinician's record rewords it."""
    return a.urgency + ("+examined" if examined(a) else "")


def urgent_banner(c: Content, a: Assessment) -> None:
    if a.urgency == "none":
        st.html('<div class="urgent-slot" aria-hidden="true"></div>')
        return
    level = c.rules.urgency[a.urgency]
    rec = state.examined_record() if examined(a) else None
    note = c.text("urgent_examined").format(at=rec["at"]) if rec else None
    st.html(urgent_html(a, level.title, level.message, c.text("urgent_secondary"), note))


def examined(a: Assessment) -> bool:
    """A clinician recorded "examined: not an emergency" for these very answers (session only)."""
    return examination_holds(a, state.examined_record())


def comparison_hidden(a: Assessment) -> bool:
    """Whether this session's pages hide the option comparison (assess.comparison_hidden decides)."""
    return _comparison_hidden(a, examined(a))


def level_line_html_for(c: Content, level: str, a: Assessment) -> str:
    """The short urgency line for ``level`` ("" for none): the level's title and a pointer to the
    full message at the top, or, once a clinician recorded the examination, that record."""
    if level == "none":
        return ""
    more = c.text("urgent_examined_line") if level == "emergency" and examined(a) else c.text("urgent_line_more")
    return level_line_html(level, c.rules.urgency[level].title, more)


def level_slot(html: str) -> None:
    """One element either way (the level line or an empty slot): a line that appears must not
    shift the elements after it (the browser would lose the keyboard focus)."""
    st.html(html or '<div class="level-slot" aria-hidden="true"></div>')


SAFETY_GROUP = "safety"


def _to_warning_signs() -> None:
    """on_click of "Change my answer": the warning-sign questions. Home mode: Your situation at the
    safety part (focus on its heading); the exam room: its own screen, with the questions open."""
    ss = st.session_state
    if ss[state.MODE] == "clinic":
        ss[state.GO_PAGE] = "pages/exam.py"
        return
    groups = [g.id for g in load_content().groups]
    state.set_part("situation", groups.index(SAFETY_GROUP))
    state.ask_focus("part")
    ss[state.GO_PAGE] = "pages/situation.py"


def hidden_notice(c: Content, key: str, *, button: bool = True) -> None:
    """In place of the comparison under an emergency answer: why it is hidden, and a way to change
    the answer (``button``; the exam room shows its warning-sign questions on the same screen)."""
    from html import escape

    st.html(f'<div class="hidden-note" role="note" data-hidden="comparison"><p class="hidden-title">'
            f'<span aria-hidden="true">⚠</span> {escape(c.text("urgent_hidden_title"))}</p>'
            f"<p>{escape(c.text('urgent_hidden_text'))}</p></div>")
    if button:
        clinic = st.session_state[state.MODE] == "clinic"
        label = c.text("urgent_change_clinic") if clinic else c.text("urgent_change_home")
        st.button(label, key=f"hidden_change_{key}", on_click=_to_warning_signs)


def sidebar_controls() -> None:
    """Side menu: mode switch, start again, privacy note, version. Same on every page.
    ("Larger text" is drawn by :func:`text_size_switch`, at the top right of the page.)"""
    c = content()
    ss = st.session_state
    with st.sidebar:
        state.prime_widget("sb_mode", ss[state.MODE])
        st.radio(
            c.text("ui_mode_question"),
            options=list(state.MODES),
            format_func=lambda m: c.text({"home": "ui_mode_home", "clinic": "ui_mode_clinic"}[m]),
            key="sb_mode",
            on_change=_keep_mode,
        )
        st.markdown(c.text("privacy_short"))
        st.button(c.text("ui_clear"), key="sb_clear", on_click=_clear)
        st.markdown(c.text("ui_version").format(version=c.meta.content_version, review=c.review_status(),
                                                due=f"{c.meta.review_due:%d %B %Y}"))
        st.markdown(c.text("disclaimer"))


def _keep_mode() -> None:
    """Switch the setting of use; answers stay. Clinic mode then opens the exam-room screen."""
    mode = st.session_state["sb_mode"]
    st.session_state[state.MODE] = mode
    st.session_state[state.GO_TO_EXAM] = "always" if mode == "clinic" else False


def _keep_large() -> None:
    st.session_state[state.LARGE_TEXT] = bool(st.session_state["sb_large"])


def _clear() -> None:
    state.clear_all()
    st.session_state.pop("sb_mode", None)
    st.session_state.pop("sb_large", None)
    state.flash("info", text("ui_cleared"))


def _step_index(page_path: str) -> int | None:
    paths = [p for p, _ in HOME_STEPS]
    return paths.index(page_path) if page_path in paths else None


def step_header(url_path: str) -> None:
    """Home mode, top of each step: "Step N of M" and the path so far (drawn by app.py)."""
    from html import escape

    if st.session_state[state.MODE] != "home":
        return
    page_path = f"pages/{url_path or 'start'}.py"
    i = _step_index(page_path)
    if i is None:
        return
    attrs = [' class="done"' if k < i else (' aria-current="step" class="now"' if k == i else "")
             for k in range(len(HOME_STEPS))]
    items = "".join(f"<li{a}>{escape(label)}</li>" for a, (_p, label) in zip(attrs, HOME_STEPS, strict=True))
    now = text("ui_step_now", n=i + 1, total=len(HOME_STEPS), step=HOME_STEPS[i][1])
    st.html(
        f'<nav class="steps" aria-label="{escape(text("ui_steps_label"))}"><p class="steps-now">{escape(now)}</p>'
        f"<ol>{items}</ol></nav>"
    )


def _page_name(page_path: str) -> str:
    return Path(page_path).stem


def part_pager(page_path: str, titles: Sequence[str], all_label: str) -> Pager:
    """A step page with parts: in home mode one part at a time ("Part k of n: title"), unless the
    patient chose "all on one page" (``all_label``, drawn by step_footer); the exam room shows all.
    Returns the pager; draw each part under :func:`part_heading` and pass it to :func:`step_footer`."""
    ss = st.session_state
    page = _page_name(page_path)
    one = ss[state.MODE] == "home" and not state.all_parts(page)
    return make_pager(page, titles, state.part(page), one_at_a_time=one, all_label=all_label)


def part_heading(pager: Pager, k: int, *, number: bool = False) -> None:
    """The heading of part ``k``: "Part k of n: title" when one part is shown (the focus target after
    Back/Next, see focus_script); else the title (``number``: "2. title") as an ordinary header."""
    from html import escape

    if pager.paged:
        # the urgency line sits with the heading in one element: Back/Next focus and scroll to this
        # heading, so the level is in view on every step at every width (the banner is at the top)
        a = assessment()
        st.html(f'<h2 class="part-title">{escape(pager.label(k, text("ui_part_label")))}</h2>'
                + level_line_html_for(content(), a.urgency, a))
    else:
        st.header(f"{k + 1}. {pager.titles[k]}" if number else pager.titles[k], anchor=False)


def _go(move: Move) -> None:
    """on_click of Back/Next: remember the part to open and ask for the focus move; a move to
    another page is followed by :func:`follow_page_move` (a callback cannot switch pages)."""
    state.set_part(_page_name(move.page), move.part)
    state.ask_focus("part" if move.same_page else "title")
    if not move.same_page:
        st.session_state[state.GO_PAGE] = move.page


def follow_page_move() -> None:
    """Called by app.py before the page runs (so the old page is not drawn again): open the page
    a Back/Next press asked for, once."""
    ss = st.session_state
    go = ss.get(state.GO_PAGE)
    if go:
        ss[state.GO_PAGE] = None
        st.switch_page(go)


def step_footer(page_path: str, pager: Pager | None = None) -> None:
    """"Step N of M" with Back and Next (both modes, for easy moving on); in home mode also a way to
    stop and pick up later (a link or a file) and the reminder that nothing is stored.
    With a ``pager`` showing one part, Back and Next move through the parts first, then to the
    previous / next step; the "all on one page" toggle sits under them."""
    i = _step_index(page_path)
    if i is None:
        return
    follow_page_move()   # normally done by app.py already
    paths = [p for p, _ in HOME_STEPS]
    n = len(paths)
    n_parts = pager.n if pager is not None and pager.paged else 1
    part = pager.shown if pager is not None and pager.paged else 0
    st.divider()
    where = "**" + text("ui_step_now").format(n=i + 1, total=n, step=HOME_STEPS[i][1]) + "**"
    if n_parts > 1:
        where += " " + text("ui_step_part").format(n=part + 1, total=n_parts)
    st.markdown(where)
    back = back_move(paths, page_path, part, n_parts)
    nxt = next_move(paths, page_path, part, n_parts)
    cols = st.container(key="step_footer_nav").columns(2)   # the key gives app.css a class to wrap long names
    with cols[0]:
        if back is not None:
            name = pager.titles[back.part] if back.same_page else HOME_STEPS[i - 1][1]
            st.button(text("ui_step_back").format(step=name), key=f"step_back_{i}", width="stretch", on_click=_go, args=(back,))
    with cols[1]:
        if nxt is not None:
            name = pager.titles[nxt.part] if nxt.same_page else HOME_STEPS[i + 1][1]
            st.button(text("ui_step_next").format(step=name), key=f"step_next_{i}", type="primary", width="stretch",
                      on_click=_go, args=(nxt,))
    if pager is not None and pager.n > 1 and st.session_state[state.MODE] == "home":
        key = state.all_parts_widget(pager.page)
        state.prime_widget(key, state.all_parts(pager.page))
        st.toggle(pager.all_label, key=key, on_change=state.keep_all_parts, args=(pager.page,))
    if st.session_state[state.MODE] == "home" and i < n - 1:
        stop_panel(f"step_{i}")
    focus_script()


# Static: never any user text. Runs once per Back/Next press (the count in the comment makes the
# body new, so Streamlit mounts it again): the page title or the part heading becomes focusable
# (tabindex=-1) and takes the focus, and the page scrolls back to the top (or to the part heading,
# if that would be below the fold), so keyboard and screen-reader users start at the top.
def _focus_js() -> str:
    """The script template (a function, so the no-hard-coded-text test can allow exactly this)."""
    return """<script>/*{n}*/(() => {{
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return;
  const el = {pick};
  if (!el) return;
  el.setAttribute('tabindex', '-1');
  el.focus({{preventScroll: true}});
  for (const s of [main, document.querySelector('[data-testid="stAppViewContainer"]'), document.scrollingElement])
    if (s) s.scrollTop = 0;
  const next = el.nextElementSibling;   // the urgency line drawn with a part heading: in view too
  const r = (next && next.matches('.level-line') ? next : el).getBoundingClientRect();
  if (r.bottom > window.innerHeight && !({keep_top} && main.querySelector('.urgent')))
    el.scrollIntoView({{block: 'start'}});
}})();</script>"""


def _reveal_js() -> str:
    """Scroll one element into view if it is off screen (after layout); the focus does not move."""
    return """<script>(() => {{ const go = () => {{ const el = document.getElementById('{id}');
  if (el) el.scrollIntoView({{block: 'nearest'}}); }};
  requestAnimationFrame(() => requestAnimationFrame(go)); }})();</script>"""


_FOCUS_PICK = {
    "title": "main.querySelector('h1')",
    "part": "main.querySelector('h2.part-title') || main.querySelector('h1')",
}


def focus_script() -> None:
    """After a Back/Next press only (state.take_focus): move keyboard focus to the new heading.
    Never on other reruns, so answering a question never moves the focus."""
    f = state.take_focus()
    if f is None:
        return
    # a new page: with an urgency banner, stay at the top so the banner is what the person sees
    keep_top = "true" if f["to"] == "title" else "false"
    st.html(_focus_js().format(n=int(f["n"]), pick=_FOCUS_PICK[f["to"]], keep_top=keep_top),
            unsafe_allow_javascript=True)


def stop_panel(key_prefix: str) -> None:
    """Stop here and pick up later: the resume link and the answers file, built on request."""
    from .answers import resume_url

    with st.expander(text("ui_stop_title")):
        saved = state.saved()
        st.markdown(text("ui_stop_text"))
        st.code(resume_url(base_url(), saved), language=None, wrap_lines=True)
        st.download_button(
            text("ui_stop_save"),
            data=saved.to_json(),
            file_name="spinal-stenosis-answers.json",
            mime="application/json",
            key=f"{key_prefix}_save_file",
            on_click="ignore",
        )


def md_inline(text: str) -> str:
    """Our own content text with **bold** turned into <strong>; everything else escaped."""
    import re
    from html import escape

    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escape(text))


def set_mode(mode: str) -> None:
    """on_click: choose the setting of use without touching any answer."""
    st.session_state[state.MODE] = mode
    st.session_state[state.GO_TO_EXAM] = "always" if mode == "clinic" else False
    st.session_state.pop("sb_mode", None)


def _load_uploaded(widget_key: str) -> None:
    from .answers import AnswersError, parse_answers_bytes

    up = st.session_state.get(widget_key)
    if up is None:
        return
    try:
        loaded = parse_answers_bytes(up.getvalue())
    except AnswersError as exc:
        kept = " " + text("ui_upload_kept") if st.session_state.get(state.ANSWERS) else ""
        state.flash("error", text("ui_upload_failed", error=exc) + kept)
        return
    state.apply_saved(loaded)
    state.flash("success", text("ui_upload_done", n=len(loaded.answers)))


def resume_panel(key_prefix: str) -> None:
    """Pick up where you left off: open a saved answers file (a link opens by itself)."""
    with st.expander(text("ui_resume_title")):
        st.markdown(text("ui_resume_text"))
        upload_answers(key_prefix)


def upload_answers(key_prefix: str) -> None:
    """The saved-answers file picker; opening a file replaces the answers (nothing is half-loaded)."""
    key = f"{key_prefix}_upload"
    st.file_uploader(
        text("ui_upload_label"),
        type=["json"],
        key=key,
        on_change=_load_uploaded,
        args=(key,),
        max_upload_size=1,
    )


@functools.lru_cache(maxsize=4)
def _svg(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def svg_text(name: str) -> str:
    """An SVG from assets/ as text (st.image draws it; st.html would strip the SVG)."""
    return _svg(name)


def svg_figure(name: str, caption: str) -> str:
    from html import escape

    return f'<figure class="illustration">{_svg(name)}<figcaption>{escape(caption)}</figcaption></figure>'


def glossary_panel(c: Content) -> None:
    """Plain meanings of the medical words used in this aid."""
    with st.expander(c.text("ui_glossary_title")):
        # One element, not one per word: each element costs server time on every rerun.
        st.markdown("\n\n".join(f"**{g.term}**: {g.plain}" for g in c.glossary))


def question_input(q, where: str = "situation", *, compact: bool = False) -> None:
    """One question as a radio group bound to the plain ANSWERS key (survives page switches)."""
    ss = st.session_state
    key = state.question_widget(q.id, where)
    stored = ss[state.ANSWERS].get(q.id)
    # ANSWERS is the one place an answer lives: the widget shows it on every run. A widget value left
    # over from an earlier visit (None, or older than an answer given on another page) never wins:
    # the full suite once showed "Not sure" stored but no radio checked after exam room -> home.
    if stored is not None and ss.get(key) != stored:
        ss[key] = stored
    labels = {ch.value: ch.label for ch in q.choices}
    extra = {} if key in ss else {"index": None}
    # plain words: the label is also the group's accessible name (markdown ** would be read out);
    # app.css makes every widget label bold
    tag = " " + text("ui_from_scan") if q.from_imaging else ""
    st.radio(
        f"{q.text}{tag}",
        options=list(labels),
        format_func=labels.__getitem__,
        key=key,
        on_change=state.keep_answer,
        args=(q.id, where),
        horizontal=compact,
        **extra,
    )
    if q.id in RED_FLAG_QUESTIONS:
        # the level this answer raised, right under it, as soon as it is answered; the banner and the
        # heading's line appear above at the same time and push it down, so on that one run it is
        # scrolled into view (block "nearest": no move when it is already on screen; focus stays)
        a = assessment()
        raised = next((u.level for u in a.urgent_reasons if u.question == q.id), "none")
        line = level_line_html_for(content(), raised, a)
        just = state.take_just_answered(q.id, where)
        if line and just:
            dom_id = f"level-{where}-{q.id}"
            st.html(line.replace("<p ", f'<p id="{dom_id}" ', 1) + _reveal_js().format(id=dom_id),
                    unsafe_allow_javascript=True)
        else:
            level_slot(line)
    if not compact:
        st.markdown(f"{text('ui_why_we_ask')} {q.why}")


def fit_line_short(a: Assessment) -> str:
    return text("ui_fit_line_short", n=len(a.fitting()), total=len(a.options))


def fit_line(a: Assessment) -> str:
    n = len(a.fitting())
    return text("ui_fit_line_one" if n == 1 else "ui_fit_line_many", n=n, total=len(a.options))


def status_overview(c: Content, a: Assessment) -> None:
    """A short list: each option, its status in words and symbol, and the first reason."""
    from .views import STATUS_TEXT

    lines = []
    for o in c.options:
        r = a.options[o.id]
        sym, text = STATUS_TEXT[r.status]
        first = f" — {r.reasons[0].text}" if r.reasons else ""
        lines.append(f"- **{sym} {o.short_name}: {text}**{first}")
    st.markdown("\n".join(lines))


def keyed_toggle(label: str, plain_key: str, widget_key: str) -> bool:
    """A toggle whose value lives in a plain key (survives page switches)."""
    ss = st.session_state
    if widget_key not in ss:
        ss[widget_key] = bool(ss.get(plain_key))

    def _keep() -> None:
        ss[plain_key] = bool(ss[widget_key])

    st.toggle(label, key=widget_key, on_change=_keep)
    return bool(ss[plain_key])


def changed_options(a: Assessment) -> list[str]:
    """Options whose status differs from the one this session saw last (read before changes_note)."""
    before = st.session_state.get(state.PREVIOUS_STATUS) or {}
    return [o for o in a.options if before and before.get(o) != a.status(o)]


def changes_note(c: Content, a: Assessment, *, short: bool = False) -> str:
    """HTML note of what changed since this session last saw the statuses; records the new ones.
    ``short``: one line for the exam room ("Just changed: MILD now “Usually not suitable for you”.")."""
    from html import escape

    from .views import STATUS_TEXT

    ss = st.session_state
    before = ss.get(state.PREVIOUS_STATUS)
    now = {o: a.status(o) for o in a.options}
    ss[state.PREVIOUS_STATUS] = now
    if not before:
        return ""
    changed = [(o, before[o], now[o]) for o in now if before.get(o) != now[o]]
    if not changed:
        return ""
    def name(o: str) -> str:
        return f"<strong>{escape(c.option(o).short_name)}</strong>"

    if short:
        return escape(c.text("ui_changed_short")).format(changes="; ".join(
            escape(c.text("ui_changed_now")).format(option=name(o), status=escape(STATUS_TEXT[new][1]))
            for o, _old, new in changed))
    items = "".join(
        "<li>" + escape(c.text("ui_changed_item")).format(
            option=name(o), old=escape(STATUS_TEXT[old][1]), new=escape(STATUS_TEXT[new][1])) + "</li>"
        for o, old, new in changed
    )
    return f"<strong>{escape(c.text('ui_changed_title'))}</strong><ul>{items}</ul>"


@functools.lru_cache(maxsize=8)
def _chart(kind: str):
    """Charts depend on content only (never on answers), so each is built once per process."""
    from .charts import icon_array_chart, timeline_chart

    c = content()
    if kind == "improve":
        return icon_array_chart(c, "how_many_improve", c.text("chart_improve"))
    if kind == "more":
        return icon_array_chart(c, "more_treatment", c.text("chart_more"))
    if kind == "risk":
        return icon_array_chart(c, "serious_risks", c.text("chart_risk"))
    return timeline_chart(c)


def table_html(rows: list[dict[str, str]], caption: str) -> str:
    from html import escape

    if not rows:
        return ""
    cols = list(rows[0].keys())
    for r in rows[1:]:
        cols += [k for k in r if k not in cols]
    head = "".join(f'<th scope="col">{escape(k)}</th>' for k in cols)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{escape(r.get(k, ""))}</th>' if i == 0
             else f'<td data-label="{escape(k)}">{escape(r.get(k, ""))}</td>')
            for i, k in enumerate(cols)
        ) + "</tr>"
        for r in rows
    )
    return (f'<div class="grid-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="data-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def chart_with_table(c: Content, kind: str) -> None:
    """A chart with its alt text, and the same numbers as a table beside (or below) it."""
    chart = _chart(kind)
    left, right = st.columns([3, 2])
    with left:
        if chart.apart:  # figures that do not measure the same thing are drawn apart: say why first
            st.markdown(chart.apart)
        for i, panel in enumerate(chart.panels):
            st.plotly_chart(panel.figure, key=f"chart_{kind}_{i}", config={"displayModeBar": False, "staticPlot": True},
                            alt=(chart.alt if i == 0 else panel.caption))
            if panel.caption:
                st.markdown(panel.caption)
        st.markdown(chart.note)
        if kind == "risk":
            st.markdown(c.text("chart_risk_note"))
    with right:
        st.html(table_html(chart.table, c.text("chart_table")))


def flash_html() -> str:
    """The one-off message (file or link opened, answers cleared) as one short line item."""
    from html import escape

    msg = state.take_flash()
    if not msg:
        return ""
    kind, text = msg
    sym = {"success": "✓", "error": "✕", "warning": "!"}.get(kind, "i")
    return (f'<p class="xfit xflash xflash-{escape(kind)}" role="status"><span aria-hidden="true">{sym}</span> '
            f"{escape(text)}</p>")


def patient_brief_html(c: Content, *, hide_leaning: bool = False) -> str:
    """What the patient said at home, in one line for the exam room (values, leaning, role, SURE)."""
    from html import escape

    ss = st.session_state
    values = ss[state.VALUES]
    labels = c.deliberation.importance_labels
    top = sorted((v for v in c.deliberation.values if values.get(v.id, 0) >= 3), key=lambda v: -values[v.id])
    lean = ss[state.LEANING]
    lean_text = c.text("urgent_hidden_title") if hide_leaning and lean else leaning_text(c, lean, short=True)
    role_text = next((r.label for r in c.deliberation.roles if r.id == ss[state.ROLE]), c.text("ui_not_said_yet"))
    sure = ss[state.SURE]
    if sure:
        yes, total = sum(1 for v in sure.values() if v), len(c.deliberation.sure)
        sure_text = c.text("exam_brief_sure_yes" if yes == total else "exam_brief_not_sure").format(yes=yes, total=total)
    else:
        sure_text = c.text("ui_not_done_yet")
    matters = ("; ".join(f"{v.label} ({labels[values[v.id]].lower()})" for v in top[:3])
               or c.text("ui_not_rated_yet"))
    items = (  # short items first, so they share one line and "Matters most" gets the next
        (c.text("exam_brief_answered"),
         c.text("exam_brief_questions").format(n=len(ss[state.ANSWERS]), total=len(c.questions))),
        (c.text("exam_brief_leaning"), lean_text),
        (c.text("exam_brief_role"), role_text),
        (c.text("exam_brief_sure"), sure_text),
        (c.text("exam_brief_matters"), matters),
    )
    body = "".join(f"<li><strong>{escape(k)}:</strong> {escape(v)}</li>" for k, v in items)
    return (f'<section class="xbrief" aria-label="{escape(c.text("exam_brief_label"))}"><ul>{body}</ul>'
            "</section>")


def leaning_text(c: Content, lean: str | None, *, short: bool = False) -> str:
    """Where the patient is leaning, in words: an option's name, "not sure yet" or "not said yet"."""
    if not lean:
        return c.text("ui_not_said_yet")
    if lean == "not_sure":
        return c.text("ui_not_sure_yet")
    return c.option(lean).short_name if short else c.option(lean).name


def keep_mapping(plain_key: str, item: str, widget_key: str) -> None:
    """on_change: store a widget value under ``item`` in the dict at ``plain_key``."""
    ss = st.session_state
    new = dict(ss.get(plain_key) or {})
    new[item] = ss[widget_key]
    ss[plain_key] = new


def keep_sure(item: str) -> None:
    ss = st.session_state
    new = dict(ss.get(state.SURE) or {})
    value = ss[state.sure_widget(item)]
    if value is None:
        new.pop(item, None)
    else:
        new[item] = value == "yes"
    ss[state.SURE] = new


def plain_radio(label: str, options: list[str], labels: dict[str, str], plain_key: str, widget_key: str) -> None:
    """A radio group whose value lives in a plain key (None = not chosen yet)."""
    ss = st.session_state
    if widget_key not in ss and ss.get(plain_key) is not None:
        ss[widget_key] = ss[plain_key]

    def _keep() -> None:
        ss[plain_key] = ss[widget_key]

    st.radio(label, options, format_func=labels.__getitem__, key=widget_key, on_change=_keep,
             **({} if widget_key in ss else {"index": None}))


def support_inputs(c: Content, where: str) -> None:
    """The Ottawa guide's questions about the people around the patient (Check page, exam room):
    is anyone else involved, which option they lean to (asked only when someone is), and whether
    the patient feels pressure. Stored in state.SUPPORT through state.keep_support."""
    ss = st.session_state
    stored = ss[state.SUPPORT]
    yes_no = {"yes": c.text("check_yes"), "no": c.text("check_no")}

    def radio(key: str, label: str, options: list[str], labels: dict[str, str], value: str | None) -> None:
        wkey = state.support_widget(key, where)
        if wkey not in ss and value is not None:
            ss[wkey] = value
        st.radio(label, options, format_func=labels.__getitem__, key=wkey, horizontal=len(options) < 3,
                 on_change=state.keep_support, args=(key, where), **({} if wkey in ss else {"index": None}))

    def yn(key: str) -> str | None:
        v = stored.get(key)
        return None if v is None else ("yes" if v else "no")

    radio("others_involved", c.text("check_support_involved_label"), ["yes", "no"], yes_no, yn("others_involved"))
    if ss[state.SUPPORT].get("others_involved"):
        labels = {o.id: o.name for o in c.options} | {"not_sure": c.text("check_support_not_sure")}
        radio("others_leaning", c.text("check_support_leaning_label"), [*(o.id for o in c.options), "not_sure"], labels,
              stored.get("others_leaning"))
    radio("feel_pressure", c.text("check_support_pressure_label"), ["yes", "no"], yes_no, yn("feel_pressure"))
    if ss[state.SUPPORT].get("feel_pressure"):
        st.markdown(c.text("check_support_pressure_note"))


def base_url() -> str:
    """This app's own address (scheme and host), for resume links; localhost when unknown."""
    from .answers import base_from_url

    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - AppTest and bare runs have no request
        url = None
    return base_from_url(url)


def summary_pdf(base: str, page_format: str, *, with_notes: bool = True):
    """A no-argument callable that builds this session's PDF (download buttons call it on another
    thread, which cannot read session state: everything is captured here, in the script run).
    ``with_notes=False``: without the patient's own words (the FHIR record carries none)."""
    import copy

    from .export import build_summary_pdf

    ss = st.session_state
    saved = state.saved()
    notes = str(ss.get(state.NOTES) or "") if with_notes else ""
    expectations = copy.deepcopy(ss.get(state.EXPECTATIONS) or {})
    knowledge = dict(ss.get(state.KNOWLEDGE) or {})
    fmt = "Letter" if page_format == "Letter" else "A4"
    record = state.examined_record() if examined(assessment()) else None

    def build() -> bytes:
        return build_summary_pdf(saved, base_url=base, page_format=fmt, notes=notes,
                                 expectations=expectations, knowledge=knowledge, examined=record)

    return build


def handout_pdf(base: str, page_format: str = "A4"):
    """A no-argument callable that builds this session's one-page option grid (as summary_pdf)."""
    from .handout import build_handout_pdf

    saved = state.saved()
    fmt = "Letter" if page_format == "Letter" else "A4"
    was_examined = examined(assessment())
    return lambda: build_handout_pdf(saved, base_url=base, page_format=fmt, examined=was_examined)


def fhir_bundle(base: str, page_format: str = "A4"):
    """A no-argument callable that builds this session's FHIR bundle (JSON), with the summary PDF
    built as summary_pdf does but without notes: free text stays out of the record, as out of the
    file and the link."""
    from .fhir import bundle_json

    saved = state.saved()
    pdf = summary_pdf(base, page_format, with_notes=False)
    return lambda: bundle_json(saved, pdf=pdf()).encode("utf-8")


def clinic_downloads(key_prefix: str, page_format: str = "A4") -> None:
    """Two buttons for the clinic: "Print one page" (the option grid PDF) and the FHIR record."""
    base = base_url()
    grid_col, fhir_col = st.columns(2)
    with grid_col:
        st.download_button(text("ui_handout_button"), data=handout_pdf(base, page_format),
                           file_name="spinal-stenosis-one-page.pdf", mime="application/pdf",
                           key=f"{key_prefix}_handout", on_click="ignore", width="stretch",
                           help=text("ui_handout_help"))
    with fhir_col:
        st.download_button(text("ui_fhir_button"), data=fhir_bundle(base, page_format),
                           file_name="spinal-stenosis-fhir-bundle.json", mime="application/fhir+json",
                           key=f"{key_prefix}_fhir", on_click="ignore", width="stretch",
                           help=text("ui_fhir_help"))


def clinician_record_html(c: Content, a) -> str:
    """This session's clinician part (the same record.clinician_record the PDF prints), with the exam
    room's "examined: not an emergency" record when it holds for these answers; under a hidden
    comparison (assess.comparison_hidden) without option names or leaning, as on screen."""
    from datetime import date

    from .export import APP_VERSION
    from .record import RecordInput, clinician_record, examined_line

    rec = state.examined_record() if examined(a) else None
    inp = RecordInput(c, state.saved(), a, date.today(), APP_VERSION, examined_line(c, rec), comparison_hidden(a))
    return views.clinician_record_html(clinician_record(inp))


def answers_html(c: Content) -> str:
    """Every answer of this session, grouped as asked (the same record.answer_groups the PDF prints)."""
    from .record import answer_groups

    return views.answers_html(answer_groups(c, state.answers()))


def qr_png(link: str) -> bytes:
    """The QR code of a resume link as PNG bytes (built per request; never cached: it holds answers)."""
    from .export import qr_png_bytes

    return qr_png_bytes(link)
