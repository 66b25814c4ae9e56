"""Background work gives way to keys (reader.ui.decisions.input_first), on a clock the
test moves."""

from __future__ import annotations

import itertools

from reader.ui.decisions.input_first import INPUT_FIRST, LONGEST_WAIT, InputFirst


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_slice_soon_after_a_key_and_one_once_the_keys_pause() -> None:
    clock = Clock()
    policy = InputFirst(clock)
    assert policy.may_run()  # no key yet
    policy.key_pressed()
    policy.key_drawn()
    clock.now += INPUT_FIRST / 2
    assert not policy.may_run()
    clock.now += INPUT_FIRST
    assert policy.may_run()


def test_keys_held_down_slow_the_work_but_never_stop_it() -> None:
    clock = Clock()
    policy = InputFirst(clock)
    ran = []
    for step in range(100):  # a key every 40 ms for 4 s, a tick after each
        clock.now += 0.04
        policy.key_pressed()
        policy.key_drawn()
        clock.now += 0.001
        if policy.may_run():
            ran.append(step)
    assert 4 <= len(ran) <= 9  # about one slice every LONGEST_WAIT
    gaps = [(b - a) * 0.04 for a, b in itertools.pairwise(ran)]
    assert all(gap >= LONGEST_WAIT - 0.04 for gap in gaps)


def test_a_slice_forced_by_the_wait_is_one_for_all_the_work() -> None:
    """The counting and the analysis share the policy: one forced slice, not one each."""
    clock = Clock()
    policy = InputFirst(clock)
    policy.may_run()
    clock.now += LONGEST_WAIT
    policy.key_pressed()
    policy.key_drawn()
    assert policy.may_run()  # the counting's
    assert not policy.may_run()  # the analysis' waits for the next


def test_no_slice_between_a_key_and_its_frame_even_a_forced_one() -> None:
    clock = Clock()
    policy = InputFirst(clock)
    clock.now += LONGEST_WAIT  # a slice is due, whatever the keys
    policy.key_pressed()
    assert not policy.may_run()
    policy.key_drawn()
    assert policy.may_run()
    policy.key_pressed()  # a key whose frame never comes holds the work up for a while only
    clock.now += LONGEST_WAIT
    assert policy.may_run()


def test_keys_lately_while_they_follow_one_another() -> None:
    clock = Clock()
    policy = InputFirst(clock)
    assert not policy.keys_lately()
    policy.key_pressed()
    clock.now += INPUT_FIRST / 2
    assert policy.keys_lately()
    clock.now += INPUT_FIRST
    assert not policy.keys_lately()
