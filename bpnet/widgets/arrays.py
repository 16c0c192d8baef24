"""The numbers behind the stepper and weights documents, computed by bpnet and not yet formatted (Chapters 4, 5, 7, 9).

A step on one example is: forward pass, cost, output deltas (Eq. 5.6), hidden deltas with the weights *before*
the update (Eq. 5.7), dC/dw = delta_j a_k (Eq. 5.9), update w <- w - eta dC/dw (Eq. 7.1). :func:`step_arrays`
runs it with bpnet's own methods; :func:`raw_values` lays its numbers out as floats keyed by element id
(:mod:`bpnet.notation`) and quantity, which is all that :mod:`bpnet.widgets.document` and
:mod:`bpnet.widgets.equations` read to write the documents' strings. Nothing here formats a number.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from types import SimpleNamespace

import numpy as np

from ..gradcheck import central_differences
from ..notation import COST_ID, node_id, weight_id

__all__ = ["one_example", "check_lrs", "cost_fn", "step_arrays", "raw_values", "HIDDEN", "scale", "nudges",
           "cached_nudges", "add_nudges"]

#: quantities of :func:`raw_values` that the equations use and the diagram does not show: phi'(z^{(l)}_j)
HIDDEN = frozenset({"dphi"})


def one_example(net, x, y) -> tuple[np.ndarray, np.ndarray]:
    """Check and return one example as 1-row arrays (1, sizes[0]) and (1, sizes[-1])."""
    X = np.asarray(x, dtype=np.float64)
    X = X[None, :] if X.ndim == 1 else X
    if X.ndim != 2 or X.shape[0] != 1:
        raise ValueError(f"the stepper shows one example: x must have shape ({net.sizes[0]},) or (1, {net.sizes[0]}); "
                         f"received shape {np.shape(x)}")
    Y = np.asarray(y, dtype=np.float64)
    Y = Y[None, :] if Y.ndim == 1 else Y
    net.loss(X, Y)  # bpnet checks shapes and finiteness and raises ValueError naming the problem
    return X, Y


def check_lrs(lrs) -> list[float]:
    """The learning rates as a list of floats, or ValueError unless each is a positive finite number."""
    lrs = [float(v) for v in np.atleast_1d(np.asarray(lrs, dtype=np.float64))]
    bad = [v for v in lrs if not (math.isfinite(v) and v > 0)]
    if not lrs or bad:
        raise ValueError(f"learning rates must be positive finite numbers; received {bad or lrs}")
    return lrs


def cost_fn(net, X, Y):
    """C(current parameters); bpnet's unchecked forward and cost (X and Y were checked once), as its gradcheck."""
    return lambda: net.cost_unchecked(net.forward_unchecked(X), Y)


def step_arrays(net, X, Y, lr: float) -> dict:
    """One step by bpnet, network left as it was: trace, gradients, costs, ``after.weights``/``after.biases``."""
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    params, cost = [*net.weights, *net.biases], cost_fn(net, X, Y)
    saved = [p.copy() for p in params]
    try:
        net.step(grads, lr)  # bpnet's own update, undone below
        after = SimpleNamespace(weights=[w.copy() for w in net.weights], biases=[b.copy() for b in net.biases])
        c_new = cost()
    finally:
        for p, b in zip(params, saved):
            np.copyto(p, b)
    return {"trace": trace, "grads": grads, "after": after, "C": cost(), "C_new": c_new}


