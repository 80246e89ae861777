"""The only module that knows the session-state keys.

Pages read and write patient data through these helpers. Widget keys are derived here too, so a
typo fails at import, not silently at run time. Plain keys (ANSWERS, VALUES, ...) survive page
switches; a widget's own key is dropped when its page is not drawn, so every widget copies its value
to a plain key in an ``on_change`` callback (callbacks run before the script, so the frame drawn by
``app.py`` is never one click behind).

Per-user data lives only here, in memory, for the life of the browser session: never in a cache,
a file, a log or a module global.
"""

from __future__ import annotations

import copy
from collections.abc import MutableMapping
from typing import Any

from .answers import AnswersError, Saved, _t, decode_link
from .contract import LEANINGS, QUESTIONS, SUPPORT_KEYS, SURE_ITEMS, VALUE_IDS

# plain keys --------------------------------------------------------------------------------------
ANSWERS = "answers"  # question id -> answer value
VALUES = "values"  # value id -> importance 0..4
LEANING = "leaning"  # option id, "not_sure" or None
ROLE = "decision_role"  # decision role id or None
SURE = "sure"  # SURE item -> bool
MODE = "mode"  # "home" or "clinic"
LANG = "lang"  # "en" or "es" (decision_aid/language.py); never in a file or link
LARGE_TEXT = "large_text"  # bool
SHOW_ALL = "show_all_equally"  # bool: Compare ignores the narrowing
PREVIOUS_STATUS = "previous_status"  # option -> status, for "what changed"
EXPECTATIONS = "expectations"  # expectation id -> {option: guess}
KNOWLEDGE = "knowledge"  # knowledge item id -> chosen answer
SUPPORT = "support"  # Ottawa guide: others_involved (bool), others_leaning (option/not_sure), feel_pressure (bool)
NOTES = "notes"  # the patient's own notes: session only, never exported to file or link
FLASH = "flash"  # (kind, message) shown once at the top of the next run
RESUME_SEEN = "resume_seen"  # the last ``r`` parameter processed, so it is applied once
HOME_STEP = "home_step"  # index of the current step in home mode
GO_TO_EXAM = "go_to_exam"  # False, "always" or "from_start": the mode just became "clinic"; open the exam page once
FRAME_URGENT = "frame_urgent"  # the urgency level the frame drew on the last full run ("none" if none; "+examined" when reworded)
PART = "part"  # page name ("situation", "compare", ...) -> part shown in home mode (parts.LAST = its last)
ALL_PARTS = "all_parts"  # page name -> True: the patient chose "all on one page"
GO_PAGE = "go_page"  # a Back/Next press that leaves the page: the page to open (followed once by app.py)
FOCUS = "focus_heading"  # after a Back/Next press: {"to": "title" or "part", "n": count}; consumed once
JUST_ANSWERED = "just_answered"  # (where, question id) of the answer given on this run; consumed once
# exam room: {"questions": [...], "at": "..."}: a clinician recorded "examined: not an emergency";
# session only, never in a file or link
EXAMINED = "examined"
# (answers, assessment) of the last run that asked: ui.assessment computes once per change of answers
ASSESSED = "assessed"

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
    HOME_STEP: 0,
    GO_TO_EXAM: False,
    FRAME_URGENT: "none",
    PART: {},
    ALL_PARTS: {},
    GO_PAGE: None,
    FOCUS: None,
    EXAMINED: None,
    JUST_ANSWERED: None,
}


def _ss() -> MutableMapping[str, Any]:
    import streamlit as st

    return st.session_state


def init_state(ss: MutableMapping[str, Any] | None = None) -> None:
    """Set every missing key to a fresh copy of its default (never a shared mutable)."""
    ss = _ss() if ss is None else ss
    for key, default in _DEFAULTS.items():
        if key not in ss:
            ss[key] = copy.deepcopy(default)


def initialised(ss: MutableMapping[str, Any] | None = None) -> bool:
    """Whether init_state() has run in this session (app.py calls it first on every run)."""
    ss = _ss() if ss is None else ss
    return MODE in ss


