"""Load and validate all clinical content.

``load_content()`` reads the YAML files beside this module into frozen models, then checks what no
single file can check on its own: every citation key resolves, every rule names a real question and
real answer values, every option has the same rows. Any error raises :class:`ContentError` naming
the file and the field. The result is immutable and cached once per process and language (it holds
no patient data), so the app pays for loading once.

Spanish (``load_content("es")``): every file with text has a full mirror ``es/X.yaml`` (same keys in
the same order, same list lengths, the same non-text values, only the words translated). The mirror
is walked together with the English and refused with a ContentError naming file and path when a key
or list item is missing or extra, a non-text value differs, a ``{placeholder}`` differs or a text is
empty; a missing mirror is an error too ("es/options.yaml: file is missing"), never an English
fallback. :data:`NON_TEXT_KEYS` is the one list of fields that are not words. Then the Spanish is
built into the same frozen models and cross-checked like the English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from ..contract import CAUDA_EQUINA_QUESTIONS, OPTION_IDS
from ..i18n import LANGS, Lang, check_lang, format_date
from .deliberation_models import DeliberationFile, StandardsFile
from .models import (
    UNANSWERED,
    Claim,
    Disagreement,
    Figure,
    GlossaryEntry,
    Meta,
    Option,
    OptionsFile,
    Question,
    QuestionGroup,
    QuestionsFile,
    Reference,
    Row,
    RulesFile,
    TextsFile,
)

CONTENT_DIR = Path(__file__).resolve().parent


class ContentError(Exception):
    """Raised when the content files are invalid. The message names file and field."""


@dataclass(frozen=True, eq=False)  # identity hash: one immutable object per process
class Content:
    meta: Meta
    references: dict[str, Reference]
    rows: tuple[Row, ...]
    options: tuple[Option, ...]
    groups: tuple[QuestionGroup, ...]
    questions: tuple[Question, ...]
    rules: RulesFile
    glossary: tuple[GlossaryEntry, ...]
    claims: tuple[Claim, ...]
    disagreements: tuple[Disagreement, ...]
    texts: TextsFile
    deliberation: DeliberationFile
    standards: StandardsFile
    lang: Lang = "en"
    """The language of every text in this object ("en" or "es")."""

    # convenience look-ups -------------------------------------------------------------------
    def option(self, option_id: str) -> Option:
        return self._options_by_id[option_id]

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def text(self, text_id: str) -> str:
        return self.texts.texts[text_id]

    def fmt_date(self, d: date, short: bool = False) -> str:
        """A date as this language writes it: "04 December 2026", "4 de diciembre de 2026"."""
        return format_date(d, self.lang, short=short)

    def review_status(self, short: bool = False) -> str:
        """What the patient reads about review: follows from meta.yaml ``reviewers`` (IPDAS QC14-15).
        ``reviewed_on`` is when the sources were last checked against the brief (the overdue check).
        Dates in this content's language (``short``: abbreviated month)."""
        checked = self.fmt_date(self.meta.reviewed_on, short)
        if not self.meta.reviewers:
            return self.text("review_none").format(checked=checked)
        kind = {"clinician": self.text("review_kind_clinician"), "patient": self.text("review_kind_patient")}
        who = "; ".join(f"{r.name} ({kind[r.kind]}, {self.fmt_date(r.reviewed_on, short)})"
                        for r in self.meta.reviewers)
        return self.text("review_done").format(checked=checked, who=who)

    def text_sources(self, text_id: str) -> tuple[str, ...]:
        return self.texts.sources.get(text_id, ())

    def row(self, row_id: str) -> Row:
        return next(r for r in self.rows if r.id == row_id)

    @functools.cached_property
    def _options_by_id(self) -> dict[str, Option]:
        return {o.id: o for o in self.options}

    @functools.cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def figures(self) -> Iterator[tuple[Option, str, Figure]]:
        """Every displayed figure with its option and row id."""
        for o in self.options:
            for row_id, cell in o.cells.items():
                for f in cell.figures:
                    yield o, row_id, f

    def is_overdue(self, today: date | None = None) -> bool:
        return (today or date.today()) > self.meta.review_due


FILES: tuple[str, ...] = (
    "meta.yaml", "references.yaml", "options.yaml", "questions.yaml", "rules.yaml", "glossary.yaml",
    "claims.yaml", "disagreements.yaml", "texts.yaml", "deliberation.yaml", "standards.yaml",
)
"""Every content file; each has words a patient or clinician reads, so each has a Spanish mirror."""

