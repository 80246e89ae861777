"""Read, write and link the patient's saved answers (contract sections 4 and 7). Pure.

Nothing here touches the server's disk: files are built and read in memory, and the resume link
carries everything. Every reader either returns a complete :class:`Saved` or raises
:class:`AnswersError` with one clear line naming the key and, for a bad value, the allowed values.
Nothing is half-loaded.

Resume link, version 3 (compact, URL-safe, checksummed)::

    3.<answers>.<values>.<deliberation>.<more>.<check>

* answers: one character per question in ``contract.QUESTIONS`` order: ``0`` = unanswered,
  ``1``.. = the position of the value in the contract's list of allowed values;
* values: one character per ``contract.VALUE_IDS``: ``-`` = not rated, ``0``-``4`` importance;
* deliberation: leaning (``-`` or ``a``.. in ``contract.LEANINGS`` order), decision role (``-`` or
  ``a``..), then the four SURE items (``-`` not answered, ``y``, ``n``);
* more (version 3 only): what the person did on the Check page and who is around them:
  the expectation guesses, two characters per option (``contract.OPTION_IDS`` order) for each of
  ``contract.EXPECTATION_IDS``: ``--`` = no guess, else the guess 0..100 as two base-36 digits;
  then one character per knowledge-check item (``contract.KNOWLEDGE_ITEMS`` order): ``-`` or
  ``a``.. the position of the chosen answer; then the support answers: others involved (``-``,
  ``y``, ``n``), their leaning (``-`` or ``a``.. in ``contract.LEANINGS`` order), feels pressure
  (``-``, ``y``, ``n``);
* check: the CRC-32 of everything before it, as seven base-36 characters. A CRC-32 catches every
  change of one character and every swap of two neighbouring ones (tests/unit/test_answers.py
  tries them all).

Version 3 (this one) is version 2 with one answer character for each of the 26 questions and the
``more`` part (expectations, knowledge check, support: 27 characters);
version 2 links (23 questions: made before ``symptom_severity``, ``daily_opioids`` and ``medicare``
were added) still open, with those three unanswered.

Version 1 links (the same, with only two check characters: CRC-32 mod 1296) are still read, so
links patients saved before keep working; with two characters about 1 in 12,500 single-character
changes slipped through as other valid answers, which is why version 2 exists.
"""

from __future__ import annotations

import json
import string
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from .contract import (
    ANSWERS_SCHEMA,
    ANSWERS_VERSION,
    DECISION_ROLES,
    DELIBERATION_KEYS,
    EXPECTATION_IDS,
    GUESS_MAX,
    GUESS_MIN,
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    KNOWLEDGE_ITEMS,
    LEANINGS,
    OPTION_IDS,
    QUESTIONS,
    QUESTIONS_IN_LINK_VERSION,
    SUPPORT_KEYS,
    SURE_ITEMS,
    VALUE_IDS,
)
from .words import text as _t  # short: every message below is one

MAX_FILE_BYTES = 64 * 1024
"""Answers files are about 1 KB; anything over this is refused before parsing."""
MAX_LINK_CHARS = 200
LINK_VERSION = "3"
READ_LINK_VERSIONS = ("1", "2", "3")  # older links keep opening
_TOP_KEYS = ("schema", "version", "answers", "values", "deliberation")
_B36 = string.digits + string.ascii_lowercase


class AnswersError(ValueError):
    """Invalid answers file or link. ``str(err)`` is one line meant for the user."""


def _size(n: int) -> str:
    """A byte count as the current language writes numbers ("65,546" / "65 546")."""
    from .i18n import format_number

    return format_number(n)


