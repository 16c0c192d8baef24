"""Gradient descent: full batch, mini-batch and online (Chapter 7).

One update uses the gradient of the *mean* cost over its mini-batch, C = (1/m) sum_x C_x, so the size of a
step does not grow with the batch size m (see Common mistakes: batch mean). The backward pass of a step uses
the weights as they were before that step's update.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .errors import DivergenceError, check_int, check_positive

if TYPE_CHECKING:
    from .network import Network

__all__ = ["History", "fit"]


@dataclass
class History:
    """What ``fit`` recorded: ``loss[e]`` is the mean training cost of epoch e (the mean of C_x over
    every example, each taken as its mini-batch was used, before that batch's update). Here e counts from 0,
    as the callback's ``epoch`` does; :class:`bpnet.DivergenceError` counts epochs from 1, as the book's
    figures do. Full batch, ``loss[0]`` is the cost at the starting parameters."""

    loss: list[float] = field(default_factory=list)
    lr: float = 0.0
    batch_size: int = 0
    stopped_early: bool = False


def _check_batch_size(batch_size, n: int) -> int:
    if batch_size is None:
        return n
    return min(check_int(batch_size, "batch_size", expected="a positive integer or None (full batch)"), n)


@np.errstate(over="ignore", invalid="ignore")  # a diverging run overflows; that is detected and reported below
def fit(net: Network, X, Y, *, epochs: int, lr: float, batch_size: int | None = None, shuffle: bool = True,
        seed: int | None = None, callback: Callable | None = None) -> History:
    """Train ``net`` in place by mini-batch gradient descent (Chapter 7's mini-batch update):
    w <- w - (eta / m) sum_{x in batch} dC_x/dw, for each mini-batch of m examples.

    ``batch_size=None`` is full-batch gradient descent, ``1`` is online (stochastic) learning, anything
    between is mini-batch. With ``shuffle`` the examples are permuted every epoch by a generator seeded
    with ``seed`` (or, if None, by the network's own generator, itself seeded at construction).
    ``callback(epoch, net, loss)`` runs after each epoch; returning ``False`` stops training.
    Raises :class:`bpnet.DivergenceError` if a cost or a parameter becomes NaN or infinite, leaving ``net``
    at the last parameters whose cost was finite. It fires when the cost overflows, not when it first rises
    above its starting value: a diverging run can grow for many epochs before (Chapter 7); watch
    ``History.loss`` or the callback for that.
    """
    eta = check_positive(lr, "lr (the learning rate eta)")
    epochs = check_int(epochs, "epochs")
    net.check_params()
    X = net.check_X(X)
    Y = net.check_Y(Y, X.shape[0])
    n = X.shape[0]
    m = _check_batch_size(batch_size, n)
    rng = np.random.default_rng(seed) if seed is not None else net.rng
    history = History(lr=eta, batch_size=m)
    params = [*net.weights, *net.biases]
    backup = [p.copy() for p in params]  # the last parameters with a finite cost
    order = np.arange(n)
    for epoch in range(epochs):
        if shuffle and m < n:
            order = rng.permutation(n)
        total = 0.0
        for start in range(0, n, m):
            idx = order[start:start + m] if (shuffle and m < n) else slice(start, start + m)
            Xb, Yb = X[idx], Y[idx]
            trace = net.forward_unchecked(Xb)
            cost = net.cost_unchecked(trace, Yb)
            if not np.isfinite(cost):
                _restore(params, backup)
                raise DivergenceError(epoch + 1, cost, eta)
            total += cost * Xb.shape[0]
            for p, b in zip(params, backup):
                np.copyto(b, p)
            net.step_unchecked(net.backward_unchecked(trace, Yb), eta)
            if not all(np.isfinite(p).all() for p in params):
                _restore(params, backup)
                raise DivergenceError(epoch + 1, float("inf"), eta)
        history.loss.append(total / n)
        if callback is not None and callback(epoch, net, history.loss[-1]) is False:
            history.stopped_early = True
            break
    return history


def _restore(params, backup) -> None:
    for p, b in zip(params, backup):
        np.copyto(p, b)