def raw_values(net, X, Y, s: dict) -> dict[str, dict[str, float]]:
    """{element id: {quantity: float}} of step ``s`` (:func:`step_arrays`), in the order the documents list them.

    Units: ``x`` (inputs), ``z``, ``a``, ``delta``, ``b``, ``db``, ``b_new``, ``dphi`` (phi'(z), where the
    activation is elementwise) and ``y`` (outputs); weights: ``w``, ``dw``, ``w_new``; the cost: ``C``, ``C_new``.
    """
    tr, g, after, L = s["trace"], s["grads"], s["after"], len(net.sizes) - 1
    raw: dict = {node_id(0, k): {"x": float(X[0, k]), "a": float(X[0, k])} for k in range(net.sizes[0])}
    for l in range(1, L + 1):
        dphi = net.activation_of(l - 1).derivative
        for j in range(net.sizes[l]):
            z = tr.zs[l - 1][0, j]
            raw[node_id(l, j)] = {"z": float(z), "a": float(tr.activations[l][0, j]),
                                  "delta": float(g.deltas[l - 1][0, j]), "b": float(net.biases[l - 1][j]),
                                  "db": float(g.biases[l - 1][j]), "b_new": float(after.biases[l - 1][j])}
            if dphi is not None:
                raw[node_id(l, j)]["dphi"] = float(dphi(z))
            for k in range(net.sizes[l - 1]):
                raw[weight_id(l, j, k)] = {"w": float(net.weights[l - 1][j, k]), "dw": float(g.weights[l - 1][j, k]),
                                           "w_new": float(after.weights[l - 1][j, k])}
    for j in range(net.sizes[L]):
        raw[node_id(L, j)]["y"] = float(Y[0, j])
    raw[COST_ID] = {"C": float(s["C"]), "C_new": float(s["C_new"])}
    return raw


def scale(net, steps: Iterable[dict]) -> dict[str, float]:
    """Largest |value| of each quantity over all steps (3 digits): colors and widths are relative to it."""
    big = lambda arrays: max(float(np.max(np.abs(a))) for a in arrays)  # noqa: E731 (a one-line formula, named as the maths names it)
    a = max(big(s["trace"].activations) for s in steps)
    d = max(big(s["grads"].deltas) for s in steps)
    w = max(big([*s["after"].weights, *s["after"].biases, *net.weights, *net.biases]) for s in steps)
    g = max(big([*s["grads"].weights, *s["grads"].biases]) for s in steps)
    m = {"a": a, "x": a, "y": a, "z": a, "delta": d, "w": w, "b": w, "w_new": w, "b_new": w, "dw": g, "db": g, "num": g}
    return {k: float(format(v, ".3g")) if v else 1.0 for k, v in m.items()}


def nudges(net, X, Y, eps: float) -> dict:
    """(C(p + eps), C(p - eps), their central difference) for every weight and bias p, restored exactly
    afterwards; keys ("w" or "b", code layer, *index). The quotient is bpnet.numerical_gradients' (Eq. 9.1),
    to the bit: a nudge in layer l reruns the forward pass from the unchanged a^(l) only."""
    return {(kind, l, *idx): (plus, minus, (plus - minus) / (2 * eps))
            for kind, l, idx, plus, minus in central_differences(net, X, Y, eps, from_layer=True)}


_NUDGE_CACHE: dict = {}
_NUDGE_CACHE_SIZE = 64


def cached_nudges(net, X, Y, eps: float) -> dict:
    """:func:`nudges`, remembered for the last few (network, example, eps): they do not depend on η, so moving
    the learning rate (live, or the book's grid of η per weight setting) reuses them."""
    key = (tuple(net.sizes), net.activation.name, net.output_activation.name, net.loss_fn.name, float(eps),
           X.tobytes(), Y.tobytes(), *(p.tobytes() for p in (*net.weights, *net.biases)))
    if key not in _NUDGE_CACHE:
        if len(_NUDGE_CACHE) >= _NUDGE_CACHE_SIZE:
            _NUDGE_CACHE.pop(next(iter(_NUDGE_CACHE)))  # the oldest entry
        _NUDGE_CACHE[key] = nudges(net, X, Y, eps)
    return _NUDGE_CACHE[key]


def add_nudges(raw: dict, nud: dict) -> dict:
    """``raw`` with each parameter's nudge as quantity ``num`` (a weight's on its edge, a bias's on its unit)."""
    for (kind, l, *idx), (_, _, num) in nud.items():
        raw[weight_id(l + 1, *idx) if kind == "w" else node_id(l + 1, idx[0])]["num"] = num
    return raw
