"""The worked example of Chapter 4: a 2-2-2 sigmoid network with squared error.

Its numbers are the classic ones of the step-by-step blog posts (inputs 0.05 and 0.10, targets
0.01 and 0.99, weights 0.15 ... 0.55, biases 0.35 and 0.60, eta = 0.5). Two conventions differ
from some of those posts and the book states them: every bias is a trained parameter of its own
unit, and the hidden deltas use the output weights from *before* the update. :func:`one_step` has a
switch for each, so that the published numbers can be reproduced as well as the book's.
"""
from __future__ import annotations

import numpy as np

from .errors import check_positive
from .network import Network

__all__ = ["worked_example", "one_step", "ETA"]

ETA = 0.5  #: the learning rate of the worked example


def worked_example() -> tuple[Network, np.ndarray, np.ndarray]:
    """Return ``(net, x, y)``: the 2-2-2 network with its one input x and target y."""
    net = Network([2, 2, 2], activation="sigmoid", output_activation="sigmoid", loss="mse", init="zeros")
    net.weights[0][...] = [[0.15, 0.20], [0.25, 0.30]]
    net.weights[1][...] = [[0.40, 0.45], [0.50, 0.55]]
    net.biases[0][...] = [0.35, 0.35]
    net.biases[1][...] = [0.60, 0.60]
    return net, np.array([0.05, 0.10]), np.array([0.01, 0.99])


def one_step(net: Network, x, y, eta: float = ETA, *, train_biases: bool = True,
             updated_output_weights: bool = False) -> Network:
    """One step of gradient descent on (x, y), returned as a new network (``net`` is left unchanged).

    With the defaults this is the book's step, the same numbers to the bit as
    ``after = net.copy(); after.step(net.gradients(x, y), eta)``. Two switches reproduce the conventions of
    other worked examples (Chapter 4):

    * ``train_biases=False``: the biases are not updated (the step-by-step blog posts share one bias per layer
      and do not train it); the weight gradients are the same.
    * ``updated_output_weights=True``: the backward pass updates each layer's weights as soon as their gradient
      is known and carries delta back through the *updated* weights, delta^{(l)} = phi'(z^{(l)}) (.)
      (W_new^{(l+1)T} delta^{(l+1)}). This is a mistake (see Common mistakes: updated weights): the gradient is
      the derivative at the point of the forward pass, so every factor of it must be a weight of that pass. For
      one hidden layer it means that the hidden deltas use the updated output weights.

    x and y may be one example or a batch with one row per example (gradients of the mean cost).
    """
    eta = check_positive(eta, "eta (the learning rate)")
    trace = net.forward(x)
    delta = net.backward(trace, y).deltas[-1]  # checks y; delta^{(L)} of the forward pass
    n = delta.shape[0]
    after = net.copy()
    for l in range(net.n_layers - 1, -1, -1):  # code layer l is W^{(l+1)}
        dW = delta.T @ trace.activations[l] / n  # the same arithmetic as Network.backward
        db = delta.sum(axis=0) / n
        after.weights[l] -= eta * dW
        if train_biases:
            after.biases[l] -= eta * db
        if l > 0:
            W = after.weights[l] if updated_output_weights else net.weights[l]
            delta = net.activation_of(l - 1).backprop(trace.zs[l - 1], trace.activations[l], delta @ W)
    return after
