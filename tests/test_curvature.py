"""bpnet.curvature: the Hessian of the cost by central differences of backprop's gradients (Chapter 7)."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import bpnet
from bpnet import curvature
from bpnet.symbolic import SymbolicNetwork


def _linear_case(seed: int = 0):
    """One weight and one bias, linear output, squared error: C = (1/m) sum_x 1/2 (w x + b - y)^2."""
    rng = np.random.default_rng(seed)
    X = rng.normal(1.0, 2.0, size=(12, 1))
    Y = rng.normal(size=(12, 1))
    net = bpnet.Network([1, 1], output_activation="identity", loss="mse", seed=seed)
    # exact Hessian in the order of Gradients.flat (w, then b): [[mean x^2, mean x], [mean x, 1]]
    x = X[:, 0]
    H_exact = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return net, X, Y, H_exact


def test_linear_network_matches_the_exact_hessian():
    net, X, Y, H_exact = _linear_case()
    H = curvature.hessian(net, X, Y)
    assert H.shape == (2, 2)
    # C is quadratic in (w, b), so the central difference of the (linear) gradient is exact up to rounding
    assert bpnet.relative_error(H, H_exact) < 1e-9
    lam_max = curvature.largest_eigenvalue(net, X, Y)
    assert bpnet.relative_error(lam_max, np.linalg.eigvalsh(H_exact)[-1]) < 1e-9


def test_two_over_lambda_max_is_the_threshold_of_a_quadratic_cost():
    """On a quadratic cost, full-batch gradient descent converges below 2/lambda_max and diverges above it."""
    net, X, Y, _ = _linear_case()
    limit = 2 / curvature.largest_eigenvalue(net, X, Y)
    start = net.loss(X, Y)
    below, above = net.copy(), net.copy()
    below.fit(X, Y, epochs=400, lr=0.98 * limit)
    above.fit(X, Y, epochs=400, lr=1.02 * limit)
    assert below.loss(X, Y) < start < above.loss(X, Y)


@pytest.mark.parametrize("output_activation, loss", [("sigmoid", "mse"), ("sigmoid", "cross_entropy"),
                                                     ("identity", "mse")])
def test_agrees_with_sympy(output_activation, loss):
    """Every second derivative of the mean cost of a 2-2-1 tanh network, SymPy (exact) against bpnet."""
    sym = SymbolicNetwork([2, 2, 1], activation="tanh", output_activation=output_activation, loss=loss)
    params = sym.parameters  # the order of Gradients.flat
    second = sp.lambdify([*params, *sym.inputs, *sym.targets], sp.hessian(sym.cost, params), modules="numpy",
                         cse=True)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 2))
    Y = rng.uniform(0.1, 0.9, size=(5, 1))
    net = bpnet.Network([2, 2, 1], activation="tanh", output_activation=output_activation, loss=loss, seed=1)
    theta = np.concatenate([p.ravel() for p in (*net.weights, *net.biases)])
    H_sympy = np.mean([np.array(second(*theta, *x, *y), dtype=float) for x, y in zip(X, Y)], axis=0)
    H = curvature.hessian(net, X, Y)
    assert H.shape == (len(params), len(params))
    # finite differences against exact: the book's one threshold
    assert bpnet.relative_error(H, H_sympy) < bpnet.gradcheck.TOLERANCE
    assert bpnet.relative_error(curvature.largest_eigenvalue(net, X, Y), np.linalg.eigvalsh(H_sympy)[-1]) \
        < bpnet.gradcheck.TOLERANCE


def test_symmetric_and_parameters_restored_bit_for_bit():
    net = bpnet.Network([3, 4, 2], activation="tanh", seed=2)
    X, Y = np.random.default_rng(0).normal(size=(7, 3)), np.random.default_rng(1).uniform(size=(7, 2))
    arrays = [*net.weights, *net.biases]
    before = [p.copy() for p in arrays]
    H = curvature.hessian(net, X, Y, eps=1e-3)  # a large eps: old + eps - eps would not round back exactly
    assert np.array_equal(H, H.T)
    P = sum(p.size for p in arrays)
    assert H.shape == (P, P)
    for p, q, b in zip(arrays, [*net.weights, *net.biases], before):
        assert p is q and np.array_equal(p, b)


def test_parameters_restored_when_interrupted():
    net = bpnet.Network([2, 3, 1], seed=0)
    X, Y = np.ones((2, 2)), np.zeros((2, 1))
    before = [p.copy() for p in (*net.weights, *net.biases)]
    calls = {"n": 0}
    original = net.gradients

    def failing(X_, Y_):
        calls["n"] += 1
        if calls["n"] == 4:  # during the second parameter's nudge
            raise KeyboardInterrupt
        return original(X_, Y_)

    net.gradients = failing
    with pytest.raises(KeyboardInterrupt):
        curvature.hessian(net, X, Y)
    assert all(np.array_equal(p, b) for p, b in zip((*net.weights, *net.biases), before))


@pytest.mark.parametrize("eps", [0, -1e-5, float("nan"), float("inf"), "small", None])
def test_bad_eps_raises(eps):
    net, X, Y, _ = _linear_case()
    with pytest.raises(ValueError, match="eps"):
        curvature.hessian(net, X, Y, eps=eps)


def test_bad_input_raises_value_error():
    net, X, Y, _ = _linear_case()
    with pytest.raises(ValueError, match="bpnet.Network"):
        curvature.hessian("not a network", X, Y)
    with pytest.raises(ValueError, match="X must have shape"):
        curvature.hessian(net, np.ones((4, 3)), Y)
    with pytest.raises(ValueError, match="Y must have shape"):
        curvature.largest_eigenvalue(net, X, Y[:5])
    with pytest.raises(ValueError):
        curvature.hessian(net, np.full_like(X, np.nan), Y)


def test_overflowing_gradient_raises_instead_of_returning_nan():
    net = bpnet.Network([1, 1], output_activation="identity", loss="mse", seed=0)
    X, Y = np.array([[1e160]]), np.array([[0.0]])
    with pytest.raises(ValueError, match="not finite"):
        curvature.hessian(net, X, Y)
