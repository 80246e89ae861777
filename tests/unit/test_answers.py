"""Answers file and resume link (contract sections 4 and 7): round trips, every rejection path with
its message, damaged links, and property tests that nothing but Saved or AnswersError comes out."""

from __future__ import annotations

import json
import string
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from decision_aid import state
from decision_aid.answers import (
    MAX_FILE_BYTES,
    MAX_LINK_CHARS,
    AnswersError,
    Saved,
    decode_link,
    encode_link,
    parse_answers_bytes,
    resume_url,
    validate_document,
)
from decision_aid.contract import (
    ANSWERS_SCHEMA,
    DECISION_ROLES,
    EXPECTATION_IDS,
    KNOWLEDGE_ITEMS,
    LEANINGS,
    OPTION_IDS,
    QUESTIONS,
    SURE_ITEMS,
    VALUE_IDS,
)

GOOD = {
    "schema": "lss-decision-aid/answers",
    "version": 1,
    "answers": {"walking_leg_pain_eased_by_sitting": "yes", "spondylolisthesis": "none"},
    "values": {"avoid_general_anesthesia": 4},
}


def _bytes(doc) -> bytes:
    return json.dumps(doc).encode("utf-8")


def _error(data: bytes) -> str:
    with pytest.raises(AnswersError) as exc:
        parse_answers_bytes(data)
    msg = str(exc.value)
    assert "\n" not in msg and len(msg) < 400, msg
    return msg


def _with(**changes) -> bytes:
    doc = json.loads(json.dumps(GOOD))
    doc.update(changes)
    return _bytes(doc)


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def test_contract_example_file_is_read():
    saved = parse_answers_bytes(_bytes(GOOD))
    assert saved == Saved(
        answers={"walking_leg_pain_eased_by_sitting": "yes", "spondylolisthesis": "none"},
        values={"avoid_general_anesthesia": 4},
    )


def test_file_round_trip_keeps_everything():
    saved = Saved(
        answers={"blood_thinner": "cannot_pause", "smoker": "no", "spondylolisthesis": "grade_2_or_higher"},
        values={"lasting_relief": 0, "strongest_evidence": 3},
        leaning="not_sure",
        decision_role="together",
        sure={"know_benefits_risks": True, "sure_best_choice": False},
    )
    text = saved.to_json()
    assert json.loads(text) == {
        "schema": ANSWERS_SCHEMA,
        "version": 1,
        "answers": {"smoker": "no", "blood_thinner": "cannot_pause", "spondylolisthesis": "grade_2_or_higher"},
        "values": {"lasting_relief": 0, "strongest_evidence": 3},
        "deliberation": {
            "leaning": "not_sure",
            "decision_role": "together",
            "sure": {"know_benefits_risks": True, "sure_best_choice": False},
        },
    }
    assert parse_answers_bytes(text.encode("utf-8")) == saved


