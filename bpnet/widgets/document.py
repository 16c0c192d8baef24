"""The document the stepper and weights widgets draw: plain, JSON-able data (Chapters 4, 5 and 7).

The widgets' JavaScript draws this and does no arithmetic of its own: every number on screen is a string formatted
from bpnet's floats (:mod:`bpnet.widgets.arrays`) with ``precision["digits"]`` significant digits
(:func:`bpnet.widgets.format.fmt`). A document is a dict::

    {"format": "bpnet-trace/1", "kind": "stepper",   # or "weights": bpnet.widgets.weights.weights_trace
     "precision": {"digits": 4, "style": "significant"}, "index_base": 1, "sizes": [2, 2, 2],
     "net": {"activation", "output_activation", "loss"},
     "nodes": [{"id": "n1_0", "layer": 1, "unit": 0, "name": "a⁽¹⁾₁", "label": "h₁"}, ..., {"id": "cost"}],
     "edges": [{"id": "w2_0_1", "layer": 2, "to": "n2_0", "from": "n1_1", "name": "w⁽²⁾₁₂"}, ..., {"id": "c_0"}],
     "scale": {quantity: max |value|},                              # for colors (centered at 0) and widths
     "phases": [{"key": "forward-1", "title", "caption", "highlight": [ids], "labels": {id: [quantity]}}],
     "runs": [{"lr": 0.5, "lr_text": "0.5", "setting": 0,           # one run per learning rate
               "steps": [{"values": {id: {quantity: "0.5933"}},
                          "equations": [[{"target": id, "lines": ["z⁽¹⁾₁ = ...", "= 0.1500·0.05000 + ...",
                                                                  "= 0.3775"]}] per phase]}]}]}

Quantities: nodes ``x``, ``z``, ``a``, ``delta``, ``b``, ``db``, ``b_new``, ``y``; edges ``w``, ``dw``, ``w_new``
and ``num`` (the nudge (C(w+eps) - C(w-eps))/2eps); the cost node ``C`` and ``C_new`` (after the step). Element
ids are :mod:`bpnet.notation`'s: ``n{l}_{j}`` is unit j of layer l, ``w{l}_{j}_{k}`` is w^{(l)}_{jk} =
``net.weights[l-1][j, k]`` (b^{(l)}_j lives on node n{l}_{j}).
"""
from __future__ import annotations

import ast
from collections.abc import Sequence
from functools import lru_cache

from ..notation import COST_ID, Names, link_id, node_id, weight_id
from .arrays import HIDDEN
from .format import fmt

__all__ = ["TRACE_FORMAT", "base", "values", "labels", "layer_ids", "phase", "model"]

TRACE_FORMAT = "bpnet-trace/1"


def _structure(net, names: Names) -> tuple[list, list]:
    """The diagram's nodes (units, then the cost) and edges (weights, then the links to the cost)."""
    sizes, L = net.sizes, len(net.sizes) - 1
    nodes = []
    for l, n in enumerate(sizes):
        for j in range(n):
            label = names.x(j) if l == 0 else (f"o{names.i(j)}" if l == L else f"h{names.i(j)}" if L == 2 else "")
            nodes.append({"id": node_id(l, j), "layer": l, "unit": j, "name": names.a(l, j), "label": label})
    nodes.append({"id": COST_ID, "layer": L + 1, "unit": 0, "name": "C", "label": "C"})
    edges = [{"id": weight_id(l, j, k), "layer": l, "to": node_id(l, j), "from": node_id(l - 1, k),
              "name": names.w(l, j, k)}
             for l in range(1, L + 1) for j in range(sizes[l]) for k in range(sizes[l - 1])]
    edges += [{"id": link_id(j), "layer": L + 1, "to": COST_ID, "from": node_id(L, j), "name": ""}
              for j in range(sizes[L])]
    return nodes, edges


def base(net, kind: str, digits: int, index_base: int) -> dict:
    """The parts of a document that depend on the network only: format, precision, sizes, nodes and edges."""
    nodes, edges = _structure(net, Names(index_base))
    return {"format": TRACE_FORMAT, "kind": kind, "precision": {"digits": int(digits), "style": "significant"},
            "index_base": int(index_base), "sizes": list(net.sizes),
            "net": {"activation": net.activation.name, "output_activation": net.output_activation.name,
                    "loss": net.loss_fn.name}, "nodes": nodes, "edges": edges}


def values(raw: dict[str, dict[str, float]], digits: int) -> dict[str, dict[str, str]]:
    """The ``values`` of a step: each shown quantity of :func:`bpnet.widgets.arrays.raw_values` as a string."""
    return {eid: {q: fmt(v, digits) for q, v in qs.items() if q not in HIDDEN} for eid, qs in raw.items()}


def labels(net, nodes: dict, edges: dict, cost: Sequence[str] = (), units: dict | None = None) -> dict:
    """Quantities each element shows: ``nodes[layer]``, ``edges[layer]``; ``units`` overrides single nodes."""
    return _labels_cached(tuple(net.sizes), repr((nodes, edges, list(cost), units or {})))


@lru_cache(maxsize=1024)  # the same templates recur for every learning rate and step: build each once
def _labels_cached(sizes: tuple, spec: str) -> dict:
    nodes, edges, cost, units = ast.literal_eval(spec)
    out = {}
    for l, n in enumerate(sizes):
        for j in range(n):
            out[node_id(l, j)] = list(units.get(node_id(l, j), nodes.get(l, [])))
            out.update({weight_id(l, j, k): list(edges.get(l, [])) for k in range(sizes[l - 1])} if l else {})
    out[COST_ID] = list(cost)
    out.update({link_id(j): [] for j in range(sizes[-1])})
    return out


def layer_ids(net, l: int, edges: bool = False) -> list[str]:
    """The ids of the units of layer ``l``, or (``edges``) of the weights that enter it."""
    return ([weight_id(l, j, k) for j in range(net.sizes[l]) for k in range(net.sizes[l - 1])] if edges
            else [node_id(l, j) for j in range(net.sizes[l])])


def phase(key: str, title: str, caption: str, highlight: list[str], labels: dict) -> dict:
    """One phase's template: what it highlights and which quantities each element shows."""
    return {"key": key, "title": title, "caption": caption, "highlight": highlight, "labels": labels}


def model(net, X, Y, **extra) -> dict:
    """The raw numbers a document built in the page starts from (``static/document.js``): the network's activations,
    cost, weights and biases as nested lists of floats, the example (x, y) as flat lists, and ``extra`` settings."""
    return {"activation": net.activation.name, "output_activation": net.output_activation.name,
            "loss": net.loss_fn.name, "weights": [w.tolist() for w in net.weights],
            "biases": [b.tolist() for b in net.biases], "x": [float(v) for v in X.reshape(-1)],
            "y": [float(v) for v in Y.reshape(-1)], **extra}
