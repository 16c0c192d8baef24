"""Every bad input raises ValueError whose message names the problem."""
from __future__ import annotations

import numpy as np
import pytest

import bpnet


def raises(match, fn, *args, **kwargs):
    with pytest.raises(ValueError, match=match):
        fn(*args, **kwargs)


def test_bad_architecture():
    raises("at least two layers", bpnet.Network, [3])
    raises("width >= 1", bpnet.Network, [3, 0, 1])
    raises("unknown activation 'sigmod'.*'sigmoid'", bpnet.Network, [2, 1], activation="sigmod")
    raises("unknown activation 'soft'.*'softmax'", bpnet.Network, [2, 2], output_activation="soft")
    raises("unknown loss 'l2'.*'mse'.*'cross_entropy'", bpnet.Network, [2, 1], loss="l2")
    raises("unknown init 'glorot'.*'xavier'", bpnet.Network, [2, 1], init="glorot")
    raises("output layer only", bpnet.Network, [2, 3, 2], activation="softmax")
    raises("cross_entropy.*sigmoid.*softmax.*received.*'tanh'", bpnet.Network, [2, 1], output_activation="tanh",
           loss="cross_entropy")


def test_bad_data():
    net = bpnet.Network([2, 3, 1], seed=0)
    raises(r"X must have shape \(n, 2\).*received shape \(4, 3\)", net.forward, np.zeros((4, 3)))
    raises(r"X must have shape.*received shape \(2, 2, 2\)", net.forward, np.zeros((2, 2, 2)))
    raises(r"Y must have shape \(4, 1\).*received shape \(3, 1\)", net.gradients, np.zeros((4, 2)), np.zeros((3, 1)))
    raises(r"Y must have shape \(4, 1\).*received shape \(4,\)", net.loss, np.zeros((4, 2)), np.zeros(4))
    raises(r"X must contain only finite numbers; received nan", net.forward, [[0.0, np.nan]])
    raises(r"Y must contain only finite numbers; received inf", net.loss, [[0.0, 1.0]], [[np.inf]])
    ce = bpnet.Network([2, 1], loss="cross_entropy", seed=0)
    raises(r"targets must lie in \[0, 1\]; received values from -1 to 2", ce.loss, np.zeros((2, 2)), [[-1.0], [2.0]])
    raises("array of numbers", net.forward, [["a", "b"]])


def test_bad_parameters():
    net = bpnet.Network([2, 3, 1], seed=0)
    raises(r"weights\[0\] must have shape \(3, 2\); received shape \(2, 3\)", net.weights.__setitem__, 0,
           np.zeros((2, 3)))
    raises(r"biases\[1\] must have shape \(1,\); received shape \(3,\)", net.biases.__setitem__, 1, np.zeros(3))
    raises(r"weights\[1\] must contain only finite numbers", net.weights.__setitem__, 1, [[np.nan, 0.0, 0.0]])
    net.weights[0][0, 0] = np.inf  # in place, numpy cannot refuse it: the next pass does
    raises(r"net.weights\[0\] must contain only finite numbers; received inf at index \(0, 0\)", net.forward,
           [0.0, 0.0])


def test_bad_training_settings():
    X, Y = bpnet.datasets.xor()
    net = bpnet.Network([2, 3, 1], seed=0)
    for lr in (0, -0.1, np.nan, np.inf, "fast"):
        raises("lr .*must be a positive finite number", net.fit, X, Y, epochs=1, lr=lr)
        raises("lr .*must be a positive finite number", net.step, net.gradients(X, Y), lr)
    for epochs in (0, -3, 2.5, None):
        raises("epochs must be a positive integer", net.fit, X, Y, epochs=epochs, lr=0.1)
    for bs in (0, -1, 1.5, "all"):
        raises("batch_size must be a positive integer or None", net.fit, X, Y, epochs=1, lr=0.1, batch_size=bs)
    bad = bpnet.Gradients([np.zeros((2, 2))], [np.zeros(1)])
    raises("gradient weights must have shapes", net.step, bad, 0.1)
    raises("backward expects the Trace", net.backward, X, Y)


def test_check_int_names_what_it_expected_and_refuses_bools():
    from bpnet.errors import check_int

    assert check_int(np.int64(3), "steps") == 3 and type(check_int(np.int64(3), "steps")) is int
    assert check_int(0, "steps", 0) == 0 and check_int(10, "classes", 2, 10) == 10
    raises("steps must be a positive integer; received True", check_int, True, "steps")
    raises("steps must be a positive integer; received 2.0", check_int, 2.0, "steps")
    raises("steps must be a non-negative integer; received -1", check_int, -1, "steps", 0)
    raises("n must be an integer >= 2; received 1", check_int, 1, "n", 2)
    raises("classes must be an integer from 2 to 10; received 11", check_int, 11, "classes", 2, 10)
    raises("batch_size must be a positive integer or None; received 'all'", check_int, "all", "batch_size",
           expected="a positive integer or None")


def test_check_sizes_is_the_one_architecture_check():
    from bpnet.errors import check_sizes

    assert check_sizes([2, 3.0, 1]) == (2, 3, 1)
    raises("layer widths such as", check_sizes, 3)
    raises("at least two layers", check_sizes, [3])
    raises("width >= 1", check_sizes, [2, 2.5, 1])
    raises("at least two layers", bpnet.symbolic.SymbolicNetwork, [3])
    raises(r"the layer l of w\(l, \.\.\.\) must be a layer from 1 to 2; received 3", bpnet.symbolic.SymbolicNetwork(
        [2, 2, 1]).w, 3, 1, 1)
    raises(r"the layer l of z\(l\) must be a layer from 1 to 1 .*; received 2",
           bpnet.Network([2, 1], seed=0).forward([0.0, 0.0]).z, 2)
