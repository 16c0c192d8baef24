"""The Chapter 1 checkers accept right answers and reject wrong ones with a hint."""
import inspect
import re

import sympy as sp

from bpnet import exercises as ex
from bpnet.exercises import ch01


def _wrong(result):
    assert result.correct is False and "Hint" in result.message


def test_sigmoid_derivative():
    z = sp.Symbol("z")
    s = 1 / (1 + sp.exp(-z))
    assert ex.check_sigmoid_derivative(s * (1 - s)).correct
    assert ex.check_sigmoid_derivative(sp.diff(s, z)).correct
    _wrong(ex.check_sigmoid_derivative(s))
    _wrong(ex.check_sigmoid_derivative(s * (1 - s) * sp.Symbol("w")))


def test_weight_shape():
    assert ex.check_weight_shape((2, 4)).correct
    _wrong(ex.check_weight_shape((4, 2)))
    assert ex.check_weight_shape("two").correct is False


def test_no_typed_equation_or_confusion_numbers():
    src = inspect.getsource(ch01)
    assert not re.search(r"Eqs?\.\s*\(?\d", src) and "learner confusion" not in src.lower()