def test_minimal_file_and_utf8_bom_are_accepted():
    assert parse_answers_bytes(b'{"schema": "lss-decision-aid/answers", "version": 1}') == Saved()
    assert parse_answers_bytes(b"\xef\xbb\xbf" + _bytes(GOOD)).values == {"avoid_general_anesthesia": 4}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(notes="I am worried"),
         "Unknown key 'notes' at the top of the file; allowed keys: schema, version, answers, values, deliberation."),
        (_with(schema="lss-decision-aid/other"),
         "'schema' must be \"lss-decision-aid/answers\" (found \"lss-decision-aid/other\"): "
         "this is not an answers file from this aid."),
        (_bytes({"version": 1}),
         "'schema' must be \"lss-decision-aid/answers\" (found null): this is not an answers file from this aid."),
        (_with(version=2), "'version' 2 cannot be read; this app reads version 1."),
        (_with(version=True), "'version' true cannot be read; this app reads version 1."),
        (_with(version=1.0), "'version' 1.0 cannot be read; this app reads version 1."),
        (_with(version="1"), "'version' \"1\" cannot be read; this app reads version 1."),
        (_bytes({"schema": ANSWERS_SCHEMA}), "'version' null cannot be read; this app reads version 1."),
        (_with(answers={"favourite_colour": "blue"}), "Unknown question id 'answers.favourite_colour'."),
        (_with(answers={"smoker": "unsure"}),
         "'answers.smoker' has value \"unsure\", which is not allowed; allowed values: yes, no."),
        (_with(answers={"spondylolisthesis": "grade_3"}),
         "'answers.spondylolisthesis' has value \"grade_3\", which is not allowed; allowed values: "
         "none, grade_1_stable, grade_1_unstable, grade_2_or_higher, unsure."),
        (_with(answers={"saddle_numbness": True}),
         "'answers.saddle_numbness' has value true, which is not allowed; allowed values: yes, no, unsure."),
        (_with(answers=["smoker"]), "'answers' must be an object of question id -> answer value."),
        (_with(values={"avoid_general_anesthesia": 5}),
         "'values.avoid_general_anesthesia' has value 5; allowed values: whole numbers 0 to 4."),
        (_with(values={"avoid_general_anesthesia": -1}),
         "'values.avoid_general_anesthesia' has value -1; allowed values: whole numbers 0 to 4."),
        (_with(values={"short_recovery": 2.5}),
         "'values.short_recovery' has value 2.5; allowed values: whole numbers 0 to 4."),
        (_with(values={"short_recovery": True}),
         "'values.short_recovery' has value true; allowed values: whole numbers 0 to 4."),
        (_with(values={"cheapest": 2}),
         "Unknown value id 'values.cheapest'; allowed: " + ", ".join(VALUE_IDS) + "."),
        (_with(values=[1, 2]), "'values' must be an object of value id -> importance 0 to 4."),
        (_with(deliberation={"notes": "my private thoughts"}),
         "Unknown key 'deliberation.notes'; allowed: leaning, decision_role, sure, expectations, knowledge, support "
         "(free-text notes are never saved in a file)."),
        (_with(deliberation={"leaning": "acupuncture"}),
         "'deliberation.leaning' has value \"acupuncture\"; allowed values: " + ", ".join(LEANINGS) + "."),
        (_with(deliberation={"decision_role": "doctor"}),
         "'deliberation.decision_role' has value \"doctor\"; allowed values: on_my_own, together, clinician_decides."),
        (_with(deliberation={"sure": {"know_benefits_risks": "yes"}}),
         "'deliberation.sure.know_benefits_risks' has value \"yes\"; allowed values: true, false."),
        (_with(deliberation={"sure": {"happy": True}}),
         "Unknown SURE item 'deliberation.sure.happy'; allowed: " + ", ".join(SURE_ITEMS) + "."),
        (_with(deliberation={"sure": [True]}),
         "'deliberation.sure' must be an object of the four SURE items -> true/false."),
        (_with(deliberation="together"), "'deliberation' must be an object."),
        (_with(deliberation={"expectations": {"happiness": {"mild": 50}}}),
         "Unknown expectation id 'deliberation.expectations.happiness'; allowed: improve, more_treatment."),
        (_with(deliberation={"expectations": {"improve": {"yoga": 50}}}),
         "Unknown option id 'deliberation.expectations.improve.yoga'; allowed: " + ", ".join(OPTION_IDS) + "."),
        (_with(deliberation={"expectations": {"improve": {"mild": 101}}}),
         "'deliberation.expectations.improve.mild' has value 101; allowed values: whole numbers 0 to 100."),
        (_with(deliberation={"expectations": {"improve": {"mild": 50.5}}}),
         "'deliberation.expectations.improve.mild' has value 50.5; allowed values: whole numbers 0 to 100."),
        (_with(deliberation={"expectations": {"improve": [50]}}), "'deliberation.expectations.improve' must be an object."),
        (_with(deliberation={"expectations": [50]}), "'deliberation.expectations' must be an object."),
        (_with(deliberation={"knowledge": {"capital_of_france": "paris"}}),
         "Unknown knowledge item 'deliberation.knowledge.capital_of_france'; allowed: " + ", ".join(KNOWLEDGE_ITEMS) + "."),
        (_with(deliberation={"knowledge": {"mild_vs_surgery_trial": "maybe"}}),
         "'deliberation.knowledge.mild_vs_surgery_trial' has value \"maybe\"; allowed values: "
         "yes_mild_better, yes_same, no_trial."),
        (_with(deliberation={"support": {"others_involved": "yes"}}),
         "'deliberation.support.others_involved' has value \"yes\"; allowed values: true, false."),
        (_with(deliberation={"support": {"feel_pressure": 1}}),
         "'deliberation.support.feel_pressure' has value 1; allowed values: true, false."),
        (_with(deliberation={"support": {"others_leaning": "acupuncture"}}),
         "'deliberation.support.others_leaning' has value \"acupuncture\"; allowed values: " + ", ".join(LEANINGS) + "."),
        (_with(deliberation={"support": {"spouse_name": "Ann"}}),
         "Unknown key 'deliberation.support.spouse_name'; allowed: others_involved, others_leaning, feel_pressure."),
        (b"[1, 2]", "The file must contain one JSON object, like the .json file this aid saves."),
        (b"{\"schema\": ", "The file is not valid JSON. The problem is at line 1, column 12: Expecting value."),
        (b"", "The file is not valid JSON. The problem is at line 1, column 1: Expecting value."),
        (b"\xff\xfe{}", "The file is not a text file (it is not UTF-8): choose the .json file this aid saved."),
        (b"[" * 20000 + b"]" * 20000, "The file is not valid JSON (it is nested too deeply)."),
        (b"1" * 5000, "The file is not valid JSON (it holds a number that is far too long)."),
        (b" " * (MAX_FILE_BYTES + 1),
         f"The file is too large ({MAX_FILE_BYTES + 1:,} bytes); answers files are under 64 KB."),
    ],
    ids=lambda v: v[:40].decode("utf-8", "replace") if isinstance(v, bytes) else None,
)
def test_every_rejection_has_its_one_line_message(data, message):
    assert _error(data) == message


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b'{"schema": "lss-decision-aid/answers", "version": 1, "answers": {"smoker": "yes", "smoker": "no"}}',
         "smoker"),
        (b'{"schema": "lss-decision-aid/answers", "version": 1, "answers": {}, "answers": {"smoker": "no"}}',
         "answers"),
        (b'{"schema": "lss-decision-aid/answers", "version": 1, "version": 1}', "version"),
        (b'{"schema": "lss-decision-aid/answers", "version": 1, '
         b'"deliberation": {"sure": {"know_benefits_risks": true, "know_benefits_risks": false}}}',
         "know_benefits_risks"),
    ],
    ids=["answer", "top-level", "same-value-twice", "nested"],
)
def test_a_repeated_key_is_refused_naming_the_key(data, key):
    """Plain JSON keeps the last of a repeated key without a word; the file could then mean either
    answer. The app's upload and the command line share this parser."""
    assert _error(data) == f"The key '{key}' is in the file more than once; each key may be there only once."


