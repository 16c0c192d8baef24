"""Shared fixtures and the list of allowed (hidden activation, output activation, cost) combinations."""
from __future__ import annotations

import itertools

import numpy as np

HIDDEN = ["sigmoid", "tanh", "relu", "identity"]
OUTPUT = ["sigmoid", "tanh", "relu", "identity", "softmax"]
LOSSES = ["mse", "cross_entropy"]
COMBOS = [
    (h, o, c)
    for h, o, c in itertools.product(HIDDEN, OUTPUT, LOSSES)
    if c == "mse" or o in ("sigmoid", "softmax")
]


def batch(sizes, output, loss, n=3, seed=0):
    """Random inputs and targets that suit the output activation and cost."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    if output == "softmax":
        Y = rng.dirichlet(np.ones(sizes[-1]), size=n) if loss == "cross_entropy" else rng.uniform(size=(n, sizes[-1]))
    elif loss == "cross_entropy" or output == "sigmoid":
        Y = rng.uniform(size=(n, sizes[-1]))
    else:
        Y = rng.normal(size=(n, sizes[-1]))
    return X, Y