@dataclass(frozen=True)
class Saved:
    """Everything a patient can carry between devices. Free-text notes are never included."""

    answers: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, int] = field(default_factory=dict)
    leaning: str | None = None
    decision_role: str | None = None
    sure: Mapping[str, bool] = field(default_factory=dict)
    expectations: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Expectation id -> option id -> the person's guess 0..100 (Check page, before the figures)."""
    knowledge: Mapping[str, str] = field(default_factory=dict)
    """Knowledge-check item id -> the chosen answer id."""
    support: Mapping[str, Any] = field(default_factory=dict)
    """Ottawa Personal Decision Guide: ``others_involved`` (bool), ``others_leaning`` (an option id
    or ``not_sure``), ``feel_pressure`` (bool); each key present only when answered."""

    def to_document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "schema": ANSWERS_SCHEMA,
            "version": ANSWERS_VERSION,
            "answers": {q: self.answers[q] for q in QUESTIONS if q in self.answers},
            "values": {v: self.values[v] for v in VALUE_IDS if v in self.values},
        }
        delib: dict[str, Any] = {}
        if self.leaning:
            delib["leaning"] = self.leaning
        if self.decision_role:
            delib["decision_role"] = self.decision_role
        if self.sure:
            delib["sure"] = {k: self.sure[k] for k in SURE_ITEMS if k in self.sure}
        exp = {e: {o: int(self.expectations[e][o]) for o in OPTION_IDS if o in self.expectations[e]}
               for e in EXPECTATION_IDS if self.expectations.get(e)}
        if exp:
            delib["expectations"] = exp
        know = {k: self.knowledge[k] for k in KNOWLEDGE_ITEMS if k in self.knowledge}
        if know:
            delib["knowledge"] = know
        sup = {k: self.support[k] for k in SUPPORT_KEYS if self.support.get(k) is not None}
        if sup:
            delib["support"] = sup
        if delib:
            doc["deliberation"] = delib
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_document(), indent=2) + "\n"


# --------------------------------------------------------------------------------------------------
# File (JSON document)
# --------------------------------------------------------------------------------------------------


def _allowed(values: tuple[str, ...]) -> str:
    return ", ".join(values)


_SHOW_MAX = 60


