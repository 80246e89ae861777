"""Load and validate all clinical content.

``load_content()`` reads the YAML files beside this module into frozen models, then checks what no
single file can check on its own: every citation key resolves, every rule names a real question and
real answer values, every option has the same rows. Any error raises :class:`ContentError` naming
the file and the field. The result is immutable and cached once per process (it holds no patient
data), so the app pays for loading once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from ..contract import CAUDA_EQUINA_QUESTIONS, OPTION_IDS
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

    # convenience look-ups -------------------------------------------------------------------
    def option(self, option_id: str) -> Option:
        return self._options_by_id[option_id]

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def text(self, text_id: str) -> str:
        return self.texts.texts[text_id]

    def review_status(self, date_format: str = "%d %B %Y") -> str:
        """What the patient reads about review: follows from meta.yaml ``reviewers`` (IPDAS QC14-15).
        ``reviewed_on`` is when the sources were last checked against the brief (the overdue check)."""
        checked = format(self.meta.reviewed_on, date_format)
        if not self.meta.reviewers:
            return self.text("review_none").format(checked=checked)
        kind = {"clinician": self.text("review_kind_clinician"), "patient": self.text("review_kind_patient")}
        who = "; ".join(f"{r.name} ({kind[r.kind]}, {format(r.reviewed_on, date_format)})"
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


def _read_yaml(name: str, directory: Path) -> Any:
    path = directory / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise ContentError(f"{name}: file is missing") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{name}: not valid YAML: {exc}") from exc


def _validate(name: str, model: Any, data: Any) -> Any:
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(data)
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"{name}: {loc}: {err['msg']}")
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


def load_content_from(directory: Path) -> Content:
    """Load and cross-check the content in ``directory`` (tests point this at broken copies)."""
    refs_list = _validate(
        "references.yaml",
        dict[str, tuple[Reference, ...]],
        _read_yaml("references.yaml", directory),
    )["references"]
    references: dict[str, Reference] = {}
    for ref in refs_list:
        if ref.key in references:
            raise ContentError(f"references.yaml: references[{ref.key}]: duplicate key")
        references[ref.key] = ref

    files: dict[str, Any] = {
        "meta.yaml": _validate("meta.yaml", Meta, _read_yaml("meta.yaml", directory)),
        "options.yaml": _validate("options.yaml", OptionsFile, _read_yaml("options.yaml", directory)),
        "questions.yaml": _validate("questions.yaml", QuestionsFile, _read_yaml("questions.yaml", directory)),
        "rules.yaml": _validate("rules.yaml", RulesFile, _read_yaml("rules.yaml", directory)),
        "glossary.yaml": _validate(
            "glossary.yaml", dict[str, tuple[GlossaryEntry, ...]], _read_yaml("glossary.yaml", directory)
        ),
        "claims.yaml": _validate(
            "claims.yaml", dict[str, tuple[Claim, ...]], _read_yaml("claims.yaml", directory)
        ),
        "disagreements.yaml": _validate(
            "disagreements.yaml",
            dict[str, tuple[Disagreement, ...]],
            _read_yaml("disagreements.yaml", directory),
        ),
        "texts.yaml": _validate("texts.yaml", TextsFile, _read_yaml("texts.yaml", directory)),
        "deliberation.yaml": _validate(
            "deliberation.yaml", DeliberationFile, _read_yaml("deliberation.yaml", directory)
        ),
        "standards.yaml": _validate("standards.yaml", StandardsFile, _read_yaml("standards.yaml", directory)),
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
        raise ContentError("\n".join(errors))

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
    )


@functools.lru_cache(maxsize=1)
def load_texts() -> TextsFile:
    """texts.yaml alone, validated: for the answers-file and link messages (decision_aid/answers.py),
    which the command line needs without the rest of the content. The same texts as
    ``load_content().texts`` (reused when the content is already loaded, as in the app)."""
    if load_content.cache_info().currsize:
        return load_content().texts
    texts: TextsFile = _validate("texts.yaml", TextsFile, _read_yaml("texts.yaml", CONTENT_DIR))
    return texts


@functools.lru_cache(maxsize=1)
def load_content() -> Content:
    """The app's content, validated once per process. Immutable: safe to share between sessions."""
    return load_content_from(CONTENT_DIR)