def test_nothing_is_half_loaded():
    """A bad value late in the file rejects the whole file (no partial Saved is returned)."""
    doc = json.loads(json.dumps(GOOD))
    doc["answers"]["stable_leg_weakness_on_exam"] = "maybe"
    assert _error(_bytes(doc)).startswith("'answers.stable_leg_weakness_on_exam' has value \"maybe\"")


def test_hostile_keys_and_values_are_escaped_and_shortened_in_one_line():
    msg = _error(_bytes({"bad\nkey" + "x" * 500: 1}))
    assert msg.startswith("Unknown key 'bad\\nkeyxxxx") and "...'" in msg
    msg = _error(_with(schema="s" * 5000))
    assert msg.startswith("'schema' must be \"lss-decision-aid/answers\" (found \"sss") and len(msg) < 200


def test_validate_document_refuses_a_non_object():
    with pytest.raises(AnswersError, match="one JSON object"):
        validate_document("answers")


# --------------------------------------------------------------------------------------------------
# Resume link
# --------------------------------------------------------------------------------------------------

SAVED = st.builds(
    Saved,
    answers=st.fixed_dictionaries({}, optional={q: st.sampled_from(v) for q, v in QUESTIONS.items()}),
    values=st.fixed_dictionaries({}, optional={k: st.integers(0, 4) for k in VALUE_IDS}),
    leaning=st.none() | st.sampled_from(LEANINGS),
    decision_role=st.none() | st.sampled_from(DECISION_ROLES),
    sure=st.fixed_dictionaries({}, optional={k: st.booleans() for k in SURE_ITEMS}),
    expectations=st.fixed_dictionaries({}, optional={
        e: st.dictionaries(st.sampled_from(OPTION_IDS), st.integers(0, 100), min_size=1) for e in EXPECTATION_IDS}),
    knowledge=st.fixed_dictionaries({}, optional={k: st.sampled_from(v) for k, v in KNOWLEDGE_ITEMS.items()}),
    support=st.fixed_dictionaries({}, optional={"others_involved": st.booleans(),
                                                "others_leaning": st.sampled_from(LEANINGS),
                                                "feel_pressure": st.booleans()}),
)
LINK_SAFE = set(string.ascii_letters + string.digits + "-._~")


