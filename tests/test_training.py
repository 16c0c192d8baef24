"""fit: full batch, mini-batch, online; divergence; determinism; callbacks."""
from __future__ import annotations

import numpy as np
import pytest

import bpnet
from bpnet import datasets


def test_fit_solves_xor_with_2_3_1_sigmoid():
    X, Y = datasets.xor()
    net = bpnet.Network([2, 3, 1], seed=0)
    history = net.fit(X, Y, epochs=5000, lr=2.0)
    assert net.loss(X, Y) < 0.01
    assert history.loss[-1] < 0.01
    assert np.array_equal(np.round(net.predict(X)), Y)


def test_divergent_learning_rate_raises_and_keeps_last_finite_parameters():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(32, 3))
    Y = X @ rng.normal(size=(3, 2))
    net = bpnet.Network([3, 8, 2], activation="identity", output_activation="identity", seed=0)
    with pytest.raises(bpnet.DivergenceError) as info:
        net.fit(X, Y, epochs=500, lr=50.0)
    msg = str(info.value)
    assert "epoch" in msg and "50" in msg and "lower" in msg.lower()
    assert info.value.epoch >= 1 and not np.isfinite(info.value.cost)
    for p in (*net.weights, *net.biases):
        assert np.all(np.isfinite(p))
    assert np.isfinite(net.loss(X, Y))


def test_divergence_error_fires_when_the_cost_overflows_not_when_it_first_rises():
    """Chapter 7: a diverging full-batch run records finite, growing costs for many epochs before the error."""
    X, Y = datasets.moons(200, noise=0.15, seed=0)
    net = bpnet.Network([2, 8, 1], activation="tanh", output_activation="identity", loss="mse", seed=0)
    costs = []
    with pytest.raises(bpnet.DivergenceError) as info:
        net.fit(X, Y, epochs=500, lr=1.5, callback=lambda epoch, net, loss: costs.append(loss))
    c = np.array(costs)
    assert np.all(np.isfinite(c)) and info.value.epoch == len(c) + 1
    first_above = int(np.argmax(c > c[0])) + 1      # epochs count from 1; c[0] is the starting cost
    assert first_above == 2 and info.value.epoch > first_above + 100


def test_training_docstrings_cite_no_numbers():
    import re

    import bpnet.training as training

    text = "\n".join(d or "" for d in (training.__doc__, training.fit.__doc__, training.History.__doc__))
    assert "learner confusion" not in text.lower() and "Common mistakes: batch mean" in text
    assert not re.search(r"Eqs?\.\s*\(?\d", text)


@pytest.mark.parametrize("batch_size", [None, 1, 4, 7])
def test_same_seed_same_history_bit_for_bit(batch_size):
    X, Y = datasets.moons(60, seed=3)
    runs = []
    for _ in range(2):
        net = bpnet.Network([2, 5, 1], seed=11)
        h = net.fit(X, Y, epochs=20, lr=0.5, batch_size=batch_size)
        runs.append((h.loss, [w.copy() for w in net.weights], net.predict(X)))
    assert runs[0][0] == runs[1][0]
    for a, b in zip(runs[0][1], runs[1][1]):
        assert np.array_equal(a, b)
    assert np.array_equal(runs[0][2], runs[1][2])


def test_same_seed_same_initial_weights():
    for init in ("xavier", "he", "normal"):
        a, b = bpnet.Network([3, 4, 2], init=init, seed=5), bpnet.Network([3, 4, 2], init=init, seed=5)
        assert all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))
        c = bpnet.Network([3, 4, 2], init=init, seed=6)
        assert not np.array_equal(a.weights[0], c.weights[0])


def test_minibatch_update_uses_mean_gradient():
    """One epoch of full-batch fit is exactly one step with the mean gradient."""
    X, Y = datasets.moons(20, seed=1)
    a = bpnet.Network([2, 3, 1], seed=2)
    b = a.copy()
    a.fit(X, Y, epochs=1, lr=0.3, batch_size=None)
    b.step(b.gradients(X, Y), 0.3)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(p, q)


def test_online_learning_is_one_step_per_example_in_order():
    X, Y = datasets.xor()
    a = bpnet.Network([2, 3, 1], seed=2)
    b = a.copy()
    a.fit(X, Y, epochs=1, lr=0.7, batch_size=1, shuffle=False)
    for i in range(4):
        b.step(b.gradients(X[i], Y[i]), 0.7)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_allclose(p, q, rtol=0, atol=1e-15)


def test_callback_sees_every_epoch_and_can_stop():
    X, Y = datasets.xor()
    seen = []

    def cb(epoch, net, loss):
        seen.append((epoch, loss))
        return epoch < 4

    h = bpnet.Network([2, 3, 1], seed=0).fit(X, Y, epochs=100, lr=1.0, callback=cb)
    assert [e for e, _ in seen] == [0, 1, 2, 3, 4]
    assert h.loss == [l for _, l in seen] and h.stopped_early


def test_zeros_init_keeps_hidden_units_identical():
    """The symmetry problem: equal starting weights stay equal under gradient descent."""
    X, Y = datasets.xor()
    net = bpnet.Network([2, 3, 1], init="zeros")
    net.fit(X, Y, epochs=200, lr=1.0)
    W = net.weights[0]
    assert np.allclose(W, W[0]) and np.allclose(net.weights[1], net.weights[1][0, 0])


def test_step_and_copy_are_independent():
    net = bpnet.Network([2, 2, 1], seed=0)
    twin = net.copy()
    net.step(net.gradients([1.0, 2.0], [1.0]), 0.5)
    assert not np.array_equal(net.weights[0], twin.weights[0])


def test_weights_are_writable_in_place():
    net = bpnet.Network([2, 2, 1], seed=0)
    net.weights[0][...] = [[1.0, 2.0], [3.0, 4.0]]
    net.biases[0][...] = 0.0
    trace = net.forward([1.0, 1.0])
    np.testing.assert_allclose(trace.zs[0], [[3.0, 7.0]])
    net.weights[1] = [[0.5, -0.5]]
    a1 = trace.activations[1][0]
    np.testing.assert_allclose(net.forward([1.0, 1.0]).zs[1], [[0.5 * (a1[0] - a1[1]) + net.biases[1][0]]])
