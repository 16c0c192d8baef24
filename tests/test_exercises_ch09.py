"""The Chapter 9 checkers accept right answers and reject wrong ones with a hint."""
from __future__ import annotations

import numpy as np
import pytest

from bpnet import activations, bugs
from bpnet import exercises as ex
from bpnet.exercises.ch09 import SIGMOID_PRIME_CASES, SIGMOID_PRIME_RTOL


def _wrong(result) -> None:
    assert result.correct is False
    assert "Hint:" in result.message


def test_central_difference():
    assert ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x - eps)) / (2 * eps)).correct
    _wrong(ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x - eps)) / eps))
    _wrong(ex.check_central_difference(lambda f, x, eps: (f(x + eps) - f(x)) / eps))  # one-sided


def test_sigmoid_prime():
    assert ex.check_sigmoid_prime(activations.sigmoid_prime).correct
    assert ex.check_sigmoid_prime(lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2).correct
    s = activations.sigmoid
    _wrong(ex.check_sigmoid_prime(lambda z: s(z) * (1 - s(z))))  # rounded a: 0 at z = 40
    _wrong(ex.check_sigmoid_prime(s))
    with np.errstate(over="ignore"):  # (1 + e^{700})^2 overflows: 0 instead of about 1e-304
        _wrong(ex.check_sigmoid_prime(lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2))
    assert ex.check_sigmoid_prime(lambda z: 1 / 0).correct is False


def test_sigmoid_prime_checker_tries_the_trap_at_its_stated_tolerance():
    """Chapter 9 glues SIGMOID_PRIME_RTOL and the |z| tried into the exercise text: both must hold."""
    z = np.concatenate(SIGMOID_PRIME_CASES)
    assert 40.0 in z and -40.0 in z and np.max(np.abs(z)) == 700.0
    assert activations.sigmoid(np.array(37.0)) == 1.0 and 37.0 in z  # the first integer z where a rounds to 1.0
    assert ex.check_sigmoid_prime(lambda z: activations.sigmoid_prime(z) * (1 + SIGMOID_PRIME_RTOL / 2)).correct
    _wrong(ex.check_sigmoid_prime(lambda z: activations.sigmoid_prime(z) * (1 + 2 * SIGMOID_PRIME_RTOL)))


def test_fixed_backward_accepts_the_reference():
    assert ex.check_fixed_backward(bugs.reference_backward).correct


@pytest.mark.parametrize("name", list(bugs.BUGS))
def test_fixed_backward_rejects_every_bug(name):
    _wrong(ex.check_fixed_backward(bugs.BUGS[name]))


def test_fixed_backward_rejects_a_non_function():
    assert ex.check_fixed_backward(None).correct is False
