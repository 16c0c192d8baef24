"""Tests for bpnet.plots (the chapters' shared matplotlib helpers)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import numpy as np  # noqa: E402 (after matplotlib.use('Agg'))
import pytest  # noqa: E402 (after matplotlib.use('Agg'))

import bpnet  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.plots import (  # noqa: E402 (after matplotlib.use('Agg'))
    plot_cost_curve,
    plot_decision_boundary,
    plot_weight_nudge,
    predicted_class,
)


def test_predicted_class_single_output_and_softmax():
    net = bpnet.Network([2, 1], init="zeros")
    net.weights[0] = np.array([[1.0, 0.0]])
    assert predicted_class(net, np.array([[-1.0, 0.0], [1.0, 0.0]])).tolist() == [0, 1]
    net3 = bpnet.Network([2, 3], output_activation="softmax", loss="cross_entropy", init="zeros")
    net3.biases[0] = np.array([0.0, 2.0, 1.0])
    assert predicted_class(net3, np.zeros((2, 2))).tolist() == [1, 1]


@pytest.mark.parametrize("one_hot", [False, True])
def test_plot_decision_boundary_draws(one_hot):
    X, Y = bpnet.datasets.moons(n=40, one_hot=one_hot)
    net = bpnet.Network([2, Y.shape[1]], output_activation="softmax" if one_hot else "sigmoid",
                        loss="cross_entropy", seed=0)
    fig, ax = plt.subplots()
    assert plot_decision_boundary(ax, net, X, Y, resolution=30, title="t") is ax
    assert len(ax.collections) >= 2 and ax.get_title() == "t"
    plt.close(fig)


def test_plot_decision_boundary_rejects_bad_input():
    net = bpnet.Network([2, 1], seed=0)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="shape"):
        plot_decision_boundary(ax, net, np.zeros((4, 3)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="rows"):
        plot_decision_boundary(ax, net, np.zeros((4, 2)), np.zeros((3, 1)))
    plt.close(fig)


def test_plot_cost_curve():
    fig, ax = plt.subplots()
    plot_cost_curve(ax, [1.0, 0.5, 0.25], label="eta = 1", log=True)
    line = ax.lines[0]
    assert line.get_xdata().tolist() == [1, 2, 3] and ax.get_yscale() == "log"
    with pytest.raises(ValueError):
        plot_cost_curve(ax, [])
    plt.close(fig)


def test_plot_weight_nudge_draws_the_cost_and_its_tangent():
    net, x, y = bpnet.worked_example()
    before = net.W(2).copy()
    fig, ax = plt.subplots()
    assert plot_weight_nudge(ax, net, x, y, 2, 1, 1, span=1.0, nudge=0.5, points=21) is ax
    np.testing.assert_array_equal(net.W(2), before)  # the network is left unchanged
    curve, tangent, point = ax.lines[:3]
    w0, c0, slope = 0.40, net.loss(x, y), net.gradients(x, y).dW(2)[0, 0]
    assert curve.get_xdata()[0] == w0 - 1.0 and curve.get_xdata()[-1] == w0 + 1.0
    nudged = net.copy()
    nudged.W(2)[0, 0] += 1.0
    assert np.isclose(curve.get_ydata()[-1], nudged.loss(x, y), rtol=1e-14)  # C(w + 1), every other weight fixed
    np.testing.assert_allclose(np.diff(tangent.get_ydata()) / np.diff(tangent.get_xdata()), slope, rtol=1e-9)
    assert point.get_xdata()[0] == w0 and point.get_ydata()[0] == c0
    mark = [line for line in ax.lines if line.get_marker() == "x"][0]  # the tangent's prediction at w + eps
    assert np.isclose(mark.get_ydata()[0], c0 + 0.5 * slope)
    assert "w^{(2)}_{11}" in ax.get_xlabel() and len(ax.get_legend().get_texts()) == 5
    plt.close(fig)


def test_plot_weight_nudge_rejects_a_weight_the_network_lacks():
    net, x, y = bpnet.worked_example()
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="not a weight"):
        plot_weight_nudge(ax, net, x, y, 3, 1, 1)
    with pytest.raises(ValueError, match="span"):
        plot_weight_nudge(ax, net, x, y, 2, 1, 1, span=0.0)
    plt.close(fig)