def _show(value: Any) -> str:
    """A value from the file, as JSON, on one line and short (messages stay one readable line)."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):  # pragma: no cover - parsed JSON is always serialisable
        text = _t("file_value_hidden")
    return text if len(text) <= _SHOW_MAX else text[: _SHOW_MAX - 3] + "..."


def _k(key: Any) -> str:
    """A key from the file, escaped to one line and shortened."""
    text = json.dumps(str(key), ensure_ascii=True)[1:-1]
    return text if len(text) <= _SHOW_MAX else text[: _SHOW_MAX - 3] + "..."


def validate_document(doc: Any) -> Saved:
    """Check a parsed answers document against the contract. Raises AnswersError."""
    if not isinstance(doc, dict):
        raise AnswersError(_t("file_not_object"))
    unknown = [k for k in doc if k not in _TOP_KEYS]
    if unknown:
        raise AnswersError(_t("file_unknown_top", key=_k(unknown[0]), allowed=_allowed(_TOP_KEYS)))
    if doc.get("schema") != ANSWERS_SCHEMA:
        raise AnswersError(_t("file_schema", schema=ANSWERS_SCHEMA, got=_show(doc.get("schema"))))
    version = doc.get("version")
    if type(version) is not int or version != ANSWERS_VERSION:  # not true, not 1.0
        raise AnswersError(_t("file_version", got=_show(version), supported=ANSWERS_VERSION))

    answers_in = doc.get("answers", {})
    if not isinstance(answers_in, dict):
        raise AnswersError(_t("file_answers_type"))
    answers: dict[str, str] = {}
    for q, v in answers_in.items():
        if q not in QUESTIONS:
            raise AnswersError(_t("file_unknown_question", key=_k(q)))
        if not isinstance(v, str) or v not in QUESTIONS[q]:
            raise AnswersError(_t("file_bad_answer", key=q, got=_show(v), allowed=_allowed(QUESTIONS[q])))
        answers[q] = v

    values_in = doc.get("values", {})
    if not isinstance(values_in, dict):
        raise AnswersError(_t("file_values_type", low=IMPORTANCE_MIN, high=IMPORTANCE_MAX))
    values: dict[str, int] = {}
    for k, v in values_in.items():
        if k not in VALUE_IDS:
            raise AnswersError(_t("file_unknown_value", key=_k(k), allowed=_allowed(VALUE_IDS)))
        if isinstance(v, bool) or not isinstance(v, int) or not IMPORTANCE_MIN <= v <= IMPORTANCE_MAX:
            raise AnswersError(_t("file_bad_importance", key=k, got=_show(v), low=IMPORTANCE_MIN, high=IMPORTANCE_MAX))
        values[k] = v

    delib = doc.get("deliberation", {})
    if not isinstance(delib, dict):
        raise AnswersError(_t("file_delib_type"))
    for k in delib:
        if k not in DELIBERATION_KEYS:
            raise AnswersError(_t("file_unknown_delib", key=_k(k), allowed=_allowed(DELIBERATION_KEYS)))
    leaning = delib.get("leaning")
    if leaning is not None and leaning not in LEANINGS:
        raise AnswersError(_t("file_bad_leaning", got=_show(leaning), allowed=_allowed(LEANINGS)))
    role = delib.get("decision_role")
    if role is not None and role not in DECISION_ROLES:
        raise AnswersError(_t("file_bad_role", got=_show(role), allowed=_allowed(DECISION_ROLES)))
    sure_in = delib.get("sure", {})
    if not isinstance(sure_in, dict):
        raise AnswersError(_t("file_sure_type"))
    sure: dict[str, bool] = {}
    for k, v in sure_in.items():
        if k not in SURE_ITEMS:
            raise AnswersError(_t("file_unknown_sure", key=_k(k), allowed=_allowed(SURE_ITEMS)))
        if not isinstance(v, bool):
            raise AnswersError(_t("file_bad_sure", key=k, got=_show(v)))
        sure[k] = v
    return Saved(answers=answers, values=values, leaning=leaning, decision_role=role, sure=sure,
                 expectations=_expectations_in(delib), knowledge=_knowledge_in(delib), support=_support_in(delib))


def _object(delib: dict[str, Any], key: str) -> dict[Any, Any]:
    value = delib.get(key, {})
    if not isinstance(value, dict):
        raise AnswersError(_t("file_delib_map", key=key))
    return value


def _expectations_in(delib: dict[str, Any]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for e, guesses in _object(delib, "expectations").items():
        if e not in EXPECTATION_IDS:
            raise AnswersError(_t("file_unknown_expectation", key=_k(e), allowed=_allowed(EXPECTATION_IDS)))
        if not isinstance(guesses, dict):
            raise AnswersError(_t("file_delib_map", key=f"expectations.{e}"))
        one: dict[str, int] = {}
        for o, g in guesses.items():
            if o not in OPTION_IDS:
                raise AnswersError(_t("file_unknown_guess_option", key=f"{e}.{_k(o)}", allowed=_allowed(OPTION_IDS)))
            if isinstance(g, bool) or not isinstance(g, int) or not GUESS_MIN <= g <= GUESS_MAX:
                raise AnswersError(_t("file_bad_guess", key=f"{e}.{o}", got=_show(g), low=GUESS_MIN, high=GUESS_MAX))
            one[o] = g
        if one:  # an empty set of guesses is the same as none
            out[e] = one
    return out


def _knowledge_in(delib: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in _object(delib, "knowledge").items():
        if k not in KNOWLEDGE_ITEMS:
            raise AnswersError(_t("file_unknown_knowledge", key=_k(k), allowed=_allowed(tuple(KNOWLEDGE_ITEMS))))
        if not isinstance(v, str) or v not in KNOWLEDGE_ITEMS[k]:
            raise AnswersError(_t("file_bad_knowledge", key=k, got=_show(v), allowed=_allowed(KNOWLEDGE_ITEMS[k])))
        out[k] = v
    return out


def _support_in(delib: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in _object(delib, "support").items():
        if k not in SUPPORT_KEYS:
            raise AnswersError(_t("file_unknown_support", key=_k(k), allowed=_allowed(SUPPORT_KEYS)))
        if k == "others_leaning":
            if v is None:  # "absent" written as null
                continue
            if v not in LEANINGS:
                raise AnswersError(_t("file_bad_support_leaning", got=_show(v), allowed=_allowed(LEANINGS)))
        elif not isinstance(v, bool):
            raise AnswersError(_t("file_bad_support_bool", key=k, got=_show(v)))
        out[k] = v
    return out


class _RepeatedKey(Exception):
    """A key that appears twice in one JSON object (raised inside json.loads, not a ValueError)."""


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json.loads: plain json keeps the last of a repeated key silently,
    so ``{"smoker": "yes", "smoker": "no"}`` would mean whatever was written last."""
    doc: dict[str, Any] = {}
    for key, value in pairs:
        if key in doc:
            raise _RepeatedKey(key)
        doc[key] = value
    return doc


