"""The Chapter 7 checkers accept right answers and reject wrong ones with a hint."""
import numpy as np
import sympy as sp

from bpnet.exercises import check_lr_threshold, check_minibatch_update, check_xavier_limit

lam = sp.Symbol("lambda")
n_in, n_out = sp.symbols("n_in n_out")


def _wrong(result, word):
    assert result.correct is False
    assert "Hint" in result.message and word in result.message


def test_lr_threshold():
    assert check_lr_threshold(2 / lam).correct
    _wrong(check_lr_threshold(1 / lam), "oscillate")
    _wrong(check_lr_threshold(2 * lam), "denominator")
    _wrong(check_lr_threshold(lam + 1), "1 - η*λ")  # the hints write the book's symbols (notation.plain_math)


def _right(net, X, Y, eta):
    grads = [net.gradients(X[i:i + 1], Y[i:i + 1]).weights[0] for i in range(len(X))]
    return -eta * np.mean(grads, axis=0)


def test_minibatch_update():
    assert check_minibatch_update(_right).correct
    assert check_minibatch_update(lambda net, X, Y, eta: -eta * net.gradients(X, Y).weights[0]).correct


def test_minibatch_update_wrong():
    def summed(net, X, Y, eta):
        return -eta * len(X) * net.gradients(X, Y).weights[0]

    _wrong(check_minibatch_update(summed), "MEAN")
    # the hint names the Common-mistakes entry, never a numbered "learner confusion"
    hint = check_minibatch_update(summed).message
    assert "Common mistakes: batch mean" in hint and "learner confusion" not in hint.lower()
    _wrong(check_minibatch_update(lambda net, X, Y, eta: eta * net.gradients(X, Y).weights[0]), "sign")
    _wrong(check_minibatch_update(lambda net, X, Y, eta: -eta * net.gradients(X, Y).weights[1]), "shape")
    _wrong(check_minibatch_update(lambda net, X, Y, eta: 1 / 0), "ZeroDivisionError")
    assert check_minibatch_update(3).correct is False


def test_xavier_limit():
    assert check_xavier_limit(sp.sqrt(6) / sp.sqrt(n_in + n_out)).correct
    _wrong(check_xavier_limit(sp.sqrt(2 / (n_in + n_out))), "r^2/3")
    _wrong(check_xavier_limit(sp.sqrt(3 / n_in)), "fan-out")
    _wrong(check_xavier_limit(6 / (n_in + n_out)), "square root")
    _wrong(check_xavier_limit(n_in), "integral")


def test_ch07_checker_texts_cite_no_numbers():
    """Docstrings and hints refer to the book by name, not by a typed equation or confusion number."""
    import re

    import bpnet.exercises.ch07 as ch07

    for fn in (check_lr_threshold, check_minibatch_update, check_xavier_limit):
        assert not re.search(r"Eqs?\.\s*\(?\d", fn.__doc__ or "")
    source = open(ch07.__file__, encoding="utf-8").read()
    assert "learner confusion" not in source.lower()
    assert not re.search(r"Eqs?\.\s*\(?\d", source)
