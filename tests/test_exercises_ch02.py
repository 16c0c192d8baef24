"""The Chapter 2 checkers accept right answers and reject wrong ones with a hint."""
import inspect
import re

import numpy as np
import sympy as sp

from bpnet import exercises as ex
from bpnet.exercises import ch02
from bpnet.exercises.ch02 import ONE_STEP
from bpnet.symbolic import SymbolicNetwork


def _wrong(result):
    assert result.correct is False and "Hint" in result.message


def test_neuron_gradient():
    s = SymbolicNetwork([2, 1])
    a, y, x2 = s.a[1][0], s.targets[0], s.inputs[1]
    assert ex.check_neuron_gradient((a - y) * a * (1 - a) * x2).correct
    assert ex.check_neuron_gradient(sp.diff(s.cost, s.weights[0][0, 1])).correct
    _wrong(ex.check_neuron_gradient(2 * (a - y) * a * (1 - a) * x2))  # cost without the 1/2
    _wrong(ex.check_neuron_gradient((a - y) * x2))  # sigma' forgotten


def test_cross_entropy_delta():
    z, y = sp.symbols("z y")
    a = 1 / (1 + sp.exp(-z))
    assert ex.check_cross_entropy_delta(a - y).correct
    _wrong(ex.check_cross_entropy_delta((a - y) * a * (1 - a)))  # sigma' where it cancels
    _wrong(ex.check_cross_entropy_delta(y - a))


def manual_step():
    w, b, x, y, eta = np.array(ONE_STEP["w"]), ONE_STEP["b"], np.array(ONE_STEP["x"]), ONE_STEP["y"], ONE_STEP["eta"]
    z = w @ x + b
    a = 1 / (1 + np.exp(-z))
    delta = (a - y) * a * (1 - a)
    return np.r_[w - eta * delta * x, b - eta * delta], np.r_[w + eta * delta * x, b + eta * delta]


def test_one_step():
    right, uphill = manual_step()
    assert ex.check_one_step(right).correct
    _wrong(ex.check_one_step(uphill))
    _wrong(ex.check_one_step(right[:2]))


def test_no_typed_equation_or_confusion_numbers():
    src = inspect.getsource(ch02)
    assert not re.search(r"Eqs?\.\s*\(?\d", src) and "learner confusion" not in src.lower()
