"""The Chapter 8 checkers accept right answers and reject wrong ones with a hint."""
from __future__ import annotations

import sympy as sp

from bpnet import activations
from bpnet import exercises as ex

z, a, y = sp.symbols("z a y", real=True)


def _wrong(result) -> None:
    assert result.correct is False
    assert "Hint:" in result.message


def test_tanh_prime():
    assert ex.check_tanh_prime(sp.diff(sp.tanh(z), z)).correct
    assert ex.check_tanh_prime(4 / (sp.exp(z) + sp.exp(-z)) ** 2).correct  # sech^2 in another form
    _wrong(ex.check_tanh_prime(1 - sp.tanh(z)))
    _wrong(ex.check_tanh_prime(sp.tanh(z) * (1 - sp.tanh(z))))


def test_ce_delta():
    cost = -(y * sp.log(a) + (1 - y) * sp.log(1 - a))
    assert ex.check_ce_delta(sp.diff(cost, a) * a * (1 - a)).correct  # unsimplified product is fine
    assert ex.check_ce_delta(a - y).correct
    _wrong(ex.check_ce_delta((a - y) * a * (1 - a)))  # sigma' added where it cancels
    _wrong(ex.check_ce_delta(sp.diff(cost, a)))  # sigma' forgotten


def test_tanh_mse_delta():
    assert ex.check_tanh_mse_delta((a - y) * (1 - a ** 2)).correct
    _wrong(ex.check_tanh_mse_delta(a - y))
    _wrong(ex.check_tanh_mse_delta((a - y) * a * (1 - a)))  # the sigmoid's derivative


def test_output_delta():
    right_mse = lambda z_, a_, y_: (a_ - y_) * activations.sigmoid_prime(z_)  # noqa: E731 (a one-line formula, named as the maths names it)
    right_ce = lambda z_, a_, y_: a_ - y_  # noqa: E731 (a one-line formula, named as the maths names it)
    assert ex.check_output_delta(right_mse).correct
    assert ex.check_output_delta(right_ce, loss="cross_entropy").correct
    assert ex.check_output_delta(right_ce, loss="cross_entropy", output="softmax").correct
    _wrong(ex.check_output_delta(right_ce))  # sigma' missing
    _wrong(ex.check_output_delta(right_mse, loss="cross_entropy"))  # sigma' added
    _wrong(ex.check_output_delta(lambda z_, a_, y_: 1 / 0))  # raises
    assert ex.check_output_delta("a - y").correct is False


def test_output_delta_hint_names_the_common_mistake():
    result = ex.check_output_delta(lambda z_, a_, y_: a_ - y_)  # squared error with sigma' missing
    assert result.correct is False
    assert "Common mistakes" in result.message and "confusion" not in result.message.lower()
    assert "phi'" in result.message
