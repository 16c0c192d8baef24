"""The Chapter 3 checkers accept right answers (abstract or explicit) and reject wrong ones with a hint."""
import inspect
import re

import sympy as sp

from bpnet import exercises as ex
from bpnet.exercises import ch03
from bpnet.symbolic import SymbolicNetwork

s = SymbolicNetwork([1, 1, 1])
a1, a2 = s.a_symbols[1][0], s.a_symbols[2][0]
z1, z2 = s.z_symbols[0][0], s.z_symbols[1][0]
x, y, w2 = s.inputs[0], s.targets[0], s.weights[1][0, 0]


def sp_prime(t):
    return sp.exp(-t) / (1 + sp.exp(-t)) ** 2


def _wrong(result):
    assert result.correct is False and "Hint" in result.message


def test_output_weight():
    assert ex.check_chain_output_weight(a1 * sp_prime(z2) * (a2 - y)).correct
    assert ex.check_chain_output_weight(a1 * a2 * (1 - a2) * (a2 - y)).correct
    assert ex.check_chain_output_weight(s.gradient(w2)).correct
    # a reader's own symbol with the book's name counts as the book's symbol
    assert ex.check_chain_output_weight(sp.Symbol("a^{(1)}_{1}") * sp_prime(z2) * (a2 - y)).correct
    _wrong(ex.check_chain_output_weight(2 * a1 * sp_prime(z2) * (a2 - y)))  # 3Blue1Brown's cost, no 1/2
    _wrong(ex.check_chain_output_weight(a1 * (a2 - y)))


def test_dC_da_hidden():
    assert ex.check_chain_dC_da_hidden(w2 * sp_prime(z2) * (a2 - y)).correct
    _wrong(ex.check_chain_dC_da_hidden(a1 * sp_prime(z2) * (a2 - y)))


def test_hidden_weight():
    assert ex.check_chain_hidden_weight(x * sp_prime(z1) * w2 * sp_prime(z2) * (a2 - y)).correct
    _wrong(ex.check_chain_hidden_weight(x * w2 * sp_prime(z2) * (a2 - y)))
    assert ex.check_chain_hidden_weight("not an expression (").correct is False


def test_no_typed_equation_or_confusion_numbers():
    src = inspect.getsource(ch03)
    assert not re.search(r"Eqs?\.\s*\(?\d", src) and "learner confusion" not in src.lower()
