"""Numerical safety of activations and costs at extreme inputs."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import bpnet
from bpnet.activations import ACTIVATIONS, sigmoid, sigmoid_prime


def test_sigmoid_is_safe_and_exact_at_large_z():
    z = np.array([-1e4, -800.0, -40.0, 0.0, 40.0, 800.0, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a, d = sigmoid(z), sigmoid_prime(z)
    assert a[0] == 0.0 and a[-1] == 1.0 and a[3] == 0.5
    assert d[0] == 0.0 and d[-1] == 0.0 and d[3] == 0.25
    # sigma'(40) ~ 4.25e-18, which a(1 - a) from the rounded a = 1.0 gets as exactly 0. The error is measured
    # relative to the exact e^-40 on purpose: bpnet.relative_error's floor (1e-12) would pass any value this small
    assert abs(d[4] - np.exp(-40.0)) / np.exp(-40.0) < 1e-12 and d[4] == d[2]
    assert sigmoid(np.array(40.0)) * (1 - sigmoid(np.array(40.0))) == 0.0


def test_tanh_derivative_from_z():
    z = np.array([-30.0, -1.0, 0.0, 2.0, 30.0])
    d = ACTIVATIONS["tanh"].derivative(z)
    np.testing.assert_allclose(d, 1 / np.cosh(z) ** 2, rtol=1e-12)
    assert d[-1] > 0


def test_softmax_subtracts_row_max():
    z = np.array([[1000.0, 1001.0, 1002.0], [-1e4, 0.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = ACTIVATIONS["softmax"](z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_allclose(a[0], ACTIVATIONS["softmax"](np.array([[0.0, 1.0, 2.0]]))[0])


def test_cross_entropy_never_takes_log_of_zero():
    for out in ("sigmoid", "softmax"):
        net = bpnet.Network([1, 2], activation="identity", output_activation=out, loss="cross_entropy", init="zeros")
        net.weights[0][...] = [[1.0], [-1.0]]
        Y = np.array([[0.0, 1.0]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            c = net.loss([[800.0]], Y)  # output saturates: a rounds to exactly 0 and 1
            g = net.gradients([[800.0]], Y)
        assert np.isfinite(c) and c > 700  # the true cost is about 800 (sigmoid) / 1600 (softmax)
        assert all(np.all(np.isfinite(w)) for w in g.weights)


def test_output_delta_is_a_minus_y_where_sigma_prime_cancels():
    for out in ("sigmoid", "softmax"):
        net = bpnet.Network([3, 4], activation="identity", output_activation=out, loss="cross_entropy", seed=1)
        X = np.random.default_rng(0).normal(size=(5, 3)) * 30
        Y = np.eye(4)[[0, 1, 2, 3, 0]]
        t = net.forward(X)
        np.testing.assert_allclose(net.backward(t, Y).deltas[-1], t.output - Y, atol=1e-15)


def test_check_agreement_prints_one_line_and_refuses_disagreement(capsys):
    from bpnet.symbolic import SymbolicNetwork

    net, x, y = bpnet.worked_example()
    g = net.gradients(x, y)
    assert bpnet.check_agreement(g, sympy=SymbolicNetwork(net.sizes).gradients(net, x, y),
                                 finite_differences=bpnet.numerical_gradients(net, x, y)) is None
    line = capsys.readouterr().out.removesuffix("\n")
    assert "\n" not in line
    assert line.startswith("✓ backprop = SymPy = finite differences (max relative error ") and " vs SymPy, " in line
    wrong = bpnet.Gradients([2 * w for w in g.weights], g.biases)
    with pytest.raises(AssertionError, match="backprop and SymPy disagree"):
        bpnet.check_agreement(wrong, sympy=g)
    with pytest.raises(ValueError, match="unknown reference"):
        bpnet.check_agreement(g, numpy=g)
    with pytest.raises(ValueError, match="at least one reference"):
        bpnet.check_agreement(g)
    bpnet.check_agreement(0.25, "σ′(0)", exact=0.25)
    assert capsys.readouterr().out.startswith("✓ σ′(0) = the exact value")