@settings(max_examples=400, deadline=None)
@given(SAVED)
def test_any_saved_survives_file_and_link_round_trips(saved):
    assert parse_answers_bytes(saved.to_json().encode("utf-8")) == saved
    link = encode_link(saved)
    assert set(link) <= LINK_SAFE and len(link) <= MAX_LINK_CHARS
    assert decode_link(link) == saved
    assert decode_link(encode_link(decode_link(link))) == saved


def test_link_is_compact_and_documented_format():
    link = encode_link(Saved(answers={"bladder_bowel_change": "no"}, values={"lasting_relief": 4}, leaning="mild"))
    assert len(link) == 80
    version, answers, values, delib, more, check = link.split(".")
    assert (version, answers[:2], values, delib) == ("3", "20", "----4---", "a-----")
    assert more == "-" * 27  # no guesses (2 x 5 options x 2), no knowledge answers (4), no support (3)
    assert len(answers) == len(QUESTIONS) == 26
    assert len(check) == 7 and int(check, 36) == zlib.crc32(link.rsplit(".", 1)[0].encode())
    url = resume_url("http://localhost:8501/", Saved(), mode="clinic")
    assert url == f"http://localhost:8501/?r={encode_link(Saved())}&mode=clinic"


FIXED = Saved(
    answers={"walking_leg_pain_eased_by_sitting": "yes", "blood_thinner": "can_pause", "smoker": "no"},
    values={"avoid_serious_risk": 3},
    decision_role="on_my_own",
    sure={"clear_values": True},
)
FIXED_LINK = encode_link(FIXED)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "This link is damaged or incomplete, so it could not be opened. It is empty."),
        ("   ", "This link is damaged or incomplete, so it could not be opened. It is empty."),
        (None, "This link is damaged or incomplete, so it could not be opened. It is empty."),
        (["1"], "This link is damaged or incomplete, so it could not be opened. It is empty."),
        ("1" * (MAX_LINK_CHARS + 1), "This link is damaged or incomplete, so it could not be opened. It is too long."),
        ("4" + FIXED_LINK[1:],
         "This link could not be opened. It was made by another version of this aid or by another program."),
        ("eyJzY2hlbWEiOiAibHNzIn0",
         "This link could not be opened. It was made by another version of this aid or by another program."),
        (FIXED_LINK[:-1],
         "This link is damaged or incomplete, so it could not be opened. A check failed; "
         "maybe some characters were lost when copying it."),
        (FIXED_LINK.rsplit(".", 1)[0], "This link is damaged or incomplete, so it could not be opened."),
        ("1.é.x.y.zz",
         "This link is damaged or incomplete, so it could not be opened. It holds characters a link from this aid never has."),
    ],
    ids=["empty", "blank", "none", "list", "too-long", "foreign-version", "base64", "truncated-check",
         "no-check", "non-ascii"],
)
def test_damaged_link_messages(code, message):
    with pytest.raises(AnswersError) as exc:
        decode_link(code)
    assert str(exc.value) == message


