"""The worked example of Chapter 4: a 2-2-2 sigmoid network with squared error.

Its numbers are the classic ones of the step-by-step blog posts (inputs 0.05 and 0.10, targets
0.01 and 0.99, weights 0.15 ... 0.55, biases 0.35 and 0.60, eta = 0.5). Two conventions differ
from some of those posts and the book states them: every bias is a trained parameter of its own
unit, and the hidden deltas use the output weights from *before* the update.
"""
from __future__ import annotations

import numpy as np

from .network import Network

__all__ = ["worked_example", "ETA"]

ETA = 0.5  #: the learning rate of the worked example


def worked_example() -> tuple[Network, np.ndarray, np.ndarray]:
    """Return ``(net, x, y)``: the 2-2-2 network with its one input x and target y."""
    net = Network([2, 2, 2], activation="sigmoid", output_activation="sigmoid", loss="mse", init="zeros")
    net.weights[0][...] = [[0.15, 0.20], [0.25, 0.30]]
    net.weights[1][...] = [[0.40, 0.45], [0.50, 0.55]]
    net.biases[0][...] = [0.35, 0.35]
    net.biases[1][...] = [0.60, 0.60]
    return net, np.array([0.05, 0.10]), np.array([0.01, 0.99])