def parse_answers_bytes(data: bytes) -> Saved:
    """Read an uploaded or command-line answers file (the one parser for both). Raises
    AnswersError."""
    if len(data) > MAX_FILE_BYTES:
        raise AnswersError(_t("file_too_large", size=_size(len(data)), limit=MAX_FILE_BYTES // 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersError(_t("file_not_text", encoding="UTF-8")) from None
    try:
        doc = json.loads(text, object_pairs_hook=_refuse_repeated_keys)
    except _RepeatedKey as exc:
        raise AnswersError(_t("file_repeated_key", key=_k(exc.args[0]))) from None
    except json.JSONDecodeError as exc:
        raise AnswersError(_t("file_not_json", line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except RecursionError:
        raise AnswersError(_t("file_too_deep")) from None
    except ValueError:  # e.g. a number with thousands of digits
        raise AnswersError(_t("file_long_number")) from None
    return validate_document(doc)


# --------------------------------------------------------------------------------------------------
# Resume link
# --------------------------------------------------------------------------------------------------


def _check(body: str) -> str:
    """The check characters for ``body`` ("<version>.<...>"): version 1, two base-36 characters of
    CRC-32 mod 1296; version 2, the whole CRC-32 in seven base-36 characters."""
    n = zlib.crc32(body.encode("ascii"))
    if body.startswith("1."):
        n %= 36 * 36
        return _B36[n // 36] + _B36[n % 36]
    out = ""
    for _ in range(7):
        n, r = divmod(n, 36)
        out = _B36[r] + out
    return out


def encode_link(saved: Saved) -> str:
    """The compact ``r`` parameter for ``saved`` (answers, values, leaning, role, SURE, expectation
    guesses, knowledge answers, support)."""
    a = "".join(
        str(QUESTIONS[q].index(saved.answers[q]) + 1) if q in saved.answers else "0" for q in QUESTIONS
    )
    v = "".join(str(saved.values[k]) if k in saved.values else "-" for k in VALUE_IDS)
    lean = _B36[10 + LEANINGS.index(saved.leaning)] if saved.leaning else "-"
    role = _B36[10 + DECISION_ROLES.index(saved.decision_role)] if saved.decision_role else "-"
    sure = "".join(("y" if saved.sure[k] else "n") if k in saved.sure else "-" for k in SURE_ITEMS)
    body = f"{LINK_VERSION}.{a}.{v}.{lean}{role}{sure}.{_encode_more(saved)}"
    return f"{body}.{_check(body)}"


def _yn(value: Any) -> str:
    return "-" if value is None else ("y" if value else "n")


def _encode_more(saved: Saved) -> str:
    """Version 3's ``more`` part: expectation guesses, knowledge answers, support (module docstring)."""
    guesses = ""
    for e in EXPECTATION_IDS:
        mine = saved.expectations.get(e) or {}
        for o in OPTION_IDS:
            g = mine.get(o)
            guesses += "--" if g is None else _B36[int(g) // 36] + _B36[int(g) % 36]
    know = "".join(_B36[10 + KNOWLEDGE_ITEMS[k].index(saved.knowledge[k])] if k in saved.knowledge else "-"
                   for k in KNOWLEDGE_ITEMS)
    lean = saved.support.get("others_leaning")
    sup = (_yn(saved.support.get("others_involved")) + (_B36[10 + LEANINGS.index(lean)] if lean else "-")
           + _yn(saved.support.get("feel_pressure")))
    return guesses + know + sup


MORE_CHARS = 2 * len(EXPECTATION_IDS) * len(OPTION_IDS) + len(KNOWLEDGE_ITEMS) + 3
"""Length of version 3's ``more`` part."""


def _decode_more(m: str) -> tuple[dict[str, dict[str, int]], dict[str, str], dict[str, Any]]:
    if len(m) != MORE_CHARS:
        raise _damaged()
    expectations: dict[str, dict[str, int]] = {}
    i = 0
    for e in EXPECTATION_IDS:
        for o in OPTION_IDS:
            pair, i = m[i:i + 2], i + 2
            if pair == "--":
                continue
            hi, lo = _B36.find(pair[0]), _B36.find(pair[1])
            if hi < 0 or lo < 0 or not GUESS_MIN <= hi * 36 + lo <= GUESS_MAX:
                raise _damaged("link_why_guess", key=e)
            expectations.setdefault(e, {})[o] = hi * 36 + lo
    knowledge: dict[str, str] = {}
    for k in KNOWLEDGE_ITEMS:
        ch, i = m[i], i + 1
        if ch == "-":
            continue
        j = _B36.find(ch) - 10
        if not 0 <= j < len(KNOWLEDGE_ITEMS[k]):
            raise _damaged("link_why_knowledge")
        knowledge[k] = KNOWLEDGE_ITEMS[k][j]
    support: dict[str, Any] = {}
    involved, lean, pressure = m[i], m[i + 1], m[i + 2]
    for key, ch in (("others_involved", involved), ("feel_pressure", pressure)):
        if ch not in "-yn":
            raise _damaged("link_why_support")
        if ch != "-":
            support[key] = ch == "y"
    if lean != "-":
        j = _B36.find(lean) - 10
        if not 0 <= j < len(LEANINGS):
            raise _damaged("link_why_support")
        support["others_leaning"] = LEANINGS[j]
    return expectations, knowledge, support


def _damaged(why_id: str | None = None, **fields: object) -> AnswersError:
    """The "link is damaged or incomplete" error, with its reason (a texts.yaml id) if there is one."""
    if why_id is None:
        return AnswersError(_t("link_damaged"))
    return AnswersError(_t("link_damaged_why", why=_t(why_id, **fields)))


def decode_link(code: Any) -> Saved:
    """Restore a :class:`Saved` from an ``r`` parameter. Raises AnswersError."""
    if not isinstance(code, str) or not code.strip():
        raise _damaged("link_why_empty")
    code = code.strip()
    if len(code) > MAX_LINK_CHARS:
        raise _damaged("link_why_too_long")
    if not code.isascii():
        raise _damaged("link_why_chars")
    parts = code.split(".")
    if parts[0] not in READ_LINK_VERSIONS:
        raise AnswersError(_t("link_other_version"))
    # version 3 has the ``more`` part; versions 1 and 2 end after the deliberation part
    if len(parts) != (6 if parts[0] == "3" else 5):
        raise _damaged()
    a, v, d, check = parts[1], parts[2], parts[3], parts[-1]
    body = ".".join(parts[:-1])
    if check != _check(body):
        raise _damaged("link_why_check")
    # versions 1 and 2 carry the first 23 questions; the three added later stay unanswered
    if len(a) != QUESTIONS_IN_LINK_VERSION[parts[0]] or len(v) != len(VALUE_IDS) or len(d) != 2 + len(SURE_ITEMS):
        raise _damaged()
    answers: dict[str, str] = {}
    for q, ch in zip(QUESTIONS, a, strict=False):  # links before version 3 hold 23 of the questions
        if ch == "0":
            continue
        if not ch.isdigit() or not 1 <= int(ch) <= len(QUESTIONS[q]):
            raise _damaged("link_why_answer", key=q)
        answers[q] = QUESTIONS[q][int(ch) - 1]
    values: dict[str, int] = {}
    for k, ch in zip(VALUE_IDS, v, strict=True):
        if ch == "-":
            continue
        if not ch.isdigit() or not IMPORTANCE_MIN <= int(ch) <= IMPORTANCE_MAX:
            raise _damaged("link_why_importance", key=k)
        values[k] = int(ch)

    def _pick(ch: str, choices: tuple[str, ...], why_id: str) -> str | None:
        if ch == "-":
            return None
        i = _B36.find(ch) - 10
        if not 0 <= i < len(choices):
            raise _damaged(why_id)
        return choices[i]

    leaning = _pick(d[0], LEANINGS, "link_why_leaning")
    role = _pick(d[1], DECISION_ROLES, "link_why_role")
    sure: dict[str, bool] = {}
    for k, ch in zip(SURE_ITEMS, d[2:], strict=True):
        if ch == "-":
            continue
        if ch not in "yn":
            raise _damaged("link_why_sure")
        sure[k] = ch == "y"
    expectations, knowledge, support = _decode_more(parts[4]) if len(parts) == 6 else ({}, {}, {})
    return Saved(answers=answers, values=values, leaning=leaning, decision_role=role, sure=sure,
                 expectations=expectations, knowledge=knowledge, support=support)


def base_from_url(url: str | None, default: str = "http://localhost:8501") -> str:
    """Scheme and host of ``url`` (the page the patient has open), else ``default``."""
    from urllib.parse import urlsplit

    if not url:
        return default
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return default
    return f"{parts.scheme}://{parts.netloc}"


def resume_url(base_url: str, saved: Saved, mode: str | None = None) -> str:
    """The full link that reopens ``saved`` on ``base_url`` (optionally in a setting of use)."""
    params = {"r": encode_link(saved)}
    if mode:
        params["mode"] = mode
    return base_url.rstrip("/") + "/?" + urlencode(params)