def test_every_truncation_of_a_link_is_refused():
    for n in range(len(FIXED_LINK)):
        with pytest.raises(AnswersError, match=r"^This link"):
            decode_link(FIXED_LINK[:n])


def test_flipped_characters_are_refused():
    """A flipped answer digit, value digit, deliberation letter, guess or support character or check
    letter fails the check."""
    positions = {
        "answer": 2 + list(QUESTIONS).index("blood_thinner"),
        "value": FIXED_LINK.index(".", 2) + 1 + VALUE_IDS.index("avoid_serious_risk"),
        "role": len(".".join(FIXED_LINK.split(".")[:3])) + 2,  # second character of the deliberation part
        "guess": len(".".join(FIXED_LINK.split(".")[:4])) + 2,  # a guess character of the "more" part
        "support": len(FIXED_LINK) - 9,  # last character of the "more" part: feels pressure
        "check": len(FIXED_LINK) - 1,
    }
    for what, i in positions.items():
        for ch in "0123456789abcdefghijklmnopqrstuvwxyz-":
            if ch == FIXED_LINK[i]:
                continue
            bad = FIXED_LINK[:i] + ch + FIXED_LINK[i + 1:]
            with pytest.raises(AnswersError) as exc:
                decode_link(bad)
            assert str(exc.value).startswith("This link is damaged or incomplete"), (what, bad)


def _v1(saved: Saved) -> str:
    """The link version 1 wrote (two check characters), as patients may still have it."""

    return _old_link("1", saved)


def _old_link(version: str, saved: Saved) -> str:
    """A link as version 1 or 2 wrote it: 23 answer characters (before symptom_severity,
    daily_opioids and medicare were added); version 1 with two check characters."""
    from decision_aid.answers import _check

    _, a, v, d, more, _check_chars = encode_link(saved).split(".")
    assert set(a[23:]) <= {"0"}, "old links cannot hold the questions added later"
    assert set(more) == {"-"}, "old links cannot hold guesses, knowledge or support answers"
    body = f"{version}.{a[:23]}.{v}.{d}"
    return f"{body}.{_check(body)}"


def test_version_2_links_open_with_the_added_questions_unanswered():
    old = _old_link("2", FIXED)
    assert len(old.split(".")[1]) == 23 and len(old.rsplit(".", 1)[1]) == 7
    assert decode_link(old) == FIXED
    # a version-2 link with 26 answer characters was never written: refused, not half-read
    from decision_aid.answers import _check

    body = "2." + encode_link(FIXED).split(".", 1)[1].rsplit(".", 1)[0]
    with pytest.raises(AnswersError, match="damaged or incomplete"):
        decode_link(f"{body}.{_check(body)}")


def test_version_1_links_still_open():
    old = _v1(FIXED)
    assert old.startswith("1.") and len(old.rsplit(".", 1)[1]) == 2
    assert decode_link(old) == FIXED
    with pytest.raises(AnswersError, match="A check failed"):
        decode_link(old[:-1] + ("0" if old[-1] != "0" else "1"))


LINK_CHARS = sorted(LINK_SAFE)


