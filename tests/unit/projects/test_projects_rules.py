"""The pure rules of a livelihood-project round, without a store."""
import pytest

from functions.projects import rules
from functions.projects.rules import RuleBroken


def code_of(call) -> str:
    with pytest.raises(RuleBroken) as caught:
        call()
    return caught.value.code


@pytest.mark.parametrize("state, move, target", [
    ("collecting", "open_vote", "voting"), ("voting", "close_vote", "in_progress"),
    ("in_progress", "open_evaluation", "evaluating"), ("evaluating", "close_evaluation", "closed"),
    ("voting", "ballot", "voting"), ("in_progress", "progress", "in_progress")])
def test_each_move_leads_from_its_state_to_the_next(state, move, target):
    assert rules.next_state(state, move) == target


@pytest.mark.parametrize("state, move", [
    ("collecting", "ballot"), ("in_progress", "ballot"), ("closed", "ballot"),
    ("collecting", "close_vote"), ("voting", "open_evaluation"), ("collecting", "progress"),
    ("voting", "shortlist"), ("closed", "evaluate"), ("in_progress", "close_evaluation"),
    ("closed", "comment")])
def test_a_move_out_of_its_state_is_an_invalid_transition(state, move):
    assert code_of(lambda: rules.next_state(state, move)) == "invalid_transition"


def test_a_closed_round_reopens_its_evaluation_once_and_only_for_flagged_projects():
    assert rules.next_state("closed", "open_evaluation", evaluation_pass=1, flagged=2) == \
        "evaluating"
    assert code_of(lambda: rules.next_state("closed", "open_evaluation", evaluation_pass=1,
                                            flagged=0)) == "invalid_transition"
    assert code_of(lambda: rules.next_state("closed", "open_evaluation", evaluation_pass=2,
                                            flagged=1)) == "invalid_transition"


@pytest.mark.parametrize("choices", [["a", "a"], ["a", "b", "c"], ["z"], "a", [1]])
def test_a_ballot_holds_at_most_max_choices_distinct_shortlisted_candidates(choices):
    assert code_of(lambda: rules.checked_choices(choices, ["a", "b", "c"], 2)) == \
        "validation_error"


def test_a_ballot_keeps_the_shortlist_order_and_may_be_blank():
    assert rules.checked_choices(["c", "a"], ["a", "b", "c"], 2) == ["a", "c"]
    assert rules.checked_choices([], ["a"], 1) == []


def test_a_replaced_ballot_moves_its_votes_and_counts_one_ballot_only_once():
    assert rules.ballot_deltas(None, ["a", "b"]) == {"votes:a": 1, "votes:b": 1, "ballots": 1}
    assert rules.ballot_deltas(["a", "b"], ["b", "c"]) == {"votes:a": -1, "votes:c": 1}
    assert rules.ballot_deltas(["a"], ["a"]) == {}


def test_winners_need_more_than_half_of_the_eligible_and_at_most_max_choices():
    votes = {"a": 3, "b": 4, "c": 3, "d": 2}
    assert rules.winners(votes, ["a", "b", "c", "d"], eligible=5, max_choices=2) == ["b", "a"]
    assert rules.winners(votes, ["a", "b", "c", "d"], eligible=6, max_choices=3) == ["b"]
    assert rules.winners({"a": 2}, ["a"], eligible=4, max_choices=1) == []


def test_satisfaction_counts_basically_satisfied_and_flags_under_sixty_percent():
    assert rules.satisfaction({"satisfied": 1, "basically_satisfied": 2, "unsatisfied": 2}) \
        == (0.6, False)
    assert rules.satisfaction({"satisfied": 1, "unsatisfied": 2}) == (0.3333, True)
    assert rules.satisfaction({}) == (None, False)


def test_a_changed_rating_moves_between_counters():
    assert rules.rating_deltas({"p": "unsatisfied"}, {"p": "satisfied", "q": "satisfied"}) == \
        {"p:unsatisfied": -1, "p:satisfied": 1, "q:satisfied": 1}


def test_ratings_name_projects_of_the_pass_with_known_ratings():
    assert code_of(lambda: rules.checked_ratings({"p": "great"}, ["p"])) == "validation_error"
    assert code_of(lambda: rules.checked_ratings({"x": "satisfied"}, ["p"])) == \
        "validation_error"
    assert code_of(lambda: rules.checked_ratings({}, ["p"])) == "validation_error"


def test_progress_goes_back_only_with_a_reason_and_never_to_an_earlier_month():
    entries = [{"month": "2027-03", "percent": 50}]
    rules.checked_progress(entries, month="2027-04", percent=70, reason=None)
    rules.checked_progress(entries, month="2027-04", percent=40, reason="暴雨冲毁路基")
    for month, percent, reason in (("2027-04", 40, None), ("2027-04", 40, " "),
                                   ("2027-02", 60, None), ("2027-13", 60, None),
                                   ("2027-04", 101, None), ("2027-04", True, None)):
        assert code_of(lambda: rules.checked_progress(
            entries, month=month, percent=percent, reason=reason)) == "validation_error"


def test_progress_keeps_one_entry_a_month_and_a_bounded_list():
    entries = [{"month": f"20{27 + i // 12}-{i % 12 + 1:02d}", "percent": i} for i in range(24)]
    kept = rules.with_progress(entries, {"month": "2029-01", "percent": 99})
    assert len(kept) == rules.MAX_PROGRESS_ENTRIES and kept[-1]["month"] == "2029-01"
    assert kept[0]["month"] == "2027-02"
    fixed = rules.with_progress(kept, {"month": "2029-01", "percent": 98})
    assert [e["percent"] for e in fixed[-2:]] == [23, 98]
