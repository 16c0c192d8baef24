"""Export training steps of a network as plain, JSON-able data for the widgets (Chapters 4, 5 and 7).

The widgets' JavaScript draws this and does no arithmetic of its own: every number on screen is a string formatted
here from bpnet's arrays with ``precision["digits"]`` significant digits (:func:`fmt`). A trace is a dict::

    {"format": "bpnet-trace/1", "kind": "stepper",   # "weights": bpnet.widgets.weights.weights_trace
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
and ``num`` (the nudge (C(w+eps) - C(w-eps))/2eps); the cost node ``C`` and ``C_new`` (after the step). Ids:
``n{l}_{j}`` is unit j of layer l, ``w{l}_{j}_{k}`` is w^{(l)}_{jk} = ``net.weights[l-1][j, k]`` (b^{(l)}_j lives
on node n{l}_{j}). A step is: forward pass, cost, output deltas (Eq. 5.6), hidden deltas with the weights
*before* the update (Eq. 5.7), dC/dw = delta_j a_k (Eq. 5.9), update w <- w - eta dC/dw (Eq. 7.1).
"""
from __future__ import annotations

import ast
import math
from functools import lru_cache, partialmethod
from types import SimpleNamespace
from typing import Iterable, Sequence

import numpy as np

__all__ = ["TRACE_FORMAT", "fmt", "fmt_lr", "Names", "stepper_trace", "one_example", "step_arrays", "cost_fn"]

TRACE_FORMAT = "bpnet-trace/1"
_SUP = str.maketrans("0123456789-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁽⁾")
_SUB = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")
MAX_TERMS = 4  # longer sums show their first terms, "… (n terms)" and the result


def fmt(x: float, digits: int = 4) -> str:
    """``x`` with ``digits`` significant digits, trailing zeros kept ("0.5000"), exponent as "1.2e-5"."""
    return _fmt(float(x), int(digits))


@lru_cache(maxsize=65536)
def _fmt(x: float, digits: int) -> str:
    if not math.isfinite(x):
        return str(x)
    if x == 0.0:
        return "0"
    s = format(x, f"#.{digits}g")
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant.rstrip('.')}e{int(exp)}"
    return s.rstrip(".")


def fmt_lr(lr: float) -> str:
    """A learning rate as a reader would type it: 0.5, 0.001, 1e+02 -> "100"."""
    return format(float(lr), ".3g").replace("e+0", "e").replace("e-0", "e-")


_p = lambda s: f"({s})" if s.startswith("-") else s  # noqa: E731  a negative factor in a product: 0.5·(-0.038)


@lru_cache(maxsize=4096)
def _sub(base: int, idx: tuple[int, ...]) -> str:
    parts = [str(i + base) for i in idx]
    return (",".join(parts) if any(len(p) > 1 for p in parts) else "".join(parts)).translate(_SUB)


@lru_cache(maxsize=256)
def _sup(l: int) -> str:
    return f"({l})".translate(_SUP)


class Names:
    """Unicode names in the book's notation, e.g. ``w(2, 0, 1)`` -> w⁽²⁾₁₂; units are counted from ``index_base``."""

    def __init__(self, index_base: int = 1):
        self.base = int(index_base)

    def i(self, *idx: int) -> str:
        return _sub(self.base, idx)

    def sym(self, letter: str, l: int, *idx: int) -> str:
        return f"{letter}{_sup(l)}{self.i(*idx)}"

    a, z, d = partialmethod(sym, "a"), partialmethod(sym, "z"), partialmethod(sym, "δ")
    w, b = partialmethod(sym, "w"), partialmethod(sym, "b")

    def y(self, j: int) -> str:
        return f"y{self.i(j)}"

    def x(self, k: int) -> str:
        return f"x{self.i(k)}"


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


def _structure(net, names: Names) -> tuple[list, list]:
    sizes, L = net.sizes, len(net.sizes) - 1
    nodes = []
    for l, n in enumerate(sizes):
        for j in range(n):
            label = names.x(j) if l == 0 else (f"o{names.i(j)}" if l == L else f"h{names.i(j)}" if L == 2 else "")
            nodes.append({"id": f"n{l}_{j}", "layer": l, "unit": j, "name": names.a(l, j), "label": label})
    nodes.append({"id": "cost", "layer": L + 1, "unit": 0, "name": "C", "label": "C"})
    edges = [{"id": f"w{l}_{j}_{k}", "layer": l, "to": f"n{l}_{j}", "from": f"n{l - 1}_{k}", "name": names.w(l, j, k)}
             for l in range(1, L + 1) for j in range(sizes[l]) for k in range(sizes[l - 1])]
    edges += [{"id": f"c_{j}", "layer": L + 1, "to": "cost", "from": f"n{L}_{j}", "name": ""} for j in range(sizes[L])]
    return nodes, edges


