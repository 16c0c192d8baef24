"""Tests for bpnet.plots (the chapters' shared matplotlib helpers)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import numpy as np  # noqa: E402 (after matplotlib.use('Agg'))
import pytest  # noqa: E402 (after matplotlib.use('Agg'))

import bpnet  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.plots import plot_cost_curve, plot_decision_boundary, predicted_class  # noqa: E402 (after matplotlib.use('Agg'))


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
