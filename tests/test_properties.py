"""Property-based tests (hypothesis) over random sizes, batches and seeds."""
from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bpnet
from conftest import COMBOS, batch

sizes_st = st.lists(st.integers(1, 5), min_size=2, max_size=4)
combo_st = st.sampled_from(COMBOS)


def _net(sizes, combo, seed):
    hidden, output, loss = combo
    if output == "softmax" and sizes[-1] < 2:
        sizes = [*sizes[:-1], 2]
    return bpnet.Network(sizes, activation=hidden, output_activation=output, loss=loss, seed=seed), sizes


@settings(max_examples=60, deadline=None)
@given(sizes=sizes_st, combo=combo_st, n=st.integers(1, 6), seed=st.integers(0, 2**31 - 1))
def test_shapes_of_trace_and_gradients(sizes, combo, n, seed):
    net, sizes = _net(sizes, combo, seed)
    X, Y = batch(sizes, combo[1], combo[2], n=n, seed=seed)
    trace = net.forward(X)
    assert len(trace.zs) == len(sizes) - 1 and len(trace.activations) == len(sizes)
    for l, z in enumerate(trace.zs):
        assert z.shape == (n, sizes[l + 1])
    for l, a in enumerate(trace.activations):
        assert a.shape == (n, sizes[l]) and a.dtype == np.float64
    assert trace.output is trace.activations[-1]
    g = net.backward(trace, Y)
    for l in range(len(sizes) - 1):
        assert g.weights[l].shape == net.weights[l].shape == (sizes[l + 1], sizes[l])
        assert g.biases[l].shape == net.biases[l].shape == (sizes[l + 1],)
        assert g.deltas[l].shape == (n, sizes[l + 1])


@settings(max_examples=60, deadline=None)
@given(sizes=sizes_st, combo=combo_st, n=st.integers(2, 6), seed=st.integers(0, 2**31 - 1))
def test_gradient_of_mean_is_mean_of_per_sample_gradients(sizes, combo, n, seed):
    net, sizes = _net(sizes, combo, seed)
    X, Y = batch(sizes, combo[1], combo[2], n=n, seed=seed)
    whole = net.gradients(X, Y)
    singles = [net.gradients(X[i], Y[i]) for i in range(n)]
    for l in range(len(sizes) - 1):
        np.testing.assert_allclose(whole.weights[l], np.mean([s.weights[l] for s in singles], axis=0),
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(whole.biases[l], np.mean([s.biases[l] for s in singles], axis=0),
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(whole.deltas[l], np.vstack([s.deltas[l] for s in singles]), rtol=1e-12, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(sizes=sizes_st, combo=combo_st, n=st.integers(1, 6), seed=st.integers(0, 2**31 - 1))
def test_small_step_along_minus_gradient_lowers_cost(sizes, combo, n, seed):
    net, sizes = _net(sizes, combo, seed)
    X, Y = batch(sizes, combo[1], combo[2], n=n, seed=seed)
    g = net.gradients(X, Y)
    norm2 = float(np.sum(g.flat() ** 2))
    if norm2 < 1e-12:  # a stationary point (e.g. every ReLU off): no descent direction to test
        return
    # The expansion below needs a differentiable cost: a ReLU input at (or within the step's reach of) its kink
    # is not (e.g. a unit fed only by a zero bias when every unit before it is off, z = 0 exactly).
    kinks = [z for l, z in enumerate(net.forward(X).zs) if net.activation_of(l).name == "relu"]
    assume(all(np.min(np.abs(z)) > 1e-3 for z in kinks))
    before = net.loss(X, Y)
    eta = 1e-4 / max(1.0, np.sqrt(norm2))
    net.step(g, eta)
    after = net.loss(X, Y)
    # first order: C(w - eta g) = C(w) - eta |g|^2 + O(eta^2)
    assert after < before
    assert abs((before - after) - eta * norm2) <= 0.1 * eta * norm2 + 1e-15