@pytest.mark.parametrize("seed", range(6))
def test_every_single_character_change_and_neighbour_swap_is_refused(seed):
    """Versions 2 and 3: every change of one character (to any URL-safe character) and every swap of two
    neighbouring characters, in links with many answers, is refused; none opens as other answers.
    (With version 1's two check characters, 4 of 50,160 such changes opened as other answers.)"""
    import random

    rnd = random.Random(seed)
    saved = Saved(answers={q: rnd.choice(vals) for q, vals in QUESTIONS.items() if rnd.random() < 0.8},
                  values={k: rnd.randint(0, 4) for k in VALUE_IDS if rnd.random() < 0.7},
                  leaning=rnd.choice([None, *LEANINGS]), decision_role=rnd.choice([None, *DECISION_ROLES]),
                  sure={k: rnd.random() < 0.5 for k in SURE_ITEMS if rnd.random() < 0.6},
                  expectations={e: {o: rnd.randint(0, 100) for o in OPTION_IDS if rnd.random() < 0.7}
                                for e in EXPECTATION_IDS if rnd.random() < 0.8},
                  knowledge={k: rnd.choice(v) for k, v in KNOWLEDGE_ITEMS.items() if rnd.random() < 0.7},
                  support={"others_involved": True, "others_leaning": rnd.choice(LEANINGS),
                           "feel_pressure": rnd.random() < 0.5})
    saved = Saved(**{**saved.__dict__, "expectations": {e: g for e, g in saved.expectations.items() if g}})
    link = encode_link(saved)
    opened = []
    tried = 0
    for i in range(len(link)):
        variants = [link[:i] + ch + link[i + 1:] for ch in LINK_CHARS if ch != link[i]]
        if i + 1 < len(link) and link[i] != link[i + 1]:
            variants.append(link[:i] + link[i + 1] + link[i] + link[i + 2:])
        for bad in variants:
            tried += 1
            try:
                opened.append((bad, decode_link(bad)))
            except AnswersError:
                pass
    assert tried > 3000
    assert opened == []


def test_valid_check_but_impossible_content_is_refused():
    from decision_aid.answers import _check  # build a link whose checksum is right but content is not

    body = "1." + "9" * 23 + "." + "-" * len(VALUE_IDS) + "." + "------"
    with pytest.raises(AnswersError) as exc:
        decode_link(f"{body}.{_check(body)}")
    assert str(exc.value) == (
        "This link is damaged or incomplete, so it could not be opened. "
        "The answer to 'bladder_bowel_change' is not valid."
    )


# --------------------------------------------------------------------------------------------------
# Robustness: anything in -> Saved or AnswersError out
# --------------------------------------------------------------------------------------------------


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2048))
@example(b"\x00")
@example(b"NaN")
@example(b'{"schema": "lss-decision-aid/answers", "version": 1, "values": {"lasting_relief": NaN}}')
@example(b'{"schema": "lss-decision-aid/answers", "version": 1e400}')
def test_any_bytes_give_saved_or_answers_error(data):
    try:
        result = parse_answers_bytes(data)
    except AnswersError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(result, Saved)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries(
    {"schema": st.just(ANSWERS_SCHEMA) | JSONISH, "version": st.just(1) | JSONISH},
    optional={"answers": JSONISH | st.dictionaries(st.sampled_from(list(QUESTIONS)), JSONISH),
              "values": JSONISH | st.dictionaries(st.sampled_from(VALUE_IDS), JSONISH),
              "deliberation": JSONISH, "notes": JSONISH},
))
def test_any_json_document_gives_saved_or_answers_error(doc):
    data = json.dumps(doc).encode("utf-8")
    try:
        result = parse_answers_bytes(data)
    except AnswersError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, Saved)
        assert parse_answers_bytes(result.to_json().encode()) == result


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300) | st.from_regex(r"\A1\.[0-9]{0,30}\.[-0-9]{0,10}\.[-a-z]{0,8}\.[0-9a-z]{0,3}\Z"))
@example(FIXED_LINK.upper())
@example("1....")
@example("1.²²²²²²²²²²²²²²²²²²²²²²².--------.------.aa")
def test_any_text_to_decode_link_gives_saved_or_answers_error(text):
    try:
        result = decode_link(text)
    except AnswersError as exc:
        assert str(exc).startswith("This link") and "\n" not in str(exc)
    else:
        assert isinstance(result, Saved)
        assert encode_link(result) == text.strip()


