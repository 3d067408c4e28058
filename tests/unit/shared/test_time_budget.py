"""The time budget, on a clock the test moves by hand."""
from functions.shared import time_budget
from functions.shared.time_budget import Budget


class Ticks:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_work_is_claimed_only_while_more_than_the_reserve_is_left():
    ticks = Ticks()
    budget = Budget(10, reserve=3, clock=ticks)
    assert budget.can_claim()
    ticks.now += 7
    assert not budget.can_claim() and budget.left() == 3
    assert budget.report() == {"out_of_time": True, "seconds_left": 3.0}


def test_timeouts_are_cut_to_what_is_left_so_a_send_ends_in_time():
    ticks = Ticks()
    budget = Budget(4, clock=ticks)
    assert budget.timeout(3, 5) == (3, 4)
    ticks.now += 3.5
    assert budget.timeout(3, 5) == (0.5, 0.5)


def test_lambdas_remaining_time_less_the_handlers_tail_is_the_budget():
    class Context:
        def get_remaining_time_in_millis(self):
            return 55_000
    budget = time_budget.from_context(Context(), reserve=10, clock=Ticks())
    assert budget.left() == 55 - time_budget.SCHEDULED_TAIL and budget.reserve == 10


def test_without_a_context_there_is_no_limit():
    assert time_budget.from_context(None) is None