def _values(net, X, Y, s: dict, digits: int) -> dict:
    f = lambda v: fmt(v, digits)  # noqa: E731
    tr, g, after, L = s["trace"], s["grads"], s["after"], len(net.sizes) - 1
    vals: dict = {f"n0_{k}": {"x": f(X[0, k]), "a": f(X[0, k])} for k in range(net.sizes[0])}
    for l in range(1, L + 1):
        for j in range(net.sizes[l]):
            vals[f"n{l}_{j}"] = {"z": f(tr.zs[l - 1][0, j]), "a": f(tr.activations[l][0, j]),
                                 "delta": f(g.deltas[l - 1][0, j]), "b": f(net.biases[l - 1][j]),
                                 "db": f(g.biases[l - 1][j]), "b_new": f(after.biases[l - 1][j])}
            for k in range(net.sizes[l - 1]):
                vals[f"w{l}_{j}_{k}"] = {"w": f(net.weights[l - 1][j, k]), "dw": f(g.weights[l - 1][j, k]),
                                         "w_new": f(after.weights[l - 1][j, k])}
    for j in range(net.sizes[L]):
        vals[f"n{L}_{j}"]["y"] = f(Y[0, j])
    vals["cost"] = {"C": f(s["C"]), "C_new": f(s["C_new"])}
    return vals


def _scale(net, steps: Iterable[dict]) -> dict:
    """Largest |value| of each quantity over all steps (3 digits): colors and widths are relative to it."""
    big = lambda arrays: max(float(np.max(np.abs(a))) for a in arrays)  # noqa: E731
    a = max(big(s["trace"].activations) for s in steps)
    d = max(big(s["grads"].deltas) for s in steps)
    w = max(big([*s["after"].weights, *s["after"].biases, *net.weights, *net.biases]) for s in steps)
    g = max(big([*s["grads"].weights, *s["grads"].biases]) for s in steps)
    m = {"a": a, "x": a, "y": a, "z": a, "delta": d, "w": w, "b": w, "w_new": w, "b_new": w, "dw": g, "db": g, "num": g}
    return {k: float(fmt(v, 3)) if v else 1.0 for k, v in m.items()}


def _sum_text(terms: Sequence[str]) -> str:
    short = len(terms) <= MAX_TERMS
    return " + ".join(terms if short else terms[:MAX_TERMS - 1]) + ("" if short else f" + … ({len(terms)} terms)")


_ACT = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "identity": "id", "softmax": "softmax"}


def _act(net, l: int):
    """(symbol, derivative or None) of the activation of book layer l."""
    act = net.activation_of(l - 1)
    return _ACT.get(act.name, act.name), act.derivative


def _labels(net, nodes: dict, edges: dict, cost: Sequence[str] = (), units: dict | None = None) -> dict:
    """Quantities each element shows: ``nodes[layer]``, ``edges[layer]``; ``units`` overrides single nodes."""
    return _labels_cached(tuple(net.sizes), repr((nodes, edges, list(cost), units or {})))


@lru_cache(maxsize=1024)  # the same templates recur for every learning rate and step: build each once
def _labels_cached(sizes: tuple, spec: str) -> dict:
    nodes, edges, cost, units = ast.literal_eval(spec)
    out = {}
    for l, n in enumerate(sizes):
        for j in range(n):
            out[f"n{l}_{j}"] = list(units.get(f"n{l}_{j}", nodes.get(l, [])))
            out.update({f"w{l}_{j}_{k}": list(edges.get(l, [])) for k in range(sizes[l - 1])} if l else {})
    out["cost"] = list(cost)
    out.update({f"c_{j}": [] for j in range(sizes[-1])})
    return out


def _layer_ids(net, l: int, edges: bool = False) -> list[str]:
    return ([f"w{l}_{j}_{k}" for j in range(net.sizes[l]) for k in range(net.sizes[l - 1])] if edges
            else [f"n{l}_{j}" for j in range(net.sizes[l])])