NON_TEXT_KEYS: dict[str, frozenset[str]] = {
    # in every file: identifiers, enum words, citation keys, test ids (decided from models.py and
    # deliberation_models.py: fields typed Id, Key, AnswerValue, OptionId, Literal, Sources)
    "*": frozenset({
        "id", "key", "option", "options", "question", "value", "correct", "covers", "in", "match",
        "level", "unsure_level", "status", "kind", "flag", "heard_flag", "per", "population_kind",
        "outcome", "certainty", "design", "fit", "group", "check", "tests", "symbol",
        "sources", "heard_sources", "studies_sources", "disagreement_sources",
        "pmid", "doi", "urls", "content_version",
    }),
    # citations keep their original titles, authors and journals; a reference's funding is an enum
    "references.yaml": frozenset({"authors", "title", "journal", "funding", "year"}),
    # the name of the scoring tool
    "standards.yaml": frozenset({"tool"}),
    # expectations name a figure id per option; ask items name statuses per option and conditions
    "deliberation.yaml": frozenset({"figures", "option_status", "when"}),
}
"""The one list of fields whose values are not words: a Spanish mirror must repeat them exactly.
Every other string is text (translated, never empty); numbers, booleans, dates and nulls must be
identical wherever they are. A non-text key whose value is a list of mappings (options.yaml
``options``: the options themselves) names no value: its items are walked field by field."""

TEXT_KEYS: dict[str, frozenset[str]] = {
    # the questions of the expectation and knowledge checks are words (elsewhere ``question`` is an id)
    "deliberation.yaml": frozenset({"question"}),
}
"""Exceptions to NON_TEXT_KEYS["*"] in one file."""

_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _non_text(name: str, key: str | None, value: Any = None) -> bool:
    if key is None or key in TEXT_KEYS.get(name, frozenset()):
        return False
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return False
    return key in NON_TEXT_KEYS["*"] or key in NON_TEXT_KEYS.get(name, frozenset())


def mirror_errors(name: str, en: Any, es: Any) -> list[str]:
    """Where the Spanish mirror ``es`` of file ``name`` is not a faithful mirror of ``en`` (one line
    each: "es/options.yaml: options[2].cells.anesthesia.sources: differs from the English ...")."""
    errors: list[str] = []
    where = f"es/{name}"

    def walk(a: Any, b: Any, path: str, key: str | None, non_text: bool) -> None:
        at = path or "(top level)"
        if isinstance(a, dict):
            if not isinstance(b, dict):
                errors.append(f"{where}: {at}: should be a mapping like the English")
                return
            missing = [k for k in a if k not in b]
            extra = [k for k in b if k not in a]
            for k in missing:
                errors.append(f"{where}: {_join(path, k)}: missing (the English has it)")
            for k in extra:
                errors.append(f"{where}: {_join(path, k)}: not in the English file")
            if not missing and not extra and list(a) != list(b):
                errors.append(f"{where}: {at}: keys in a different order from the English")
            for k, v in a.items():
                if k in b:
                    walk(v, b[k], _join(path, k), str(k), non_text or _non_text(name, str(k), v))
        elif isinstance(a, list):
            if not isinstance(b, list):
                errors.append(f"{where}: {at}: should be a list like the English")
                return
            if len(a) != len(b):
                errors.append(f"{where}: {at}: {len(b)} items, the English has {len(a)}")
                return
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{path}[{_ident(x, i)}]", key, non_text)
        elif isinstance(a, str) and not non_text:
            if not isinstance(b, str):
                errors.append(f"{where}: {at}: should be text")
            elif not b.strip():
                errors.append(f"{where}: {at}: empty text")
            elif sorted(_PLACEHOLDER.findall(a)) != sorted(_PLACEHOLDER.findall(b)):
                errors.append(f"{where}: {at}: placeholders {sorted(set(_PLACEHOLDER.findall(b)))} "
                              f"differ from the English {sorted(set(_PLACEHOLDER.findall(a)))}")
        elif type(a) is not type(b) or a != b:
            errors.append(f"{where}: {at}: {b!r} differs from the English {a!r} (not a text: keep it as is)")

    walk(en, es, "", None, False)
    return errors


