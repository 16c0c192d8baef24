"""bpnet.surface: the cost over two weights and gradient descent on them (Chapter 7)."""
import numpy as np
import pytest

import bpnet
from bpnet import Network
from bpnet.surface import cost_surface, descent_path, get_weight, hessian, set_weights, weight_label


def _linear_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2)) @ np.array([[1.0, 0.0], [0.8, 0.5]])
    Y = X @ np.array([[1.0], [-0.5]]) + 0.3
    net = Network([2, 1], activation="identity", output_activation="identity", init="zeros")
    return net, X, Y


def test_labels_and_access():
    net = Network([2, 3, 1], seed=0)
    assert weight_label((2, 0, 1)) == "w^{(2)}_{12}"
    assert get_weight(net, (1, 2, 1)) == net.weights[0][2, 1]
    other = set_weights(net, [(1, 2, 1)], [5.0])
    assert other.weights[0][2, 1] == 5.0 and net.weights[0][2, 1] != 5.0
    for bad in [(0, 0, 0), (3, 0, 0), (1, 3, 0), (1, 0, 2), "w11", (1, 0)]:
        with pytest.raises(ValueError, match="a weight is"):
            get_weight(net, bad)


def test_cost_surface_matches_loss_and_leaves_net_unchanged():
    X, Y = bpnet.datasets.xor()
    net = Network([2, 2, 1], seed=1)
    before = [W.copy() for W in net.weights]
    ps, qs = np.linspace(-1, 1, 4), np.linspace(-2, 2, 3)
    C = cost_surface(net, X, Y, (1, 0, 0), (2, 0, 1), (ps, qs))
    assert C.shape == (3, 4)
    assert C[2, 1] == pytest.approx(set_weights(net, [(1, 0, 0), (2, 0, 1)], [ps[1], qs[2]]).loss(X, Y))
    for W, B in zip(net.weights, before):
        np.testing.assert_array_equal(W, B)
    with pytest.raises(ValueError, match="grid"):
        cost_surface(net, X, Y, (1, 0, 0), (2, 0, 1), (ps, [0.0]))


def test_hessian_of_a_quadratic_is_exact():
    net, X, Y = _linear_problem()
    H = hessian(net, X, Y, (1, 0, 0), (1, 0, 1))
    np.testing.assert_allclose(H, X.T @ X / len(X), rtol=1e-6)


def test_descent_regimes_follow_two_over_lambda():
    net, X, Y = _linear_problem()
    lam = np.linalg.eigvalsh(hessian(net, X, Y, (1, 0, 0), (1, 0, 1)))[-1]
    params = ((1, 0, 0), (1, 0, 1))
    good = descent_path(net, X, Y, params, lr=1.0 / lam, steps=40)
    osc = descent_path(net, X, Y, params, lr=1.9 / lam, steps=40)
    bad = descent_path(net, X, Y, params, lr=2.2 / lam, steps=40)
    assert good.points.shape == (41, 2) and not good.diverged
    assert good.costs[-1] < good.costs[0] and not osc.diverged
    assert np.all(np.diff(good.costs) <= 1e-12)
    assert bad.diverged and bad.costs[-1] > bad.costs[0]
    # the first step equals -eta times backprop's gradient of the two free weights
    g = net.gradients(X, Y).weights[0][0]
    np.testing.assert_allclose(good.points[1], -good.lr * g)


def test_descent_path_stops_at_overflow_and_validates():
    net, X, Y = _linear_problem()
    path = descent_path(net, X, Y, ((1, 0, 0), (1, 0, 1)), lr=1e3, steps=500)
    assert path.diverged and len(path.costs) < 501 and np.all(np.isfinite(path.costs))
    with pytest.raises(ValueError, match="two different"):
        descent_path(net, X, Y, ((1, 0, 0), (1, 0, 0)), lr=0.1)
    with pytest.raises(ValueError, match="learning rate"):
        descent_path(net, X, Y, ((1, 0, 0), (1, 0, 1)), lr=-1)
    with pytest.raises(ValueError, match="steps"):
        descent_path(net, X, Y, ((1, 0, 0), (1, 0, 1)), lr=0.1, steps=2.5)


def test_descent_path_stops_when_it_leaves_the_extent():
    net, X, Y = _linear_problem()
    params = ((1, 0, 0), (1, 0, 1))
    lam = np.linalg.eigvalsh(hessian(net, X, Y, *params))[-1]
    free = descent_path(net, X, Y, params, lr=2.5 / lam, steps=60)
    boxed = descent_path(net, X, Y, params, lr=2.5 / lam, steps=60, extent=(-1.0, 1.0, -1.0, 1.0))
    assert free.stopped_at is None or free.stopped_at > boxed.stopped_at
    t = boxed.stopped_at
    assert boxed.diverged and len(boxed.points) == t + 1
    assert np.max(np.abs(boxed.points[-1])) > 10 >= np.max(np.abs(boxed.points[-2]))
    np.testing.assert_array_equal(boxed.points, free.points[:t + 1])
    assert descent_path(net, X, Y, params, lr=1.0 / lam, steps=5).stopped_at is None