def _forward_eqs(net, X, s, l, nm: Names, f) -> list:
    tr, sym, _ = s["trace"], *_act(net, l)
    eqs = []
    for j in range(net.sizes[l]):
        ks = range(net.sizes[l - 1])
        lines = [f"{nm.z(l, j)} = " + _sum_text([f"{nm.w(l, j, k)} {nm.a(l - 1, k)}" for k in ks] + [nm.b(l, j)]),
                 "= " + _sum_text([f"{f(net.weights[l - 1][j, k])}·{_p(f(tr.activations[l - 1][0, k]))}" for k in ks]
                                  + [_p(f(net.biases[l - 1][j]))]),
                 f"= {f(tr.zs[l - 1][0, j])}"]
        z, a = f(tr.zs[l - 1][0, j]), f(tr.activations[l][0, j])
        if sym == "softmax":
            lines.append(f"{nm.a(l, j)} = e^{nm.z(l, j)} / Σₖ e^{nm.z(l, 0)[:-1]}ₖ = {a}")
        else:
            lines.append(f"{nm.a(l, j)} = {sym}({nm.z(l, j)}) = {sym}({z}) = {a}")
        eqs.append({"target": f"n{l}_{j}", "lines": lines})
    return eqs


def _cost_eqs(net, Y, s, nm: Names, f) -> list:
    L, a = len(net.sizes) - 1, s["trace"].output[0]
    js, loss, out = range(net.sizes[-1]), net.loss_fn.name, net.output_activation.name
    if loss == "mse":
        lines = [f"C = ½ Σⱼ ({nm.a(L, 0)[:-1]}ⱼ − yⱼ)²",
                 "= ½[" + _sum_text([f"({f(a[j])} − {_p(f(Y[0, j]))})²" for j in js]) + "]"]
    elif out == "sigmoid":
        lines = [f"C = −Σⱼ [yⱼ ln {nm.a(L, 0)[:-1]}ⱼ + (1 − yⱼ) ln(1 − {nm.a(L, 0)[:-1]}ⱼ)]",
                 "= −[" + _sum_text([f"{f(Y[0, j])}·ln {f(a[j])} + {f(1 - Y[0, j])}·ln {f(1 - a[j])}"
                                     for j in js]) + "]"]
    else:
        lines = [f"C = −Σⱼ yⱼ ln {nm.a(L, 0)[:-1]}ⱼ",
                 "= −[" + _sum_text([f"{f(Y[0, j])}·ln {f(a[j])}" for j in js]) + "]"]
    return [{"target": "cost", "lines": lines + [f"= {f(s['C'])}"]}]


def _output_delta_eqs(net, Y, s, nm: Names, f) -> list:
    L, tr, g = len(net.sizes) - 1, s["trace"], s["grads"]
    sym, dsig = _act(net, L)
    ce = net.loss_fn.name == "cross_entropy"
    eqs = []
    for j in range(net.sizes[L]):
        a, y, d = f(tr.output[0, j]), _p(f(Y[0, j])), f(g.deltas[L - 1][0, j])
        if ce:
            lines = [f"{nm.d(L, j)} = {nm.a(L, j)} − {nm.y(j)}   ({sym}′ cancels with cross-entropy)", f"= {a} − {y}"]
        elif dsig is not None:
            lines = [f"{nm.d(L, j)} = ({nm.a(L, j)} − {nm.y(j)})·{sym}′({nm.z(L, j)})",
                     f"= ({a} − {y})·{f(dsig(tr.zs[L - 1][0, j]))}"]
        else:
            lines = [f"{nm.d(L, j)} = {nm.a(L, j)}((aⱼ − yⱼ) − Σₖ aₖ(aₖ − yₖ))   (softmax Jacobian)"]
        eqs.append({"target": f"n{L}_{j}", "lines": lines + [f"= {d}"]})
    return eqs


def _hidden_delta_eqs(net, s, l: int, units: Iterable[int], nm: Names, f) -> list:
    tr, g, (sym, dsig), eqs = s["trace"], s["grads"], _act(net, l), []
    for j in units:  # unit j of layer l; the sum runs over the units k of layer l + 1, as in Chapter 5
        terms = [f"{f(net.weights[l][k, j])}·{_p(f(g.deltas[l][0, k]))}" for k in range(net.sizes[l + 1])]
        lines = [f"{nm.d(l, j)} = (Σₖ w{_sup(l + 1)}ₖ{nm.i(j)} δ{_sup(l + 1)}ₖ)·{sym}′({nm.z(l, j)})"
                 "   (weights before the update)",
                 f"= ({_sum_text(terms)})·{f(dsig(tr.zs[l - 1][0, j]))}", f"= {f(g.deltas[l - 1][0, j])}"]
        eqs.append({"target": f"n{l}_{j}", "lines": lines})
    return eqs