# --------------------------------------------------------------------------------------------------
# The app's handling of ?r= (plain dict as session state)
# --------------------------------------------------------------------------------------------------


def _session(**answers) -> dict:
    ss: dict = {}
    state.init_state(ss)
    ss[state.ANSWERS] = dict(answers)
    return ss


def test_damaged_link_keeps_existing_answers_and_sets_an_error_flash():
    ss = _session(smoker="yes", diabetes="controlled")
    state.apply_query_params({"r": FIXED_LINK[:-1]}, ss)
    assert ss[state.ANSWERS] == {"smoker": "yes", "diabetes": "controlled"}
    assert ss[state.FLASH] == (
        "error",
        "This link is damaged or incomplete, so it could not be opened. A check failed; maybe some "
        "characters were lost when copying it. Your current answers are kept.",
    )


def test_damaged_link_on_a_fresh_session_offers_a_clean_start():
    ss = _session()
    state.apply_query_params({"r": "9.foreign"}, ss)
    assert ss[state.ANSWERS] == {}
    assert ss[state.FLASH] == (
        "error",
        "This link could not be opened. It was made by another version of this aid or by another "
        "program. You can start afresh below.",
    )


def test_good_link_replaces_answers_once_and_sets_mode():
    ss = _session(smoker="yes")
    state.apply_query_params({"r": FIXED_LINK, "mode": "clinic"}, ss)
    assert state.saved(ss) == FIXED
    assert ss[state.MODE] == "clinic"
    assert ss[state.FLASH] == ("success", "Your saved answers were opened from the link (3 answers).")
    state.set_answer("smoker", "yes", ss)
    state.apply_query_params({"r": FIXED_LINK}, ss)  # the same link again (a rerun) is not re-applied
    assert state.answers(ss)["smoker"] == "yes"


