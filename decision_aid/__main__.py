"""Command line (contract section 5).

    python -m decision_aid assess ANSWERS.json [--lang en|es]   # or - for standard input
    python -m decision_aid summary ANSWERS.json -o SUMMARY.pdf [--lang en|es] [--base-url URL] [--page-size A4|Letter]
    python -m decision_aid handout [ANSWERS.json] -o GRID.pdf [--lang en|es] [--page-size A4|Letter]
    python -m decision_aid fhir ANSWERS.json -o BUNDLE.json [--lang en|es]

``assess`` prints the assessment as one JSON object and exits 0. ``summary``, ``handout`` (the
one-page option grid) and ``fhir`` (a FHIR R4 Bundle for the medical record) write their file and
print its path. Bad input exits 2 with one line on standard error; never a traceback; the output
file is written whole (a temporary file renamed into place) or not at all. ``--lang es`` writes
the words in Spanish (``assess``: reasons and messages; ids, statuses and levels unchanged).
A reader that stops early (``assess FILE | head -c 10``) is not an error: the command exits 0
quietly, as it would had the reader read everything.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

EXIT_OK, EXIT_BAD_INPUT = 0, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse's own code too)
        sys.stderr.write(f"error: {message} (see: python -m decision_aid --help)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return EXIT_BAD_INPUT


def _emit(text: str) -> None:
    """Print ``text`` and flush now, so a closed pipe shows up here and not as Python's "Exception
    ignored" message at exit. On a closed pipe, standard output goes to /dev/null for the rest of
    the run (the interpreter's final flush must not fail again) and the caller exits normally."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _read(path: str) -> bytes:
    from .answers import MAX_FILE_BYTES, AnswersError

    if path == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        return data
    p = Path(path)
    if not p.exists():
        raise AnswersError(f"file not found: {path}")
    if p.is_dir():
        raise AnswersError(f"{path} is a folder, not an answers file")
    try:
        with p.open("rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise AnswersError(f"cannot read {path}: {exc.strerror or exc}") from None


def _write_whole(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` whole or not at all: a temporary file beside it, renamed into place."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog="python -m decision_aid", description="Lumbar spinal stenosis decision aid tools.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p_assess = sub.add_parser("assess", help="print the assessment of an answers file as JSON")
    p_assess.add_argument("answers", help="answers file (JSON), or - for standard input")
    p_assess.add_argument("--lang", choices=["en", "es"], default="en", help="language of the reasons")
    p_sum = sub.add_parser("summary", help="write the printable summary PDF")
    p_sum.add_argument("answers", help="answers file (JSON), or - for standard input")
    p_sum.add_argument("-o", "--output", required=True, help="where to write the PDF")
    p_sum.add_argument("--lang", choices=["en", "es"], default="en")
    p_sum.add_argument("--base-url", default="http://localhost:8501", help="address of the app for the resume link")
    p_sum.add_argument("--page-size", choices=["A4", "Letter"], default="A4")
    p_hand = sub.add_parser("handout", help="write the one-page option grid (PDF, landscape)")
    p_hand.add_argument("answers", nargs="?", help="answers file (JSON), or - for standard input; optional")
    p_hand.add_argument("-o", "--output", required=True, help="where to write the PDF")
    p_hand.add_argument("--lang", choices=["en", "es"], default="en")
    p_hand.add_argument("--page-size", choices=["A4", "Letter"], default="A4")
    p_hand.add_argument("--base-url", default="http://localhost:8501", help="address of the app for the QR code")
    p_fhir = sub.add_parser("fhir", help="write a FHIR R4 Bundle (JSON) for the medical record")
    p_fhir.add_argument("answers", help="answers file (JSON), or - for standard input")
    p_fhir.add_argument("-o", "--output", required=True, help="where to write the bundle (JSON)")
    p_fhir.add_argument("--lang", choices=["en", "es"], default="en")
    p_fhir.add_argument("--base-url", default="http://localhost:8501", help="address of the app for the PDF's link")
    args = parser.parse_args(argv)

    from .i18n import language

    with language(args.lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .answers import AnswersError, parse_answers_bytes
    from .content.loader import ContentError

    try:
        saved = parse_answers_bytes(_read(args.answers)) if args.answers is not None else None
        if args.command == "assess":
            from .assess import assess

            assert saved is not None  # argparse: ANSWERS is required for assess
            _emit(json.dumps(assess(saved.answers).to_json(), indent=2, ensure_ascii=False))
            return EXIT_OK

        from urllib.parse import urlparse

        base = urlparse(args.base_url)
        if base.scheme not in ("http", "https") or not base.netloc:
            return _fail(f"--base-url must be an http or https address, got {args.base_url!r}")
        out = Path(args.output)
        if out.is_dir():
            return _fail(f"-o {args.output} is a folder; give a file name such as summary.pdf")
        if not out.parent.exists():
            return _fail(f"the folder for -o does not exist: {out.parent}")
        if args.command == "handout":
            from .handout import GridTooLong, build_handout_pdf

            try:
                data = build_handout_pdf(saved, base_url=args.base_url, page_format=args.page_size)
            except GridTooLong as exc:  # the words do not fit on one page (a content problem)
                return _fail(str(exc))
        elif args.command == "fhir":
            from .fhir import bundle_json

            assert saved is not None  # argparse: ANSWERS is required for fhir
            data = bundle_json(saved, base_url=args.base_url).encode("utf-8")
        else:
            from .export import build_summary_pdf

            assert saved is not None  # argparse: ANSWERS is required for summary
            data = build_summary_pdf(saved, base_url=args.base_url, page_format=args.page_size)
        try:
            _write_whole(out, data)
        except OSError as exc:
            return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
        _emit(str(out))
        return EXIT_OK
    except AnswersError as exc:
        return _fail(str(exc))
    except ContentError as exc:  # a broken install: say so in one line
        return _fail("the aid's content failed to load: " + str(exc).splitlines()[0])



if __name__ == "__main__":
    raise SystemExit(main())