def _gradient_eqs(net, s, l: int, nm: Names, f) -> list:
    tr, g, eqs = s["trace"], s["grads"], []
    for j in range(net.sizes[l]):
        for k in range(net.sizes[l - 1]):
            eqs.append({"target": f"w{l}_{j}_{k}", "lines": [
                f"∂C/∂{nm.w(l, j, k)} = {nm.d(l, j)} {nm.a(l - 1, k)} = {f(g.deltas[l - 1][0, j])}·"
                f"{_p(f(tr.activations[l - 1][0, k]))} = {f(g.weights[l - 1][j, k])}"]})
        eqs.append({"target": f"n{l}_{j}", "lines": [f"∂C/∂{nm.b(l, j)} = {nm.d(l, j)} = {f(g.biases[l - 1][j])}"]})
    return eqs


def _update_eqs(net, s, l: int, lr: float, nm: Names, f) -> list:
    g, after, eta, eqs = s["grads"], s["after"], fmt_lr(lr), []
    for j in range(net.sizes[l]):
        for k in range(net.sizes[l - 1]):
            w = nm.w(l, j, k)
            eqs.append({"target": f"w{l}_{j}_{k}", "lines": [
                f"{w} ← {w} − η ∂C/∂{w} = {f(net.weights[l - 1][j, k])} − {eta}·{_p(f(g.weights[l - 1][j, k]))}"
                f" = {f(after.weights[l - 1][j, k])}"]})
        b = nm.b(l, j)
        eqs.append({"target": f"n{l}_{j}", "lines": [
            f"{b} ← {b} − η ∂C/∂{b} = {f(net.biases[l - 1][j])} − {eta}·{_p(f(g.biases[l - 1][j]))}"
            f" = {f(after.biases[l - 1][j])}"]})
    return eqs


_phase = lambda key, title, caption, highlight, labels: dict(key=key, title=title, caption=caption,  # noqa: E731
                                                             highlight=highlight, labels=labels)