# widget keys ---------------------------------------------------------------------------------------


def question_widget(question_id: str, where: str = "situation") -> str:
    assert question_id in QUESTIONS, question_id
    return f"{where}_q_{question_id}"


def value_widget(value_id: str) -> str:
    assert value_id in VALUE_IDS, value_id
    return f"values_v_{value_id}"


def all_parts_widget(page: str) -> str:
    """The "all on one page" toggle of a step page with parts ("situation_all", "compare_all", ...)."""
    assert page in PAGES_WITH_PARTS, page
    return f"{page}_all"


PAGES_WITH_PARTS = ("situation", "compare", "values", "check")


def sure_widget(item: str) -> str:
    assert item in SURE_ITEMS, item
    return f"check_sure_{item}"


SUPPORT_PLACES = ("check", "exam")


def support_widget(key: str, where: str = "check") -> str:
    """The widget of one support question (Check page or exam room)."""
    assert key in SUPPORT_KEYS and where in SUPPORT_PLACES, (key, where)
    return f"support_{where}_{key}"


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


# writing (callbacks) -------------------------------------------------------------------------------


def set_answer(question_id: str, value: str | None, ss: MutableMapping[str, Any] | None = None) -> None:
    ss = _ss() if ss is None else ss
    new = dict(ss.get(ANSWERS) or {})
    if value is None:
        new.pop(question_id, None)
    else:
        assert value in QUESTIONS[question_id], (question_id, value)
        new[question_id] = value
    ss[ANSWERS] = new


def keep_answer(question_id: str, where: str = "situation") -> None:
    """on_change callback of a question widget: copy its value to the plain ANSWERS key."""
    ss = _ss()
    set_answer(question_id, ss.get(question_widget(question_id, where)), ss)
    ss[JUST_ANSWERED] = (where, question_id)
    # the same question may be drawn on another page (exam room): let it re-read the new value
    for other in ("situation", "clinic", "home"):
        if other != where:
            ss.pop(question_widget(question_id, other), None)


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


def keep_all_parts(page: str) -> None:
    """on_change of the "all on one page" toggle: copy it to the plain ALL_PARTS key."""
    ss = _ss()
    ss[ALL_PARTS] = {**(ss.get(ALL_PARTS) or {}), page: bool(ss.get(all_parts_widget(page)))}


def ask_focus(to: str, ss: MutableMapping[str, Any] | None = None) -> None:
    """A Back/Next press: on the next drawing, move keyboard focus to the page title ("title") or
    to the part heading ("part"). The count makes each request a new script (see ui.focus_script)."""
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


def prime_widget(widget_key: str, value: Any) -> None:
    """Give a widget its stored value before it is drawn (never pass value= as well)."""
    ss = _ss()
    if widget_key not in ss:
        ss[widget_key] = value


def keep_value(value_id: str) -> None:
    ss = _ss()
    new = dict(ss.get(VALUES) or {})
    new[value_id] = int(ss[value_widget(value_id)])
    ss[VALUES] = new


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
    for key in list(ss.keys()):
        if isinstance(key, str) and ("_q_" in key or key.startswith(("values_v_", "check_", "support_"))):
            del ss[key]


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


EXAMINED_WIDGET = "exam_examined"


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


def keep_support(key: str, where: str) -> None:
    """on_change of a support widget: copy it to the plain SUPPORT key; the other place re-reads it."""
    ss = _ss()
    raw = ss.get(support_widget(key, where))
    value = raw if key == "others_leaning" or raw is None else raw == "yes"
    set_support(key, value, ss)
    for other in SUPPORT_PLACES:
        if other != where:
            ss.pop(support_widget(key, other), None)


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
    try:
        loaded = decode_link(code)
    except AnswersError as exc:
        had = bool(ss.get(ANSWERS))
        keep = _t("link_kept" if had else "link_afresh")
        ss[FLASH] = ("error", f"{exc} {keep}")
        return
    apply_saved(loaded, ss)
    n = len(loaded.answers)
    ss[FLASH] = ("success", _t("link_opened", n=n))
