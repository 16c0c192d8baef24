"""The Chapter 11 checkers accept right answers and reject wrong ones with a hint."""
import math

import sympy as sp

import bpnet.exercises as ex
from bpnet.autodiff import Value


def _wrong(result):
    assert result.correct is False
    assert "Hint" in result.message


def _tanh_op(local_derivative, accumulate=True, upstream=True):
    def op(v):
        t = math.tanh(v.data)
        out = Value(t, (v,), "tanh")

        def _backward():
            g = local_derivative(t) * (out.grad if upstream else 1.0)
            v.grad = v.grad + g if accumulate else g
        out._backward = _backward
        return out
    return op


def test_tanh_op():
    assert ex.check_tanh_op(_tanh_op(lambda t: 1 - t ** 2)).correct
    _wrong(ex.check_tanh_op(_tanh_op(lambda t: t * (1 - t))))  # the sigmoid's rule
    _wrong(ex.check_tanh_op(_tanh_op(lambda t: 1 - t ** 2, upstream=False)))  # out.grad forgotten
    _wrong(ex.check_tanh_op(lambda v: math.tanh(v.data)))  # not a Value
    assert not ex.check_tanh_op(3).correct


def test_accumulated_grad():
    x = Value(2.0)
    for _ in range(2):  # a training loop without zero_grad: a fresh graph, the same parameter x
        f = x * x * x + x
        f.backward()
    assert ex.check_accumulated_grad(x.grad).correct
    assert ex.check_accumulated_grad(26.0).correct
    _wrong(ex.check_accumulated_grad(13.0))  # one pass only
    _wrong(ex.check_accumulated_grad(24.0))  # a path forgotten


def test_softplus_derivative():
    s = sp.Symbol("s")
    assert ex.check_softplus_derivative(1 / (1 + sp.exp(-s))).correct
    assert ex.check_softplus_derivative(sp.exp(s) / (1 + sp.exp(s))).correct
    _wrong(ex.check_softplus_derivative(1 / (1 + sp.exp(s))))
    _wrong(ex.check_softplus_derivative(sp.log(1 + sp.exp(s))))
