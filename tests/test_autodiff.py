"""bpnet.autodiff: the scalar reverse-mode engine agrees with bpnet's backprop and with SymPy (Chapter 11)."""
import math

import numpy as np
import pytest
import sympy as sp

import bpnet
from bpnet.autodiff import Value, network_cost, zero_grad


def _value_params(net):
    W = [[[Value(w) for w in row] for row in M] for M in net.weights]
    B = [[Value(b) for b in v] for v in net.biases]
    return W, B


def test_worked_example_matches_bpnet_and_sympy():
    net, x, y = bpnet.worked_example()
    W, B = _value_params(net)
    C = network_cost(W, B, x, y)
    assert C.data == pytest.approx(net.loss(x, y), rel=1e-14)
    C.backward()
    g = net.gradients(x, y)
    for l in range(2):
        np.testing.assert_allclose([[v.grad for v in r] for r in W[l]], g.weights[l], rtol=1e-12)
        np.testing.assert_allclose([v.grad for v in B[l]], g.biases[l], rtol=1e-12)
    sym = bpnet.symbolic.SymbolicNetwork([2, 2, 2])
    for p, v in zip(sym.parameters, [v for M in W for r in M for v in r] + [v for b in B for v in b]):
        assert v.grad == pytest.approx(sym.evaluate(sym.gradient(p), net, x, y), rel=1e-12)


@pytest.mark.parametrize("x", [-2.0, -0.3, 0.5, 1.7])
def test_each_local_derivative(x):
    s = sp.Symbol("s")
    cases = [
        (lambda v: v * v + 3 * v - 1, s * s + 3 * s - 1),
        (lambda v: (v ** 3) / 2, s ** 3 / 2),
        (lambda v: v.exp() - v, sp.exp(s) - s),
        (lambda v: (v * v + 1).log(), sp.log(s * s + 1)),
        (lambda v: v.sigmoid(), 1 / (1 + sp.exp(-s))),
        (lambda v: 1 / (1 + v * v), 1 / (1 + s * s)),
        (lambda v: 2 - v, 2 - s),
        (lambda v: v.relu() * 2, 2 * sp.Max(0, s)),
    ]
    for build, expr in cases:
        v = Value(x)
        out = build(v)
        out.backward()
        assert out.data == pytest.approx(float(expr.subs(s, x)), rel=1e-12)
        assert v.grad == pytest.approx(float(sp.diff(expr, s).subs(s, x)), rel=1e-12, abs=1e-15)


def test_gradients_accumulate_and_zero_grad_resets():
    a = Value(3.0)
    f = a * a  # two paths from a to f: df/da = a + a
    f.backward()
    assert a.grad == 6.0
    f.backward()
    assert a.grad == 12.0  # += again: stale gradient without zeroing
    zero_grad([a, f])
    f.backward()
    assert a.grad == 6.0


def test_sigmoid_is_stable_and_log_checks():
    assert Value(-800.0).sigmoid().data == 0.0
    assert Value(800.0).sigmoid().data == 1.0
    with pytest.raises(ValueError, match="positive"):
        Value(0.0).log()
    with pytest.raises(ValueError, match="number"):
        Value(2.0) ** Value(1.0)
    assert "grad=" in repr(Value(1.0)) and math.isfinite(Value(1.0).exp().data)