def iter_texts(name: str, data: Any, path: str = "", non_text: bool = False) -> Iterator[tuple[str, str]]:
    """(path, text) for every text (not a NON_TEXT_KEYS value) in the data of content file ``name``."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from iter_texts(name, v, _join(path, k), non_text or _non_text(name, str(k), v))
    elif isinstance(data, list):
        for i, x in enumerate(data):
            yield from iter_texts(name, x, f"{path}[{_ident(x, i)}]", non_text)
    elif isinstance(data, str) and not non_text:
        yield path, data


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _ident(item: Any, i: int) -> str:
    if isinstance(item, dict):
        for k in ("id", "key", "question", "value"):
            if isinstance(item.get(k), str):
                return str(item[k])
    return str(i)


def _read_yaml(name: str, directory: Path, label: str | None = None) -> Any:
    path = directory / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise ContentError(f"{label or name}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{label or name}: not valid YAML: {exc}") from exc


class _Reader:
    """Reads a file's data in one language: English as is; Spanish from es/X.yaml after the mirror
    check against the English."""

    def __init__(self, directory: Path, lang: Lang) -> None:
        self.directory, self.lang = directory, lang

    def __call__(self, name: str) -> Any:
        en = _read_yaml(name, self.directory)
        if self.lang == "en":
            return en
        es = _read_yaml(name, self.directory / self.lang, f"{self.lang}/{name}")
        errors = mirror_errors(name, en, es)
        if errors:
            raise ContentError("\n".join(errors))
        return es


def _validate_lang(name: str, model: Any, data: Any, lang: Lang = "en") -> Any:
    label = name if lang == "en" else f"{lang}/{name}"
    ctx = {"lang": lang}
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data, context=ctx)
        return TypeAdapter(model).validate_python(data, context=ctx)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{label}: {loc}: {err['msg']}")
        raise ContentError("\n".join(lines)) from exc


def _walk_sources(obj: Any, path: str) -> Iterator[tuple[str, str]]:
    """Yield (field path, citation key) for every field whose name ends in 'sources'."""
    if isinstance(obj, BaseModel):
        for field in type(obj).model_fields:
            value = getattr(obj, field)
            sub = f"{path}.{field}" if path else field
            if field.endswith("sources") and isinstance(value, tuple):
                for key in value:
                    yield sub, key
            elif field.endswith("sources") and isinstance(value, dict):
                for k, keys in value.items():
                    for key in keys:
                        yield f"{sub}.{k}", key
            else:
                yield from _walk_sources(value, sub)
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            ident = getattr(item, "id", None) or getattr(item, "key", None) or getattr(item, "question", None) or i
            yield from _walk_sources(item, f"{path}[{ident}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk_sources(v, f"{path}.{k}")


def load_content_from(directory: Path, lang: str = "en") -> Content:
    """Load and cross-check the content in ``directory`` (tests point this at broken copies); for
    Spanish, ``directory/es`` holds the mirrors (checked against the English first)."""
    lg = check_lang(lang)
    _read = _Reader(directory, lg)

    def load(name: str, model: Any) -> Any:
        return _validate_lang(name, model, _read(name), lg)

    refs_list = load("references.yaml", dict[str, tuple[Reference, ...]])["references"]
    references: dict[str, Reference] = {}
    for ref in refs_list:
        if ref.key in references:
            raise ContentError(f"references.yaml: references[{ref.key}]: duplicate key")
        references[ref.key] = ref

    files: dict[str, Any] = {
        "meta.yaml": load("meta.yaml", Meta),
        "options.yaml": load("options.yaml", OptionsFile),
        "questions.yaml": load("questions.yaml", QuestionsFile),
        "rules.yaml": load("rules.yaml", RulesFile),
        "glossary.yaml": load("glossary.yaml", dict[str, tuple[GlossaryEntry, ...]]),
        "claims.yaml": load("claims.yaml", dict[str, tuple[Claim, ...]]),
        "disagreements.yaml": load("disagreements.yaml", dict[str, tuple[Disagreement, ...]]),
        "texts.yaml": load("texts.yaml", TextsFile),
        "deliberation.yaml": load("deliberation.yaml", DeliberationFile),
        "standards.yaml": load("standards.yaml", StandardsFile),
    }

    errors: list[str] = []
    for name, obj in files.items():
        for field_path, key in _walk_sources(obj, ""):
            if key not in references:
                errors.append(f"{name}: {field_path}: unknown citation key {key!r}")

    questions: QuestionsFile = files["questions.yaml"]
    q_by_id = {q.id: q for q in questions.questions}
    rules: RulesFile = files["rules.yaml"]
    for flag in rules.red_flags:
        if flag.question not in q_by_id:
            errors.append(f"rules.yaml: red_flags[{flag.question}]: unknown question")
        elif "yes" not in {c.value for c in q_by_id[flag.question].choices}:
            errors.append(f"rules.yaml: red_flags[{flag.question}]: question has no 'yes' answer")
        # the levels are the public contract (section 5), not a content choice
        want = ("emergency", "same_day") if flag.question in CAUDA_EQUINA_QUESTIONS else ("soon", None)
        if (flag.level, flag.unsure_level) != want:
            errors.append(
                f"rules.yaml: red_flags[{flag.question}]: levels (yes, unsure) must be {want}, "
                f"got {(flag.level, flag.unsure_level)}"
            )
    for rule in rules.rules:
        for cond in rule.when:
            q = q_by_id.get(cond.question)
            if q is None:
                errors.append(f"rules.yaml: rules[{rule.id}].when: unknown question {cond.question!r}")
                continue
            allowed = {c.value for c in q.choices} | {UNANSWERED}
            bad = [v for v in cond.is_in if v not in allowed]
            if bad:
                errors.append(
                    f"rules.yaml: rules[{rule.id}].when[{cond.question}]: values {bad} not allowed; "
                    f"allowed: {sorted(allowed)}"
                )

    claims = files["claims.yaml"]["claims"]
    for claim in claims:
        if claim.option not in OPTION_IDS:  # pragma: no cover - Literal already checks
            errors.append(f"claims.yaml: claims[{claim.id}].option: unknown option")

    delib: DeliberationFile = files["deliberation.yaml"]
    opts: OptionsFile = files["options.yaml"]
    figure_ids = {(o.id, f.id) for o in opts.options for c in o.cells.values() for f in c.figures}
    for exp in delib.expectations:
        for option_id, fig_id in exp.figures.items():
            if (option_id, fig_id) not in figure_ids:
                errors.append(f"deliberation.yaml: expectations[{exp.id}].figures.{option_id}: unknown figure {fig_id!r}")
    values_ids = {v.id for v in delib.values}
    for fit in delib.fits:
        if fit.value not in values_ids:
            errors.append(f"deliberation.yaml: fits[{fit.value}/{fit.option}]: unknown value id")
    for v in values_ids:
        have = {f.option for f in delib.fits if f.value == v}
        missing = [o for o in OPTION_IDS if o not in have]
        if missing:
            errors.append(f"deliberation.yaml: fits: value {v!r} has no entry for options {missing}")

    if errors:
        prefix = "" if lg == "en" else f"{lg}/"
        raise ContentError("\n".join(prefix + e for e in errors))

    return Content(
        meta=files["meta.yaml"],
        references=references,
        rows=opts.rows,
        options=opts.options,
        groups=questions.groups,
        questions=questions.questions,
        rules=rules,
        glossary=files["glossary.yaml"]["glossary"],
        claims=claims,
        disagreements=files["disagreements.yaml"]["disagreements"],
        texts=files["texts.yaml"],
        deliberation=delib,
        standards=files["standards.yaml"],
        lang=lg,
    )


_LOADED: dict[str, Content] = {}


@functools.lru_cache(maxsize=len(LANGS))
def load_texts(lang: str = "en") -> TextsFile:
    """texts.yaml alone, validated (in ``lang``, mirror-checked for Spanish): for the answers-file and
    link messages (decision_aid/answers.py), which the command line needs without the rest of the
    content. The same texts as ``load_content(lang).texts`` (reused when that is already loaded)."""
    lg = check_lang(lang)
    if lg in _LOADED:
        return _LOADED[lg].texts
    texts: TextsFile = _validate_lang("texts.yaml", TextsFile, _Reader(CONTENT_DIR, lg)("texts.yaml"), lg)
    return texts


def load_content(lang: str = "en") -> Content:
    """The app's content in ``lang`` ("en" or "es"), validated once per process and language.
    Immutable: safe to share between sessions. ContentError when a Spanish file is missing or is not
    a faithful mirror of the English (never an English fallback). ``load_content()`` and
    ``load_content("en")`` are the same object (the cache is keyed by the checked language)."""
    return _load_content(check_lang(lang))


@functools.lru_cache(maxsize=len(LANGS))
def _load_content(lg: Lang) -> Content:
    content = load_content_from(CONTENT_DIR, lg)
    _LOADED[lg] = content
    return content
