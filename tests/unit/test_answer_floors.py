"""The blind answer batches (tests/eval/answers/test/), scored through the whole assistant
exactly as `policybot eval` does, held at the issue's targets or at their first scores.
Apart from `test_eval_floors.py` so the two run side by side."""

from __future__ import annotations

import pytest

from tests.eval_scoring import scored

# The targets: hit@3, top-1 and follow-ups at least, answerable refused at most.
TARGETS = (0.95, 0.85, 0.9, 0.03)
# A batch is held at the targets where its first score met them, and at that first
# score where it did not (q15, q17: 13 of 15 follow-ups; q21, q22: round 7's last pair).
# q18 met hit@3 (0.950) and refusals (2/90) at its first score; the ranker retrained with
# q13-q16 gives 0.933 and 3/90 on it, and it is held there. Since round 8 the ranker
# trains on q5-q18, q21 and q22 (q19, q20 are dev), so their floors here only guard
# against regressions: they are no longer evidence of generalisation. Round 9 (q5-q22 in
# train; q23, q24 dev) lets the coverage threshold refuse 3% of answerable training
# questions in cross-validation, not 1%: dev refuses 0.908 of out-of-scope questions, not
# 0.838, and 3 of 250 answerable ones, not 2; trained-on q7, q8 and q18 pay for it with
# one to three more refusals each (all train batches: 7 of 2010 refused before, 32 after).
BELOW_TARGET = {
    "q7-senior-manager": (0.95, 0.85, 0.9, 0.034),
    "q8-graduate-trainee": (0.95, 0.85, 0.9, 0.034),
    "q15-rec-coordinator-bristol": (0.95, 0.85, 0.86, 0.03),
    "q17-ppi-lead": (0.95, 0.85, 0.86, 0.03),
    "q18-approvals-specialist": (0.91, 0.85, 0.9, 0.045),
    "q21-policy-adviser": (0.95, 0.83, 0.9, 0.03),
    "q22-corporate-apprentice": (0.92, 0.77, 0.9, 0.067),
    # Round 8's test pair, first scored on bb0efba: q24 answered 13 of 15 follow-ups.
    "q24-web-developer": (0.95, 0.85, 0.86, 0.03),
    # Round 9's test pair, first scored on 3bbd38e: q26 answered 13 of 15 follow-ups.
    "q26-ig-paralegal": (0.95, 0.85, 0.86, 0.03),
    # Round 10's test pair, first scored on ae4b095: q27 answered 13 of 15 follow-ups; q28
    # ranked 113 of 120 in the top 3 and refused 5 of 90 answerable questions.
    "q27-board-secretary": (0.95, 0.85, 0.86, 0.03),
    "q28-queries-line-adviser": (0.94, 0.85, 0.9, 0.056),
    # Round 12's test pair, first scored on 3f47679: q31 led with the right section for
    # 100 of 120 questions (top-1 0.833).
    "q31-facilities-coordinator": (0.95, 0.83, 0.9, 0.03),
    # Round 13's test pair, first scored on 67453a4: q33 answered 13 of 15 follow-ups.
    "q33-procurement-officer": (0.95, 0.85, 0.86, 0.03),
    # Round 18's test pair, first scored on c3c4c39: q45 answered 13 of 15 follow-ups.
    "q45-receptionist-london": (0.95, 0.85, 0.86, 0.03),
    # Round 23's test pair, first scored on 66bb9b7: q55 refused 5 of 90 answerable
    # questions (phone shorthand: "secondees?", "a rec" for a recommendation).
    "q55-ig-assistant-phone-shorthand": (0.95, 0.85, 0.9, 0.056),
    # Round 25's test pair, first scored on e3504be: q58 (dialect, roundabout wording)
    # ranked 112 of 120 in the top 3, led with 100 and refused 4 of 90 answerable
    # questions; q59 refused 3 of 90.
    "q58-lay-rec-member-cumbria-farmer": (0.93, 0.83, 0.9, 0.045),
    "q59-product-owner-terse-jargon": (0.95, 0.85, 0.9, 0.034),
}