def _stepper_phases(net, X, Y, s, lr, nm: Names, f) -> list[tuple[dict, list]]:
    """(template, equations) for each phase of one step; templates do not depend on the numbers."""
    L, sz = len(net.sizes) - 1, net.sizes
    up = lambda l, q: {m: q for m in range(l + 1)}  # noqa: E731  layers 0..l show q
    out = [(_phase("input", "Input", "The example enters: a⁽⁰⁾ = x. Nothing else is computed yet.",
                   _layer_ids(net, 0), _labels(net, {0: ["a"]}, up(L, ["w"]))),
            [{"target": f"n0_{k}", "lines": [f"{nm.a(0, k)} = {nm.x(k)} = {f(X[0, k])}"]} for k in range(sz[0])])]
    for l in range(1, L + 1):
        out.append((_phase(f"forward-{l}", f"Forward pass, layer {l}",
                           f"Each unit of layer {l} takes the weighted sum of layer {l - 1} plus its bias, then "
                           "the activation.", _layer_ids(net, l) + _layer_ids(net, l, True),
                           _labels(net, {**up(l - 1, ["a"]), l: ["z", "a"]}, up(L, ["w"]))),
                    _forward_eqs(net, X, s, l, nm, f)))
    cost_links = [f"c_{j}" for j in range(sz[L])]
    out.append((_phase("cost", "Cost", "Compare the output with the target y.", _layer_ids(net, L) + ["cost"]
                       + cost_links, _labels(net, up(L, ["a"]), up(L, ["w"]), ["C"])), _cost_eqs(net, Y, s, nm, f)))
    known = {L: ["a", "delta"]}
    out.append((_phase("delta-out", "Output error δ⁽ᴸ⁾", "How fast the cost changes with each output z.",
                       _layer_ids(net, L) + ["cost"] + cost_links,
                       _labels(net, {**up(L - 1, ["a"]), **known}, up(L, ["w"]), ["C"])),
                _output_delta_eqs(net, Y, s, nm, f)))
    for l in range(L - 1, 0, -1):
        groups = [[k] for k in range(sz[l])] if sz[l] <= 6 else [list(range(sz[l]))]
        done: dict = {}
        for units in groups:
            done.update({f"n{l}_{k}": ["a", "delta"] for k in units})
            hl = [f"n{l}_{k}" for k in units] + _layer_ids(net, l + 1) + \
                 [f"w{l + 1}_{j}_{k}" for k in units for j in range(sz[l + 1])]
            title = f"Hidden error {nm.d(l, units[0])}" if len(units) == 1 else f"Hidden errors, layer {l}"
            out.append((_phase(f"delta-{l}-{units[0]}", title,
                               "The error flows back along the outgoing weights (the sum runs over the highlighted "
                               "edges), times the slope of the activation.", hl,
                               _labels(net, {**up(l, ["a"]), **known}, up(L, ["w"]), ["C"], dict(done))),
                        _hidden_delta_eqs(net, s, l, units, nm, f)))
        known[l] = ["a", "delta"]
    for l in range(L, 0, -1):
        out.append((_phase(f"grad-{l}", f"Gradients, layer {l}", "∂C/∂w = δ of the unit the edge enters × a of "
                           "the unit it leaves; ∂C/∂b = δ.", _layer_ids(net, l, True) + _layer_ids(net, l)
                           + _layer_ids(net, l - 1),
                           _labels(net, {0: ["a"], **known}, {m: ["dw"] if m >= l else ["w"] for m in range(L + 1)},
                                   ["C"])), _gradient_eqs(net, s, l, nm, f)))
    for l in range(1, L + 1):
        out.append((_phase(f"update-{l}", f"Update, layer {l}", "Step downhill: w ← w − η ∂C/∂w (old → new).",
                           _layer_ids(net, l, True) + _layer_ids(net, l),
                           _labels(net, {0: ["a"], **known}, {m: ["w_new"] if m <= l else ["dw"] for m in range(L + 1)},
                                   ["C"])), _update_eqs(net, s, l, lr, nm, f)))
    out.append((_phase("after", "After the step", "The same example through the updated network.", ["cost"],
                       _labels(net, {0: ["a"], **known}, up(L, ["w_new"]), ["C", "C_new"])),
                [{"target": "cost", "lines": [f"C before the step = {f(s['C'])}",
                                              f"C after the step (η = {fmt_lr(lr)}) = {f(s['C_new'])}"]}]))
    return out


def _base(net, kind: str, digits: int, index_base: int) -> dict:
    nodes, edges = _structure(net, Names(index_base))
    return {"format": TRACE_FORMAT, "kind": kind, "precision": {"digits": int(digits), "style": "significant"},
            "index_base": int(index_base), "sizes": list(net.sizes),
            "net": {"activation": net.activation.name, "output_activation": net.output_activation.name,
                    "loss": net.loss_fn.name}, "nodes": nodes, "edges": edges}


def _check_lrs(lrs) -> list[float]:
    lrs = [float(v) for v in np.atleast_1d(np.asarray(lrs, dtype=np.float64))]
    bad = [v for v in lrs if not (math.isfinite(v) and v > 0)]
    if not lrs or bad:
        raise ValueError(f"learning rates must be positive finite numbers; received {bad or lrs}")
    return lrs


def stepper_trace(net, x, y, lrs: Sequence[float] = (0.5,), *, steps: int = 1, digits: int = 4,
                  index_base: int = 1) -> dict:
    """The phases of ``steps`` steps of gradient descent on one example (x, y), one run per learning rate."""
    X, Y = one_example(net, x, y)
    lrs, nm, f = _check_lrs(lrs), Names(index_base), (lambda v: fmt(v, digits))
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be a positive integer; received {steps!r}")
    steps = int(steps)
    out, runs, arrays, templates = _base(net, "stepper", digits, index_base), [], [], None
    for lr in lrs:
        cur, run = (net.copy() if steps > 1 else net), {"lr": lr, "lr_text": fmt_lr(lr), "setting": 0, "steps": []}
        for _ in range(int(steps)):
            s = step_arrays(cur, X, Y, lr)
            phases = _stepper_phases(cur, X, Y, s, lr, nm, f)
            templates = templates or [t for t, _ in phases]
            run["steps"].append({"values": _values(cur, X, Y, s, digits), "equations": [e for _, e in phases]})
            arrays.append(s)
            if steps > 1:
                cur.step(s["grads"], lr)
        runs.append(run)
    out.update(scale=_scale(net, arrays), phases=templates, runs=runs)
    return out
