"""The Chapter 1 checkers accept right answers and reject wrong ones with a hint."""
import numpy as np
import sympy as sp

from bpnet import exercises as ex


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
