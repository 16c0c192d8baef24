"""bpnet.symbolic: names, chain-rule factors, deltas and evaluation."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import bpnet
from bpnet.symbolic import SymbolicNetwork


def test_symbols_are_named_as_in_the_book():
    s = SymbolicNetwork([2, 2, 2])
    assert sp.latex(s.weights[0][0, 1]) == "w^{(1)}_{12}"
    assert sp.latex(s.biases[1][0]) == "b^{(2)}_{1}"
    assert sp.latex(s.z_symbols[1][1]) == "z^{(2)}_{2}"
    assert sp.latex(s.a_symbols[1][0]) == "a^{(1)}_{1}"
    assert sp.latex(s.delta_symbols[0][0]) == "\\delta^{(1)}_{1}"
    assert [sp.latex(x) for x in s.inputs] == ["x_{1}", "x_{2}"]
    assert s.weights[0].shape == (2, 2) and s.targets.shape == (2, 1)


def test_chain_rule_factors_multiply_to_the_gradient():
    net, x, y = bpnet.worked_example()
    s = SymbolicNetwork([2, 2, 2])
    w = s.weights[1][0, 0]
    rule = s.chain_rule(w)
    assert rule.dz_dp == s.a_symbols[1][0]
    assert sp.simplify(rule.dC_da - (s.a_symbols[2][0] - s.targets[0])) == 0
    g = net.gradients(x, y).weights[1][0, 0]
    assert abs(s.evaluate(rule.product, net, x, y) - g) < 1e-15
    assert abs(s.evaluate(s.gradient(w), net, x, y) - g) < 1e-15
    hidden = s.chain_rule(s.weights[0][1, 0])
    assert hidden.da_dz is None and hidden.delta == s.delta_symbols[0][1]
    assert abs(s.evaluate(hidden.product, net, x, y) - net.gradients(x, y).weights[0][1, 0]) < 1e-15


def test_delta_expressions_match_bpnet():
    net = bpnet.Network([2, 3, 2], activation="tanh", output_activation="softmax", loss="cross_entropy", seed=3)
    s = SymbolicNetwork([2, 3, 2], activation="tanh", output_activation="softmax", loss="cross_entropy")
    x, y = np.array([0.3, -0.7]), np.array([0.0, 1.0])
    deltas = net.gradients(x, y).deltas
    for l, width in enumerate([3, 2]):
        for j in range(width):
            assert abs(s.evaluate(s.delta(l, j), net, x, y) - deltas[l][0, j]) < 1e-12
    # explicit() turns the abstract delta symbol into the same number
    assert abs(s.evaluate(s.explicit(s.delta_symbols[0][1]), net, x, y) - deltas[0][0, 1]) < 1e-12


def test_mismatched_network_is_refused():
    s = SymbolicNetwork([2, 2, 1])
    with pytest.raises(ValueError, match="must match"):
        s.gradients(bpnet.Network([2, 3, 1]), [[0, 0]], [[0]])
    with pytest.raises(ValueError, match="weight or bias symbol"):
        s.chain_rule(sp.Symbol("q"))


def test_symbols_named_as_the_maths_reads():
    sym = SymbolicNetwork([2, 3, 1])
    assert sym.w(1, 2, 1) is sym.weights[0][1, 0] and str(sym.w(1, 2, 1)) == "w^{(1)}_{21}"
    assert sym.b(2, 1) is sym.biases[1][0]
    assert sp.simplify(sym.delta_of(1, 3) - sym.delta(0, 2)) == 0
    for bad in (lambda: sym.w(0, 1, 1), lambda: sym.w(1, 4, 1), lambda: sym.b(3, 1), lambda: sym.delta_of(1, 0)):
        with pytest.raises(ValueError, match="from 1"):
            bad()
