"""bpnet.examples: the worked example of Chapter 4 and one_step with its two convention switches."""
import numpy as np
import pytest

import bpnet
from bpnet.examples import ETA, one_step, worked_example
from bpnet.exercises.ch04 import stale_hidden_update

#: the error after the first round printed in Mazur's step-by-step post (frozen biases, updated output weights)
MAZUR_PRINTED = 0.291027924


def _params(net):
    return [*net.weights, *net.biases]


def test_default_is_the_books_step_to_the_bit():
    net, x, y = worked_example()
    after = net.copy()
    after.step(net.gradients(x, y), ETA)
    mine = one_step(net, x, y, ETA)
    assert all(np.array_equal(p, q) for p, q in zip(_params(mine), _params(after)))


def test_net_unchanged():
    net, x, y = worked_example()
    before = [p.copy() for p in _params(net)]
    one_step(net, x, y, ETA, train_biases=False, updated_output_weights=True)
    assert all(np.array_equal(p, q) for p, q in zip(_params(net), before))


def test_frozen_biases_book_value():
    net, x, y = worked_example()
    after = one_step(net, x, y, ETA, train_biases=False)
    assert round(after.loss(x, y), 9) == 0.291027774
    assert all(np.array_equal(b, b0) for b, b0 in zip(after.biases, net.biases))


def test_frozen_biases_and_updated_output_weights_give_mazurs_number():
    net, x, y = worked_example()
    cost = one_step(net, x, y, ETA, train_biases=False, updated_output_weights=True).loss(x, y)
    assert round(cost, 9) == MAZUR_PRINTED
    assert round(one_step(net, x, y, ETA, train_biases=False).loss(x, y), 9) != MAZUR_PRINTED


def test_updated_output_weights_match_the_packaged_mistake():
    net, x, y = worked_example()
    after = one_step(net, x, y, ETA, updated_output_weights=True)
    W1, W2 = stale_hidden_update(net, x, y, ETA)
    np.testing.assert_allclose(after.weights[0], W1, rtol=1e-14)
    np.testing.assert_allclose(after.weights[1], W2, rtol=1e-14)


@pytest.mark.parametrize("sizes,act", [([3, 4, 2], "tanh"), ([2, 3, 3, 1], "relu")])
def test_default_on_a_batch_and_deeper_networks(sizes, act):
    net = bpnet.Network(sizes, activation=act, output_activation="sigmoid", seed=1)
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(5, sizes[0])), rng.uniform(size=(5, sizes[-1]))
    after = net.copy()
    after.step(net.gradients(X, Y), 0.3)
    mine = one_step(net, X, Y, 0.3)
    assert all(np.array_equal(p, q) for p, q in zip(_params(mine), _params(after)))
    stale = one_step(net, X, Y, 0.3, updated_output_weights=True)
    np.testing.assert_array_equal(stale.weights[-1], after.weights[-1])     # the last layer is not affected
    assert not np.allclose(stale.weights[0], after.weights[0], rtol=1e-12, atol=0)


def test_bad_eta():
    net, x, y = worked_example()
    with pytest.raises(ValueError):
        one_step(net, x, y, -1.0)
