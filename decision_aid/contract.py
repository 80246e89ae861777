"""The public contract (../shared/design/contract.md) as constants.

These ids and values are what answers files, resume links, the command line and outside tests
depend on. The content files add wording; a test checks that questions.yaml offers exactly these
questions and values. The ORDER of questions and values below is part of the resume-link format
(version 1): only ever append, never reorder or remove.
"""

from __future__ import annotations

ANSWERS_SCHEMA = "lss-decision-aid/answers"
ANSWERS_VERSION = 1

OPTION_IDS: tuple[str, ...] = (
    "mild",
    "physical_therapy",
    "epidural_steroid_injection",
    "open_surgery",
    "no_new_treatment",
)
OPTION_LABELS: dict[str, str] = {
    "mild": "MILD (minimally invasive lumbar decompression)",
    "physical_therapy": "Physical therapy",
    "epidural_steroid_injection": "Epidural steroid injection",
    "open_surgery": "Open surgery (laminectomy)",
    "no_new_treatment": "No new treatment for now",
}
STATUSES: tuple[str, ...] = ("consider", "discuss", "not_suitable")

_YNU = ("yes", "no", "unsure")
_YN = ("yes", "no")

QUESTIONS: dict[str, tuple[str, ...]] = {
    "bladder_bowel_change": _YNU,
    "saddle_numbness": _YNU,
    "worsening_leg_weakness": _YNU,
    "other_red_flags": _YNU,
    "walking_leg_pain_eased_by_sitting": _YNU,
    "vascular_warning_signs": _YNU,
    "symptom_duration": ("under_3_months", "3_to_12_months", "over_12_months"),
    "tried_physical_therapy": _YN,
    "tried_epidural_injection": ("no", "yes_helped", "yes_no_help"),
    "injection_last_8_weeks": _YN,
    "prior_surgery_same_level": _YNU,
    "blood_thinner": ("none", "can_pause", "cannot_pause", "unsure"),
    "can_lie_face_down_1h": _YNU,
    "high_anesthesia_risk": _YNU,
    "diabetes": ("none", "controlled", "poorly_controlled"),
    "osteoporosis": _YNU,
    "smoker": _YN,
    "worse_pain": ("leg", "back", "both"),
    "imaging_confirms_central_stenosis": _YNU,
    "ligamentum_flavum_thickened": _YNU,
    "spondylolisthesis": ("none", "grade_1_stable", "grade_1_unstable", "grade_2_or_higher", "unsure"),
    "stenosis_mainly_foraminal_or_bony": _YNU,
    "stable_leg_weakness_on_exam": _YNU,
    # added after version 1 was first published (contract section 4): files without them stay valid
    "symptom_severity": ("milder", "moderate_or_worse", "unsure"),
    "daily_opioids": _YNU,
    "medicare": _YNU,
}
# How many questions each resume-link version carries (decision_aid/answers.py): links made before
# the three questions above were added keep opening, with those three unanswered.
QUESTIONS_IN_LINK_VERSION: dict[str, int] = {"1": 23, "2": 23, "3": len(QUESTIONS)}
# Contract section 3: every screen, chart, table and the PDF show the options from least to most
# invasive, so that no option leads because of its id. OPTION_IDS stays the JSON order.
DISPLAY_ORDER: tuple[str, ...] = (
    "no_new_treatment",
    "physical_therapy",
    "epidural_steroid_injection",
    "mild",
    "open_surgery",
)

RED_FLAG_QUESTIONS: tuple[str, ...] = (
    "bladder_bowel_change",
    "saddle_numbness",
    "worsening_leg_weakness",
    "other_red_flags",
)
# Contract section 5: urgency levels, highest first. "yes" to a possible cauda equina question is an
# emergency (the comparison is hidden); "unsure" to one of them: contact a doctor today; "yes" to
# other_red_flags: see a doctor in the next few days. ``urgent`` is true exactly for "emergency".
URGENCY_LEVELS: tuple[str, ...] = ("emergency", "same_day", "soon", "none")
CAUDA_EQUINA_QUESTIONS: tuple[str, ...] = (
    "bladder_bowel_change",
    "saddle_numbness",
    "worsening_leg_weakness",
)
IMAGING_QUESTIONS: tuple[str, ...] = (
    "imaging_confirms_central_stenosis",
    "ligamentum_flavum_thickened",
    "spondylolisthesis",
    "stenosis_mainly_foraminal_or_bony",
    "stable_leg_weakness_on_exam",
)

VALUE_IDS: tuple[str, ...] = (
    "avoid_general_anesthesia",
    "avoid_hospital_stay",
    "short_recovery",
    "avoid_needles_and_procedures",
    "lasting_relief",
    "avoid_repeat_treatment",
    "avoid_serious_risk",
    "strongest_evidence",
)
IMPORTANCE_MIN, IMPORTANCE_MAX = 0, 4

LEANINGS: tuple[str, ...] = OPTION_IDS + ("not_sure",)
DECISION_ROLES: tuple[str, ...] = ("on_my_own", "together", "clinician_decides")
SURE_ITEMS: tuple[str, ...] = ("know_benefits_risks", "clear_values", "enough_support", "sure_best_choice")
DELIBERATION_KEYS: tuple[str, ...] = ("leaning", "decision_role", "sure", "expectations", "knowledge", "support")

# Contract section 4, deliberation.expectations / knowledge / support. The ids are the content's
# (deliberation.yaml; the content loader refuses any other ids or order, tests/unit/test_answers.py
# checks them too). Their ORDER is part of the resume-link format (version 3): only ever append.
EXPECTATION_IDS: tuple[str, ...] = ("improve", "more_treatment")
GUESS_MIN, GUESS_MAX = 0, 100
KNOWLEDGE_ITEMS: dict[str, tuple[str, ...]] = {
    "general_anesthesia": ("open_surgery_only", "mild_only", "all_procedures"),
    "steroid_vs_numbing": ("much_more", "little_or_none", "not_measured"),
    "mild_vs_surgery_trial": ("yes_mild_better", "yes_same", "no_trial"),
    "waiting_if_no_warning_signs": ("most_worse_fast", "many_stay_same", "goes_away"),
}
# Ottawa Personal Decision Guide: who else is involved, which option they lean to, pressure.
SUPPORT_KEYS: tuple[str, ...] = ("others_involved", "others_leaning", "feel_pressure")
