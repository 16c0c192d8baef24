"""The Chapter 9 checkers accept right answers and reject wrong ones with a hint."""
from __future__ import annotations

import pytest

from bpnet import activations, bugs
from bpnet import exercises as ex


def _wrong(result) -> None:
    assert result.correct is False
    assert "Hint:" in result.message


def test_central_difference():
    assert ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x - eps)) / (2 * eps)).correct
    _wrong(ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x - eps)) / eps))
    _wrong(ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x)) / eps))  # one-sided


def test_sigmoid_prime():
    assert ex.check_sigmoid_prime(activations.sigmoid_prime).correct
    s = activations.sigmoid
    _wrong(ex.check_sigmoid_prime(lambda z: s(z) * (1 - s(z))))  # rounded a: 0 at z = 40
    _wrong(ex.check_sigmoid_prime(s))


def test_fixed_backward_accepts_the_reference():
    assert ex.check_fixed_backward(bugs.reference_backward).correct


@pytest.mark.parametrize("name", list(bugs.BUGS))
def test_fixed_backward_rejects_every_bug(name):
    _wrong(ex.check_fixed_backward(bugs.BUGS[name]))


def test_fixed_backward_rejects_a_non_function():
    assert ex.check_fixed_backward(None).correct is False
