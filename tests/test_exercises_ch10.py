"""The Chapter 10 checkers accept right answers and reject wrong ones with a hint."""
import numpy as np
import sympy as sp

import bpnet.exercises as ex
from bpnet.exercises.ch10 import softmax_ce_symbols


def _wrong(result):
    assert result.correct is False
    assert "Hint" in result.message


def test_accuracy_from_confusion():
    assert ex.check_accuracy_from_confusion(lambda M: np.trace(M) / M.sum()).correct
    _wrong(ex.check_accuracy_from_confusion(lambda M: np.trace(M) / len(M)))
    _wrong(ex.check_accuracy_from_confusion(lambda M: np.diag(M)))  # wrong shape


def test_recall():
    assert ex.check_recall(lambda M: np.diag(M) / M.sum(axis=1)).correct
    _wrong(ex.check_recall(lambda M: np.diag(M) / M.sum(axis=0)))  # precision


def test_recall_reports_exceptions():
    def broken(M):
        raise RuntimeError("oops")
    _wrong(ex.check_recall(broken))


def test_softmax_ce_delta():
    (z1, z2, z3), (y1, y2) = softmax_ce_symbols()
    a1 = sp.exp(z1) / (sp.exp(z1) + sp.exp(z2) + sp.exp(z3))
    assert ex.check_softmax_ce_delta(a1 - y1).correct
    # a reader's own plain symbols are matched to the book's by name
    Z1, Z2, Z3, Y1 = sp.symbols("z_1 z_2 z_3 y_1")
    assert ex.check_softmax_ce_delta(sp.exp(Z1) / (sp.exp(Z1) + sp.exp(Z2) + sp.exp(Z3)) - Y1).correct
    _wrong(ex.check_softmax_ce_delta((a1 - y1) * a1 * (1 - a1)))  # sigma' added where it cancels
    _wrong(ex.check_softmax_ce_delta(a1 - sp.Symbol("y_3")))  # a symbol that does not belong
