"""The Chapter 1 checkers accept right answers and reject wrong ones with a hint."""
import inspect
import re

import numpy as np
import sympy as sp

from bpnet import exercises as ex
from bpnet.activations import sigmoid_prime
from bpnet.exercises import ch01
from bpnet.exercises.ch01 import SIGMOID_PRIME_CASES, SIGMOID_PRIME_RTOL


def _wrong(result):
    assert result.correct is False and "Hint" in result.message


def test_sigmoid_derivative():
    z = sp.Symbol("z")
    s = 1 / (1 + sp.exp(-z))
    assert ex.check_sigmoid_derivative(s * (1 - s)).correct
    assert ex.check_sigmoid_derivative(sp.diff(s, z)).correct
    _wrong(ex.check_sigmoid_derivative(s))
    _wrong(ex.check_sigmoid_derivative(s * (1 - s) * sp.Symbol("w")))


def test_sigmoid_prime_code():
    assert ex.check_sigmoid_prime_code(lambda z: np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))) ** 2).correct

    def rounded(z):  # a(1 - a) from a rounded a: exactly 0 at z = 40
        a = 1 / (1 + np.exp(-z))
        return a * (1 - a)

    _wrong(ex.check_sigmoid_prime_code(rounded))
    _wrong(ex.check_sigmoid_prime_code(lambda z: 1 / (1 + np.exp(-z))))
    assert ex.check_sigmoid_prime_code(lambda z: 1 / 0).correct is False


def test_weight_shape():
    assert ex.check_weight_shape((2, 4)).correct
    _wrong(ex.check_weight_shape((4, 2)))
    assert ex.check_weight_shape("two").correct is False


def test_sigmoid_prime_checker_tries_the_trap_at_its_stated_tolerance():
    """The chapter glues SIGMOID_PRIME_RTOL and the largest |z| tried into the exercise text: both must hold."""
    z = np.concatenate(SIGMOID_PRIME_CASES)
    assert 40.0 in z and -40.0 in z and np.max(np.abs(z)) == 700.0
    assert ex.check_sigmoid_prime_code(lambda z: sigmoid_prime(z) * (1 + SIGMOID_PRIME_RTOL / 2)).correct
    _wrong(ex.check_sigmoid_prime_code(lambda z: sigmoid_prime(z) * (1 + 2 * SIGMOID_PRIME_RTOL)))


def test_no_typed_equation_or_confusion_numbers():
    src = inspect.getsource(ch01)
    assert not re.search(r"Eqs?\.\s*\(?\d", src) and "learner confusion" not in src.lower()