EVERYTHING = Saved(
    answers={"bladder_bowel_change": "no", "smoker": "yes"},
    values={"short_recovery": 4},
    leaning="physical_therapy",
    decision_role="together",
    sure={"clear_values": True, "sure_best_choice": False},
    expectations={"improve": {"physical_therapy": 40, "open_surgery": 75}, "more_treatment": {"mild": 0}},
    knowledge={"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"},
    support={"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True},
)


def test_a_link_brings_back_guesses_knowledge_answers_and_support_into_the_session():
    """What the person did on the Check page comes back from a link or file (Summary no longer says
    "not done yet" after resuming)."""
    ss = _session(smoker="no")
    ss[state.EXPECTATIONS] = {"improve": {"mild": 10}}
    state.apply_query_params({"r": encode_link(EVERYTHING)}, ss)
    assert ss[state.EXPECTATIONS] == {"improve": {"physical_therapy": 40, "open_surgery": 75},
                                      "more_treatment": {"mild": 0}}
    assert ss[state.KNOWLEDGE] == {"general_anesthesia": "open_surgery_only", "steroid_vs_numbing": "much_more"}
    assert ss[state.SUPPORT] == {"others_involved": True, "others_leaning": "open_surgery", "feel_pressure": True}
    assert state.saved(ss) == EVERYTHING
    assert parse_answers_bytes(state.saved(ss).to_json().encode()) == EVERYTHING


def test_the_answers_file_holds_the_contract_fields_and_never_notes():
    ss = _session()
    state.apply_saved(EVERYTHING, ss)
    ss[state.NOTES] = "my private worry"
    doc = json.loads(state.saved(ss).to_json())
    assert doc["deliberation"]["expectations"] == {"improve": {"physical_therapy": 40, "open_surgery": 75},
                                                   "more_treatment": {"mild": 0}}
    assert doc["deliberation"]["knowledge"] == {"general_anesthesia": "open_surgery_only",
                                                "steroid_vs_numbing": "much_more"}
    assert doc["deliberation"]["support"] == {"others_involved": True, "others_leaning": "open_surgery",
                                              "feel_pressure": True}
    assert "my private worry" not in json.dumps(doc) and "my private worry" not in encode_link(state.saved(ss))


def test_an_empty_set_of_guesses_and_an_absent_others_leaning_are_nothing():
    doc = json.loads(json.dumps(GOOD))
    doc["deliberation"] = {"expectations": {"improve": {}}, "support": {"others_involved": False, "others_leaning": None}}
    saved = parse_answers_bytes(_bytes(doc))
    assert saved.expectations == {} and saved.support == {"others_involved": False}
    assert decode_link(encode_link(saved)) == saved


def test_expectation_and_knowledge_ids_are_the_contents():
    """The contract's ids (what files and links carry) are exactly deliberation.yaml's, in order
    (the content loader refuses anything else too)."""
    from decision_aid.content.loader import load_content

    dl = load_content().deliberation
    assert tuple(e.id for e in dl.expectations) == EXPECTATION_IDS
    assert {k.id: tuple(ch.value for ch in k.choices) for k in dl.knowledge} == KNOWLEDGE_ITEMS
    assert list(KNOWLEDGE_ITEMS) == [k.id for k in dl.knowledge]
    for e in dl.expectations:  # every option a guess is asked for can be stored
        assert set(e.figures) <= set(OPTION_IDS)


def test_the_longest_link_fits_and_its_qr_code_decodes(tmp_path):
    """A link with every field filled stays under MAX_LINK_CHARS, and its QR code (as on Summary and in
    the PDF) decodes back to the same link with zbarimg."""
    import shutil
    import subprocess

    from decision_aid.export import qr_png_bytes

    full = Saved(answers={q: v[-1] for q, v in QUESTIONS.items()}, values={k: 4 for k in VALUE_IDS},
                 leaning="not_sure", decision_role="clinician_decides", sure={k: True for k in SURE_ITEMS},
                 expectations={e: {o: 100 for o in OPTION_IDS} for e in EXPECTATION_IDS},
                 knowledge={k: v[-1] for k, v in KNOWLEDGE_ITEMS.items()},
                 support={"others_involved": True, "others_leaning": "not_sure", "feel_pressure": True})
    url = resume_url("https://decision-aid.example.org", full, mode="clinic")
    assert len(encode_link(full)) <= MAX_LINK_CHARS
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png_bytes(url))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == url
    assert decode_link(url.split("r=", 1)[1].split("&", 1)[0]) == full


def test_unknown_mode_is_ignored():
    ss = _session()
    state.apply_query_params({"mode": "kiosk"}, ss)
    assert ss[state.MODE] == "home"
    assert ss[state.FLASH] is None


def test_a_missing_message_text_fails_loudly_with_its_id(monkeypatch):
    """The messages live in texts.yaml (graded); one that is missing raises ContentError naming the id
    (the command line prints it in one line), never a KeyError or an empty message."""
    from decision_aid import answers
    from decision_aid.content import loader
    from decision_aid.content.models import TextsFile

    full = loader.load_texts()
    texts = {k: v for k, v in full.texts.items() if k != "file_schema"}
    monkeypatch.setattr(loader, "load_texts", lambda lang="en": TextsFile(texts=texts, sources=full.sources))
    with pytest.raises(loader.ContentError, match=r"^texts.yaml: texts.file_schema: missing"):
        answers.validate_document({"schema": "other"})
    with pytest.raises(AnswersError, match=r"^This link is damaged or incomplete"):  # others still work
        answers.decode_link("")
