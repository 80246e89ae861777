"""The only module that knows the session-state keys.

Pages read and write patient data through these helpers. Widget keys are derived here too, so a
typo fails at import, not silently at run time. Plain keys (ANSWERS, VALUES, ...) survive page
switches; a widget's own key is dropped when its page is not drawn. So every input goes through one
path, :func:`bind`: the widget is given the stored value before it is drawn (the stored value wins
whenever the two differ) and writes back to the plain key in its ``on_change`` callback (callbacks
run before the script, so the frame drawn by ``app.py`` is never one click behind). The widget keys
that hold patient data are listed here (:data:`PATIENT_WIDGETS`), so opening a file or a link
forgets exactly those.

Per-user data lives only here, in memory, for the life of the browser session: never in a cache,
a file, a log or a module global.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from .answers import AnswersError, Saved, decode_link
from .contract import EXPECTATION_IDS, KNOWLEDGE_ITEMS, LEANINGS, OPTION_IDS, QUESTIONS, SUPPORT_KEYS, SURE_ITEMS, VALUE_IDS
from .words import text

# plain keys --------------------------------------------------------------------------------------
ANSWERS = "answers"  # question id -> answer value
VALUES = "values"  # value id -> importance 0..4 (absent: not rated, or "I'd rather not say")
LEANING = "leaning"  # option id, "not_sure" or None
ROLE = "decision_role"  # decision role id or None
SURE = "sure"  # SURE item -> bool
MODE = "mode"  # "home" or "clinic"
LANG = "lang"  # "en" or "es" (decision_aid/language.py); never in a file or link
LARGE_TEXT = "large_text"  # bool
SHOW_ALL = "show_all_equally"  # bool: Compare ignores the narrowing
PREVIOUS_STATUS = "previous_status"  # the assessment this session last showed, for "what changed" (assess.changes)
EXPECTATIONS = "expectations"  # expectation id -> {option: guess}
KNOWLEDGE = "knowledge"  # knowledge item id -> chosen answer
SUPPORT = "support"  # Ottawa guide: others_involved (bool), others_leaning (option/not_sure), feel_pressure (bool)
NOTES = "notes"  # the patient's own notes: session only, never exported to file or link
FLASH = "flash"  # (kind, message) shown once at the top of the next run
RESUME_SEEN = "resume_seen"  # the last ``r`` parameter processed, so it is applied once
GO_TO_EXAM = "go_to_exam"  # False, "always" or "from_start": the mode just became "clinic"; open the exam page once
FRAME_URGENT = "frame_urgent"  # the urgency level the frame drew on the last full run ("none" if none; "+examined" when reworded)
PART = "part"  # page name ("situation", "compare", ...) -> part shown in home mode (parts.LAST = its last)
ALL_PARTS = "all_parts"  # page name -> True: the patient chose "all on one page"
GO_PAGE = "go_page"  # a Back/Next press that leaves the page: the page to open (followed once by app.py)
FOCUS = "focus_heading"  # after a Back/Next press: {"to": "title" or "part", "n": count}; consumed once
JUST_ANSWERED = "just_answered"  # (where, question id) of the answer given on this run; consumed once
HOME_PAGE = "home_page"  # the home step last drawn in home mode ("pages/compare.py"): the exam room's "At home" returns there
GO_HOME = "go_home"  # the sidebar just switched to home mode: leave the exam room for HOME_PAGE once
ORIGIN = "origin"  # {"to", "from", "part"}: "See the full comparison" opened Compare; its Back returns there
CONFIRM_CLEAR = "confirm_clear"  # "Start again" was pressed: ask before deleting (frame.confirm_clear)
UPLOAD_NOTE = "upload_note"  # (uploader key, kind, message): what opening a file did, shown next to that uploader once
# exam room: {"questions": [...], "at": "..."}: a clinician recorded "examined: not an emergency";
# session only, never in a file or link
EXAMINED = "examined"
# (answers, assessment) of the last run that asked: session.assessment computes once per change of answers
ASSESSED = "assessed"
# (link, PNG bytes) of the resume link's QR code last drawn on Summary: downloads.qr_png builds it once per link
QR_PNG = "qr_png"
# True from the start of a full run (app.py, begin_run) to its end (end_run): still True when the next
# run starts means that run was cut short (a click while it ran, st.switch_page, st.stop)
RUN_OPEN = "run_open"
# this run draws every bound input with its stored value (bind): the run before was cut short
RESEED = "reseed"

MODES = ("home", "clinic")
LANGS = ("en", "es")  # the same as language.LANGS (that module reads this one's keys)

_DEFAULTS: dict[str, Any] = {
    ANSWERS: {},
    VALUES: {},
    LEANING: None,
    ROLE: None,
    SURE: {},
    MODE: "home",
    LANG: "en",
    LARGE_TEXT: False,
    SHOW_ALL: False,
    PREVIOUS_STATUS: None,
    EXPECTATIONS: {},
    KNOWLEDGE: {},
    SUPPORT: {},
    NOTES: "",
    FLASH: None,
    RESUME_SEEN: None,
    GO_TO_EXAM: False,
    FRAME_URGENT: "none",
    PART: {},
    ALL_PARTS: {},
    GO_PAGE: None,
    FOCUS: None,
    EXAMINED: None,
    JUST_ANSWERED: None,
    RUN_OPEN: False,
    RESEED: False,
    HOME_PAGE: None,
    GO_HOME: False,
    ORIGIN: None,
    CONFIRM_CLEAR: False,
    UPLOAD_NOTE: None,
}
# set last by init_state: every default above is in the session (only clear_all deletes them, and it
# sets them again), so later runs check this one key instead of all of them
READY = "state_ready"


def _ss() -> MutableMapping[str, Any]:
    import streamlit as st

    return st.session_state  # type: ignore[return-value]  # a MutableMapping at run time; its stubs do not say so


def init_state(ss: MutableMapping[str, Any] | None = None) -> None:
    """Set every missing key to a fresh copy of its default (never a shared mutable)."""
    ss = _ss() if ss is None else ss
    if READY in ss:
        return
    present = set(ss)   # one pass over the (still small) state, not a failed look-up per missing key
    for key, default in _DEFAULTS.items():
        if key not in present:
            ss[key] = copy.deepcopy(default) if isinstance(default, dict) else default   # the others are immutable
    ss[READY] = True


def begin_run(ss: MutableMapping[str, Any] | None = None) -> None:
    """Called by app.py at the start of every full run: was the last one cut short (see RESEED)?"""
    ss = _ss() if ss is None else ss
    ss[RESEED] = bool(ss.get(RUN_OPEN))
    ss[RUN_OPEN] = True


def end_run(ss: MutableMapping[str, Any] | None = None) -> None:
    """Called by app.py when the page has run to its end: the next fragment reruns need not send
    every stored value again (only a run after one cut short does)."""
    ss = _ss() if ss is None else ss
    ss[RUN_OPEN] = False
    ss[RESEED] = False


def initialised(ss: MutableMapping[str, Any] | None = None) -> bool:
    """Whether init_state() has run in this session (app.py calls it first on every run)."""
    ss = _ss() if ss is None else ss
    return READY in ss


# widget keys ---------------------------------------------------------------------------------------
# Every widget that holds patient data has its key made here and listed in PATIENT_WIDGETS: opening a
# file or a link (apply_saved) forgets exactly these, so each is drawn again from the new answers.

QUESTION_PLACES = ("situation", "clinic", "home")
SUPPORT_PLACES = ("check", "exam")
PAGES_WITH_PARTS = ("situation", "compare", "values", "check")

# other inputs bound to a plain key (not patient data, so never forgotten by a file or link)
MODE_WIDGET = "sb_mode"
LARGE_TEXT_WIDGET = "text_size"  # its element carries the class st-key-text_size (app.css pins it top right)
SHOW_ALL_WIDGET = "compare_show_all"
NOTES_WIDGET = "summary_notes"
EXAMINED_WIDGET = "exam_examined"
LEANING_WIDGET = "check_leaning"
ROLE_WIDGET = "check_role"


def panel_widget(name: str) -> str:
    """Open or not, for a folded panel whose content is drawn only while open (widgets.folded, the
    exam room's pop-ups): "open_<name>". Not patient data: never in a file or link."""
    assert name.replace("_", "").isalnum(), name
    return f"open_{name}"


# the exam room's folded panels (pages/exam.py)
EXAM_FLAGS_PANEL = panel_widget("exam_flags")
EXAM_FILE_PANEL = panel_widget("exam_file")
EXAM_RECORD_PANEL = panel_widget("exam_record")


def question_widget(question_id: str, where: str = "situation") -> str:
    assert question_id in QUESTIONS and where in QUESTION_PLACES, (question_id, where)
    return f"{where}_q_{question_id}"


def value_widget(value_id: str) -> str:
    assert value_id in VALUE_IDS, value_id
    return f"values_v_{value_id}"


def all_parts_widget(page: str) -> str:
    """The "all on one page" toggle of a step page with parts ("situation_all", "compare_all", ...)."""
    assert page in PAGES_WITH_PARTS, page
    return f"{page}_all"


def sure_widget(item: str) -> str:
    assert item in SURE_ITEMS, item
    return f"check_sure_{item}"


def knowledge_widget(item: str) -> str:
    assert item in KNOWLEDGE_ITEMS, item
    return f"check_know_{item}"


def expectation_widget(expectation_id: str, option_id: str) -> str:
    """One guess slider of the expectation forms on the Check page."""
    assert expectation_id in EXPECTATION_IDS and option_id in OPTION_IDS, (expectation_id, option_id)
    return f"check_exp_{expectation_id}_{option_id}"


def support_widget(key: str, where: str = "check") -> str:
    """The widget of one support question (Check page or exam room)."""
    assert key in SUPPORT_KEYS and where in SUPPORT_PLACES, (key, where)
    return f"support_{where}_{key}"


PATIENT_WIDGETS: frozenset[str] = frozenset(
    [question_widget(q, w) for q in QUESTIONS for w in QUESTION_PLACES]
    + [value_widget(v) for v in VALUE_IDS]
    + [sure_widget(i) for i in SURE_ITEMS]
    + [knowledge_widget(k) for k in KNOWLEDGE_ITEMS]
    + [expectation_widget(e, o) for e in EXPECTATION_IDS for o in OPTION_IDS]
    + [support_widget(k, w) for k in SUPPORT_KEYS for w in SUPPORT_PLACES]
    + [LEANING_WIDGET, ROLE_WIDGET]
)


# reading -----------------------------------------------------------------------------------------


def answers(ss: MutableMapping[str, Any] | None = None) -> dict[str, str]:
    ss = _ss() if ss is None else ss
    return dict(ss.get(ANSWERS) or {})


def saved(ss: MutableMapping[str, Any] | None = None) -> Saved:
    """Everything that goes into a file or a link (never the free-text notes)."""
    ss = _ss() if ss is None else ss
    return Saved(
        answers=dict(ss.get(ANSWERS) or {}),
        values=dict(ss.get(VALUES) or {}),
        leaning=ss.get(LEANING),
        decision_role=ss.get(ROLE),
        sure=dict(ss.get(SURE) or {}),
        expectations={e: dict(g) for e, g in (ss.get(EXPECTATIONS) or {}).items() if g},
        knowledge=dict(ss.get(KNOWLEDGE) or {}),
        support=dict(ss.get(SUPPORT) or {}),
    )


def part(page: str, ss: MutableMapping[str, Any] | None = None) -> int:
    """The stored part index of ``page`` (0 when never moved; may be parts.LAST)."""
    ss = _ss() if ss is None else ss
    return int((ss.get(PART) or {}).get(page, 0))


def all_parts(page: str, ss: MutableMapping[str, Any] | None = None) -> bool:
    ss = _ss() if ss is None else ss
    return bool((ss.get(ALL_PARTS) or {}).get(page, False))


# binding a widget to its stored value ------------------------------------------------------------


def bind(widget_key: str, stored: Any, write: Callable[[Any], None], *, blank: bool = False) -> dict[str, Any]:
    """The one path of an input: keyword arguments for the Streamlit widget ``widget_key``.

    ``stored`` is the stored value in the widget's terms (None: nothing stored yet). The widget is
    given it before it is drawn whenever the two differ: the stored value always wins, so a widget
    value left from an earlier visit (or from another page drawing the same answer) is never shown
    over a newer answer. On change, ``write(new widget value)`` stores it (callbacks run before the
    script). ``blank``: a choice with nothing chosen yet is drawn with no option selected."""
    ss = _ss()
    # Also after a run that was cut short (RESEED): it may have given the widget its value here and
    # stopped before the widget reached the browser. The value then stays in session state (Streamlit
    # drops no widget state after a stopped run), so "the two differ" is False on the next run, no
    # value is sent, and the browser draws the widget new with its default: an answer stored but
    # its radio shown unchecked (the exam room -> home flake of tests/e2e/test_modes.py).
    if stored is not None and (ss.get(widget_key) != stored or ss.get(RESEED)):
        ss[widget_key] = stored

    def _changed() -> None:
        apply_language(ss)   # a callback runs before app.py: the session's language first
        write(ss.get(widget_key))

    kwargs: dict[str, Any] = {"key": widget_key, "on_change": _changed}
    if blank and widget_key not in ss:
        kwargs["index"] = None
    return kwargs


def apply_language(ss: Mapping[str, Any]) -> None:
    """The session's language for this thread's text look-ups (as language.apply, without the import
    cycle): each callback and run is a thread of its own."""
    from .i18n import set_lang

    lang = ss.get(LANG)
    set_lang(lang if lang in LANGS else "en")


def _store_in(plain_key: str, item: str | None = None) -> Callable[[Any], None]:
    """A writer for :func:`bind`: the value goes to ``plain_key`` (or its dict entry ``item``)."""

    def write(value: Any) -> None:
        ss = _ss()
        if item is None:
            ss[plain_key] = value
        else:
            ss[plain_key] = {**(ss.get(plain_key) or {}), item: value}

    return write


def bind_answer(question_id: str, where: str) -> dict[str, Any]:
    """A question's radio group (Your situation, exam room): bound to ANSWERS."""

    def write(value: Any) -> None:
        ss = _ss()
        set_answer(question_id, value, ss)
        ss[JUST_ANSWERED] = (where, question_id)

    return bind(question_widget(question_id, where), answers().get(question_id), write, blank=True)


VALUE_SKIP = "skip"
"""The choice "I'd rather not say" of a value (What matters): nothing is stored, as when never rated."""


def bind_value(value_id: str) -> dict[str, Any]:
    """A value's importance choice (What matters): bound to VALUES. Never rated, or "I'd rather not
    say" (:data:`VALUE_SKIP`): absent from VALUES, so it stays unset in the file and the link (not
    "not important"). Drawn with nothing chosen until the person chooses."""
    stored = (_ss().get(VALUES) or {}).get(value_id)

    def write(value: Any) -> None:
        ss = _ss()
        new = dict(ss.get(VALUES) or {})
        if value is None or value == VALUE_SKIP:
            new.pop(value_id, None)
        else:
            new[value_id] = int(value)
        ss[VALUES] = new

    return bind(value_widget(value_id), None if stored is None else int(stored), write, blank=True)


def bind_sure(item: str) -> dict[str, Any]:
    """A SURE item's yes/no radio: bound to SURE as a bool (no choice: not stored)."""
    stored = (_ss().get(SURE) or {}).get(item)

    def write(value: Any) -> None:
        ss = _ss()
        new = dict(ss.get(SURE) or {})
        if value is None:
            new.pop(item, None)
        else:
            new[item] = value == "yes"
        ss[SURE] = new

    return bind(sure_widget(item), None if stored is None else ("yes" if stored else "no"), write, blank=True)


def bind_knowledge(item: str) -> dict[str, Any]:
    """A knowledge-check radio: bound to KNOWLEDGE."""
    return bind(knowledge_widget(item), (_ss().get(KNOWLEDGE) or {}).get(item), _store_in(KNOWLEDGE, item), blank=True)


def bind_leaning() -> dict[str, Any]:
    return bind(LEANING_WIDGET, _ss().get(LEANING), _store_in(LEANING), blank=True)


def bind_role() -> dict[str, Any]:
    return bind(ROLE_WIDGET, _ss().get(ROLE), _store_in(ROLE), blank=True)


def bind_support(key: str, where: str) -> dict[str, Any]:
    """One support question (Check page, exam room): bound to SUPPORT ("yes"/"no" stored as a bool)."""
    v = (_ss().get(SUPPORT) or {}).get(key)
    stored = v if key == "others_leaning" or v is None else ("yes" if v else "no")

    def write(raw: Any) -> None:
        set_support(key, raw if key == "others_leaning" or raw is None else raw == "yes")

    return bind(support_widget(key, where), stored, write, blank=True)


def bind_all_parts(page: str) -> dict[str, Any]:
    """The "all on one page" toggle of a step page: bound to ALL_PARTS."""
    return bind(all_parts_widget(page), all_parts(page), lambda v: _store_in(ALL_PARTS, page)(bool(v)))


def bind_flag(widget_key: str, plain_key: str) -> dict[str, Any]:
    """A toggle bound to a plain bool key (larger text, "show all equally")."""
    return bind(widget_key, bool(_ss().get(plain_key)), lambda v: _store_in(plain_key)(bool(v)))


def bind_mode() -> dict[str, Any]:
    """The sidebar's setting of use: bound to MODE; switching to the exam room opens its screen."""
    return bind(MODE_WIDGET, _ss().get(MODE, "home"), set_mode)


def bind_notes() -> dict[str, Any]:
    """The patient's own notes (Summary): bound to NOTES (session only)."""
    return bind(NOTES_WIDGET, _ss().get(NOTES) or "", lambda v: _store_in(NOTES)(str(v or "")))


def set_mode(mode: str) -> None:
    """Choose the setting of use without touching any answer; the exam room then opens its screen."""
    ss = _ss()
    ss[MODE] = mode
    ss[GO_TO_EXAM] = "always" if mode == "clinic" else False
    ss[GO_HOME] = mode == "home"   # the exam room gives way to the home step the patient was on


def home_page(ss: MutableMapping[str, Any] | None = None) -> str:
    """The home step to return to from the exam room: the last one drawn in home mode, else Start."""
    ss = _ss() if ss is None else ss
    return ss.get(HOME_PAGE) or "pages/start.py"


# writing -------------------------------------------------------------------------------------------


def set_answer(question_id: str, value: str | None, ss: MutableMapping[str, Any] | None = None) -> None:
    ss = _ss() if ss is None else ss
    new = dict(ss.get(ANSWERS) or {})
    if value is None:
        new.pop(question_id, None)
    else:
        assert value in QUESTIONS[question_id], (question_id, value)
        new[question_id] = value
    ss[ANSWERS] = new


def take_just_answered(question_id: str, where: str, ss: MutableMapping[str, Any] | None = None) -> bool:
    """Whether this question (drawn at ``where``) was answered on this run; True once."""
    ss = _ss() if ss is None else ss
    if ss.get(JUST_ANSWERED) != (where, question_id):
        return False
    ss[JUST_ANSWERED] = None
    return True


def set_part(page: str, index: int, ss: MutableMapping[str, Any] | None = None) -> None:
    ss = _ss() if ss is None else ss
    ss[PART] = {**(ss.get(PART) or {}), page: int(index)}


def ask_focus(to: str, ss: MutableMapping[str, Any] | None = None) -> None:
    """A Back/Next press: on the next drawing, move keyboard focus to the page title ("title") or
    to the part heading ("part"). The count makes each request a new script (see navigation.focus_script)."""
    assert to in ("title", "part"), to
    ss = _ss() if ss is None else ss
    n = int((ss.get(FOCUS) or {}).get("n", 0)) if isinstance(ss.get(FOCUS), dict) else 0
    ss[FOCUS] = {"to": to, "n": n + 1, "pending": True}


def take_focus(ss: MutableMapping[str, Any] | None = None) -> dict | None:
    """The pending focus request, once (later reruns, e.g. answering a question, get None)."""
    ss = _ss() if ss is None else ss
    f = ss.get(FOCUS)
    if not isinstance(f, dict) or not f.get("pending"):
        return None
    ss[FOCUS] = {**f, "pending": False}
    return {"to": f["to"], "n": f["n"]}


def apply_saved(loaded: Saved, ss: MutableMapping[str, Any] | None = None) -> None:
    """Replace the patient's data with ``loaded`` (a whole, validated file or link)."""
    ss = _ss() if ss is None else ss
    ss[ANSWERS] = dict(loaded.answers)
    ss[VALUES] = dict(loaded.values)
    ss[LEANING] = loaded.leaning
    ss[ROLE] = loaded.decision_role
    ss[SURE] = dict(loaded.sure)
    ss[EXPECTATIONS] = {e: dict(g) for e, g in loaded.expectations.items()}
    ss[KNOWLEDGE] = dict(loaded.knowledge)
    ss[SUPPORT] = dict(loaded.support)
    drop_examined(ss)  # another file or link: the examination was of the answers before it
    _forget_widgets(ss)


def clear_all(ss: MutableMapping[str, Any] | None = None) -> None:
    """Start again: forget every answer in this session."""
    ss = _ss() if ss is None else ss
    mode, large, lang = ss.get(MODE, "home"), ss.get(LARGE_TEXT, False), ss.get(LANG, "en")
    for key in list(ss.keys()):
        del ss[key]
    init_state(ss)
    ss[MODE], ss[LARGE_TEXT], ss[LANG] = mode, large, lang


def _forget_widgets(ss: MutableMapping[str, Any]) -> None:
    for key in PATIENT_WIDGETS:
        ss.pop(key, None)


def examined_record(ss: MutableMapping[str, Any] | None = None) -> dict | None:
    """The clinician's "examined: not an emergency" record, or None (see assess.examination_holds)."""
    ss = _ss() if ss is None else ss
    rec = ss.get(EXAMINED)
    return dict(rec) if isinstance(rec, dict) else None


def record_examined(questions: tuple[str, ...], at: str, ss: MutableMapping[str, Any] | None = None) -> None:
    """Record "examined: not an emergency" for these warning-sign questions at time ``at``."""
    ss = _ss() if ss is None else ss
    ss[EXAMINED] = {"questions": list(questions), "at": at}


def drop_examined(ss: MutableMapping[str, Any] | None = None) -> None:
    ss = _ss() if ss is None else ss
    ss[EXAMINED] = None
    ss.pop(EXAMINED_WIDGET, None)



def set_support(key: str, value: Any, ss: MutableMapping[str, Any] | None = None) -> None:
    """Store one support answer (None forgets it); others' leaning is forgotten with "no one else"."""
    ss = _ss() if ss is None else ss
    assert key in SUPPORT_KEYS, key
    assert value is None or (value in LEANINGS if key == "others_leaning" else isinstance(value, bool)), (key, value)
    new = dict(ss.get(SUPPORT) or {})
    if value is None:
        new.pop(key, None)
    else:
        new[key] = value
    ss[SUPPORT] = new


def flash(kind: str, message: str) -> None:
    """A message shown once at the top of the next run ("info", "success", "warning", "error")."""
    _ss()[FLASH] = (kind, message)


def take_flash() -> tuple[str, str] | None:
    ss = _ss()
    msg = ss.get(FLASH)
    ss[FLASH] = None
    return msg


def apply_query_params(params: MutableMapping[str, Any], ss: MutableMapping[str, Any] | None = None) -> None:
    """Apply ``?mode=``, ``?lang=`` and ``?r=`` once per distinct link. A bad link keeps the current
    answers. The language never comes from ``r``: a link opens in the language asked for, or the
    session's (English at first)."""
    ss = _ss() if ss is None else ss
    mode = params.get("mode")
    if mode in MODES:
        ss[MODE] = mode
    lang = params.get("lang")
    if lang in LANGS:
        ss[LANG] = lang
    code = params.get("r")
    if code is None or code == ss.get(RESUME_SEEN):
        return
    ss[RESUME_SEEN] = code
    from .i18n import language

    now = ss.get(LANG)
    with language(now if isinstance(now, str) and now in LANGS else "en"):   # the link's messages in the
        _apply_link(code, ss)                                    # session's language (the run's is set later)


def _apply_link(code: Any, ss: MutableMapping[str, Any]) -> None:
    try:
        loaded = decode_link(code)
    except AnswersError as exc:
        had = bool(ss.get(ANSWERS))
        keep = text("link_kept" if had else "link_afresh")
        ss[FLASH] = ("error", f"{exc} {keep}")
        return
    apply_saved(loaded, ss)
    n = len(loaded.answers)
    ss[FLASH] = ("success", text("link_opened", n=n))