# The ranker and the coverage model train on q5-q22 (bot/core/ranking/dataset.py): their
# floors only guard the training fit, so they run with `-m trained`, not in every run.
TRAINED_ON = (
    "q5-rec-coordinator",
    "q6-engagement-assistant",
    "q7-senior-manager",
    "q8-graduate-trainee",
    "q9-research-systems-head",
    "q10-involvement-administrator",
    "q11-seconded-pharmacist",
    "q12-office-manager",
    "q13-rec-manager-leeds",
    "q14-comms-apprentice",
    "q15-rec-coordinator-bristol",
    "q16-content-assistant",
    "q17-ppi-lead",
    "q18-approvals-specialist",
    "q19-hr-administrator",
    "q20-ig-assistant",
    "q21-policy-adviser",
    "q22-corporate-apprentice",
)


@pytest.mark.parametrize(
    "name",
    [
        *(pytest.param(name, marks=pytest.mark.trained) for name in TRAINED_ON),
        "q23-rec-lay-member",
        "q24-web-developer",
        "q25-approvals-officer-cardiff",
        "q26-ig-paralegal",
        "q27-board-secretary",
        "q28-queries-line-adviser",
        # Round 11's test pair, first scored on ae73b51: both met the targets.
        "q29-research-nurse-secondee",
        "q30-hr-policy-officer",
        # Round 12's test pair, first scored on 3f47679.
        "q31-facilities-coordinator",
        "q32-information-rights-lead",
        # Round 13's test pair, first scored on 67453a4.
        "q33-procurement-officer",
        "q34-data-scientist",
        # Round 14's test pair, first scored on c9e0b36: both met the targets held here.
        "q35-retired-gp-rec-member",
        "q36-approvals-team-leader",
        # Round 15's test pair, first scored on 921a204: both met the targets held here.
        "q37-welsh-speaking-ethics-officer",
        "q38-finance-new-starter",
        # Round 16's test pair, first scored on a731db4: both met the targets held here.
        "q40-seconded-trials-pharmacist",
        "q41-operations-team-lead",
        # Round 17's test pair, first scored on 6f17cf6: both met the targets held here.
        "q42-recruitment-adviser-phone",
        "q43-res-regional-manager",
        # Round 18's test pair, first scored on c3c4c39.
        "q44-cag-secretariat-cardiff",
        "q45-receptionist-london",
        # Round 19's test pair, first scored on 4a339e8: both met the targets held here.
        "q46-contracts-sponsor-liaison-glasgow",
        "q47-statistician-edge-cases",
        # Round 20's test pair, first scored on 4c3cd68. q49 answered 13 of 15 follow-ups
        # then; it is held at the target, which the round's follow-up fix meets (15 of 15).
        "q48-finance-assistant-back-from-leave",
        "q49-comms-duty-manager",
        # Round 21's test pair, first scored on 6ca953a. q50 refused 4 of 90 answerable
        # questions then; it is held at the target, which the round's definition-question
        # fix meets (1 of 90).
        "q50-digital-apprentice-bristol",
        "q51-seconded-solicitor",
        # Round 22's test pair, first scored on 3734b2f: both met these targets then.
        "q52-rec-administrator-voice-dictation",
        "q53-seconded-trust-press-officer",
        # Round 23's test pair, first scored on 66bb9b7; q55 is held at its 5 of 90
        # answerable questions refused (BELOW_TARGET).
        "q54-trials-manager-hypotheticals",
        "q55-ig-assistant-phone-shorthand",
        # Round 24's test pair, first scored on 2df66ae: both met these targets then.
        "q56-estates-officer-just-to-be-sure",
        "q57-ethics-adviser-definitions",
        # Round 25's test pair, first scored on e3504be; both held at their first scores
        # where those fell short (BELOW_TARGET).
        "q58-lay-rec-member-cumbria-farmer",
        "q59-product-owner-terse-jargon",
        # Round 26's test pair, first scored on 4216fe8: both met these targets then.
        "q60-data-officer-second-language",
        "q61-seconded-campaigns-lead-scenarios",
    ],
)
def test_blind_answer_batches_hold_what_their_first_score_met(core, name):
    """Written blind, scored once (README): a regression floor at the issue's targets,
    or at the first score where that fell short."""
    scores = scored(core, f"answers/test/{name}.jsonl", drafts=False)
    hit_at_3, top_1, follow_ups, refused = BELOW_TARGET.get(name, TARGETS)
    assert scores.hit_at_3.value >= hit_at_3, scores.failures
    assert scores.top_1.value >= top_1, scores.failures
    assert scores.follow_up_hit_at_3.value >= follow_ups, scores.failures
    assert scores.answerable_refused.value <= refused, scores.failures
