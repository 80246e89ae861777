"""Home mode's step-by-step walk: "Step N of M" at the top, one part per screen ("Part k of n"),
Back and Next at the bottom (parts first, then pages) and the keyboard focus moved to the new
heading after each move."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import overload

import streamlit as st

from . import state, views
from .frame import level_line_html_for
from .i18n import current_lang
from .parts import Move, Pager, back_move, make_pager, next_move
from .session import assessment, content
from .widgets import stop_panel
from .words import text


# Home mode walks these pages in order (file paths relative to app.py); names: texts.yaml ui_step_*.
class _Steps(Sequence[tuple[str, str]]):
    """(page path, name) of each home step; the name is looked up on use, in the run's language."""

    PAGES = ("start", "learn", "situation", "compare", "values", "check", "summary")

    @overload
    def __getitem__(self, i: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[tuple[str, str]]: ...
    def __getitem__(self, i: int | slice) -> tuple[str, str] | Sequence[tuple[str, str]]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        p = self.PAGES[i]
        return f"pages/{p}.py", text(f"ui_step_{p}")

    def __len__(self) -> int:
        return len(self.PAGES)


HOME_STEPS = _Steps()

# The side menu, in this order (url paths; the files are pages/<path>.py; names: texts.yaml nav_*).
MENU = ("start", "exam", "learn", "situation", "compare", "values", "check", "summary", "evidence", "standards")


def menu_pages() -> list[st.Page]:
    """The side menu's pages for ``st.navigation``, in the run's language. Built once per process
    and language (each ``st.Page`` finds its file on the disk: about 0.5 ms of every run), and
    copied for each run, since ``st.navigation`` marks the page it returns as the one to run."""
    return [copy.copy(p) for p in _menu_pages(current_lang())]


@functools.lru_cache(maxsize=4)   # one list per language: titles and paths, never answers
def _menu_pages(lang: str) -> tuple[st.Page, ...]:
    pages = tuple(st.Page(f"pages/{p}.py", title=text(f"nav_{p}"), url_path=p, default=p == "start") for p in MENU)
    # outside a script run st.Page returns a half-built page (no title): fail here, uncached, not in
    # every session that uses the cached list
    assert all(p.title for p in pages)
    return pages


def _step_index(page_path: str) -> int | None:
    paths = [p for p, _ in HOME_STEPS]
    return paths.index(page_path) if page_path in paths else None


def page_top(url_path: str, scripts: str, listen_html: str = "") -> None:
    """The top of the page (drawn by app.py before the page runs), in one element: the page's
    ``scripts`` (language_ui.scripts_html), in home mode the step path (:func:`step_html`) and
    ``listen_html`` (the page's Listen control). With the scripts alone (the exam room) app.css
    hides it. One element where there were three (docs/performance.md)."""
    steps = step_html(url_path) if st.session_state[state.MODE] == "home" else ""
    st.html(views.Html(scripts + steps + listen_html), unsafe_allow_javascript=True)


def step_html(url_path: str) -> str:
    """Home mode, top of each step: "Step N of M" and the path (the names of all steps, this one
    marked). Plain text, not buttons: moving is Back and Next at the bottom, or the side menu.
    "" on a page that is not a step."""
    i = _step_index(f"pages/{url_path or 'start'}.py")
    return "" if i is None else _step_html(i, current_lang())


@functools.lru_cache(maxsize=32)   # (step, language): static, never answers
def _step_html(i: int, lang: str) -> str:
    attrs = [' class="done"' if k < i else (' aria-current="step" class="now"' if k == i else "")
             for k in range(len(HOME_STEPS))]
    items = "".join(f"<li{a}>{escape(label)}</li>" for a, (_p, label) in zip(attrs, HOME_STEPS, strict=True))
    now = text("ui_step_now", n=i + 1, total=len(HOME_STEPS), step=HOME_STEPS[i][1])
    return (f'<nav class="steps" aria-label="{escape(text("ui_steps_label"))}"><p class="steps-now">{escape(now)}</p>'
            f"<ol>{items}</ol></nav>")


def follow_mode_switch(url_path: str) -> None:
    """Called by app.py before the page runs. Forget where "See the full comparison" was pressed once
    the person is on another page. Home mode: remember the step being drawn; just switched to home
    mode on the exam-room screen: open that step (or Start) instead, answers kept (the exam room
    itself is not a home step)."""
    ss = st.session_state
    page_path = f"pages/{url_path or 'start'}.py"
    o = ss.get(state.ORIGIN)
    if o and not ss.get(state.GO_PAGE) and o.get("to") != page_path:
        ss[state.ORIGIN] = None   # left the page by the menu or a link: Back follows the steps again
    if ss[state.MODE] != "home":
        return
    if ss.get(state.GO_HOME):
        ss[state.GO_HOME] = False
        if url_path == "exam":
            st.switch_page(state.home_page())
    if _step_index(page_path) is not None:
        ss[state.HOME_PAGE] = page_path


COMPARE = "pages/compare.py"


def _open_compare(from_page: str) -> None:
    """on_click of "See the full comparison": Compare at its grid part (not the part seen last),
    focus on its title, and Back there returns to ``from_page`` (at the part the person was on)."""
    ss = st.session_state
    state.apply_language(ss)  # type: ignore[arg-type]
    state.set_part("compare", 0)
    ss[state.ORIGIN] = {"to": COMPARE, "from": from_page, "part": state.part(_page_name(from_page))}
    state.ask_focus("title")
    ss[state.GO_PAGE] = COMPARE


def full_comparison_button(from_page: str, key: str) -> None:
    """ "See the full comparison" (Situation's status list, Summary, the exam room): opens Compare's
    grid part; Compare's Back returns to ``from_page``. Works inside a fragment too (the exam room):
    there app.py does not run, so the page switch is followed here."""
    st.button(text("ui_full_comparison") + " →", key=f"{key}_full_comparison", on_click=_open_compare,
              args=(from_page,))
    if st.session_state.get(state.GO_PAGE) == COMPARE:
        follow_page_move()


def _origin_back(page_path: str) -> Move | None:
    """Back from the first part of the page "See the full comparison" opened: to where it was pressed."""
    o = st.session_state.get(state.ORIGIN)
    if not o or o.get("to") != page_path:
        return None
    return Move(o["from"], int(o.get("part", 0)), False)


def _origin_name(page_path: str) -> str:
    i = _step_index(page_path)
    return HOME_STEPS[i][1] if i is not None else text(f"nav_{_page_name(page_path)}")


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

    if pager.paged:
        # the urgency line sits with the heading in one element: Back/Next focus and scroll to this
        # heading, so the level is in view on every step at every width (the banner is at the top)
        from .language_ui import control_html

        a = assessment()
        label = pager.label(k, text("ui_part_label"))
        st.html(f'<h2 class="part-title">{escape(label)}</h2>'
                + level_line_html_for(content(), a.urgency, a) + control_html(content(), label))
    else:
        from .language_ui import header

        header(content(), f"{k + 1}. {pager.titles[k]}" if number else pager.titles[k])


def _go(move: Move) -> None:
    """on_click of Back/Next: remember the part to open and ask for the focus move; a move to
    another page is followed by :func:`follow_page_move` (a callback cannot switch pages)."""
    state.set_part(_page_name(move.page), move.part)
    st.session_state[state.ORIGIN] = None   # a step move: Back follows the steps again
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
    paged = pager is not None and pager.paged
    n_parts = pager.n if pager is not None and paged else 1
    part = (pager.shown or 0) if pager is not None and paged else 0
    where = "**" + text("ui_step_now").format(n=i + 1, total=n, step=HOME_STEPS[i][1]) + "**"
    if n_parts > 1:
        where += " " + text("ui_step_part").format(n=part + 1, total=n_parts)
    st.markdown("---\n\n" + where)   # the rule and "Step N of M" in one element (was st.divider + markdown)
    back = back_move(paths, page_path, part, n_parts)
    origin = _origin_back(page_path) if part == 0 else None
    nxt = next_move(paths, page_path, part, n_parts)
    # One row (a horizontal container: one block, where two columns were three); the key gives app.css
    # a class to wrap long names, keep Next at the right and stack the two on a phone.
    with st.container(key="step_footer_nav", horizontal=True):
        if origin is not None:   # opened by "See the full comparison": Back returns there
            back, name = origin, _origin_name(origin.page)
            st.button(text("ui_step_back").format(step=name), key=f"step_back_{i}", width="stretch", on_click=_go, args=(back,))
        elif back is not None:
            name = pager.titles[back.part] if back.same_page and pager is not None else HOME_STEPS[i - 1][1]
            st.button(text("ui_step_back").format(step=name), key=f"step_back_{i}", width="stretch", on_click=_go, args=(back,))
        if nxt is not None:
            name = pager.titles[nxt.part] if nxt.same_page and pager is not None else HOME_STEPS[i + 1][1]
            st.button(text("ui_step_next").format(step=name), key=f"step_next_{i}", type="primary", width="stretch",
                      on_click=_go, args=(nxt,))
    if pager is not None and pager.n > 1 and st.session_state[state.MODE] == "home":
        st.toggle(pager.all_label, **state.bind_all_parts(pager.page))
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
