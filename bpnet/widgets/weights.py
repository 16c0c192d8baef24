"""Widget 2, weights and learning rate: edit any weight or bias, move η, and read every number of one step.

For each weight setting and η the document holds every a and delta, dC/dw by backprop next to the "nudge"
(C(w+eps) - C(w-eps)) / 2 eps, the weights after one step and the new cost (Chapters 5, 7 and 9).
:func:`static_weights` embeds it for the book with the raw numbers from which the page recomputes it for any
weight, weight setting and η (static/document.js builds the same strings); the live widget is
:class:`bpnet.widgets.live.Weights`.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..gradcheck import BUG_THRESHOLD
from ..notation import COST_ID, Names, activation_symbol, bias_id, node_id, parse_id, weight_id
from .arrays import add_nudges, cached_nudges, check_lrs, one_example, raw_values, scale, step_arrays
from .common import check_drawable, lr_scale, worked_example_copy
from .document import base, labels, model, phase, values
from .embed import StaticWidget, embed
from .equations import gradient_eqs, input_eqs, update_eqs
from .format import fmt, fmt_lr

__all__ = ["weights_trace", "static_weights", "default_settings", "param_list", "parse_param", "saturation_note",
           "nudge_lines", "SATURATION_LINK", "BOOK_SATURATION_LINK"]

#: a sigmoid or tanh unit counts as saturated when phi'(z) is below this fraction of its largest value phi'(0)
SATURATED = 0.1
#: where the book explains saturation (a path relative to the chapter notebooks and to the built pages' folder)
SATURATION_LINK = {"text": "Chapter 8, Activations and costs", "href": "08_activations_costs.ipynb"}
#: the same place from a page of the built book (the chapters' pages share one folder)
BOOK_SATURATION_LINK = {**SATURATION_LINK, "href": "08_activations_costs.html"}
#: the nudge is called unresolved when round-off alone could move it by more than this fraction (Chapter 9's
#: BUG_THRESHOLD: a relative error the gradient check would not call correct)
UNRESOLVED = BUG_THRESHOLD


def nudge_lines(p: str, plus: float, minus: float, num: float, eps: float, f) -> list[str]:
    """The nudge (C(p+eps) - C(p-eps)) / 2 eps written with enough digits that the difference of the two costs
    shows (at least 4 significant digits of it, up to float64's 17), and, where the two costs differ by so few
    units of round-off that the quotient is uncertain by more than UNRESOLVED, a line that says so (Chapter 9)."""
    diff, big = plus - minus, max(abs(plus), abs(minus))
    digits = 12 if diff == 0 or big == 0 else min(17, max(12, math.ceil(math.log10(big / abs(diff))) + 4))
    lines = [f"nudge: (C({p}+ε) − C({p}−ε))/2ε = ({fmt(plus, digits)} − {fmt(minus, digits)})/{fmt_lr(2 * eps)}"
             f" = {f(num)}"]
    roundoff = np.finfo(np.float64).eps * big  # one unit of round-off of a cost this size
    if big and (diff == 0 or roundoff / abs(diff) > UNRESOLVED):
        share = "all" if diff == 0 else f"about {fmt(100 * roundoff / abs(diff), 2)}%"
        lines.append(f"too small for the nudge to resolve: the two costs differ by {fmt(diff, 3)}, "
                     f"{fmt(abs(diff) / roundoff, 2)} units of round-off ({fmt(roundoff, 2)} each), so round-off "
                     f"can move this nudge by {share} of its value; backprop's value has no such error")
    return lines


def _weights_eqs(net, raw: dict, nud: dict, lr: float, eps: float, nm: Names, f) -> list:
    """Every element's numbers in one view: value, backprop gradient, nudge check and update."""
    L = len(net.sizes) - 1
    grads = {e["target"]: e["lines"][0] for l in range(1, L + 1) for e in gradient_eqs(net, raw, l, nm, f)}
    upd = {e["target"]: e["lines"][0] for l in range(1, L + 1) for e in update_eqs(net, raw, l, lr, nm, f)}
    eqs = input_eqs(net, raw, nm, f)
    for l in range(1, L + 1):
        for j in range(net.sizes[l]):
            for k in range(net.sizes[l - 1]):
                t, (cp, cm, num) = weight_id(l, j, k), nud[("w", l - 1, j, k)]
                eqs.append({"target": t, "lines": [f"{nm.w(l, j, k)} = {f(raw[t]['w'])}", "backprop: " + grads[t],
                                                   *nudge_lines("w", cp, cm, num, eps, f),
                                                   "after one step: " + upd[t]]})
            t, (cp, cm, num) = node_id(l, j), nud[("b", l - 1, j)]
            u = raw[t]
            eqs.append({"target": t, "lines": [
                f"{nm.z(l, j)} = {f(u['z'])}, {nm.a(l, j)} = {f(u['a'])}, {nm.d(l, j)} = {f(u['delta'])}",
                "backprop: " + grads[t], *nudge_lines("b", cp, cm, num, eps, f), "after one step: " + upd[t]]})
    c = raw[COST_ID]
    eqs.append({"target": COST_ID, "lines": [f"C = {f(c['C'])}", f"after one step with η = {fmt_lr(lr)}: "
                                                                  f"C = {f(c['C_new'])}"]})
    return eqs


def weights_trace(net, x, y, lrs: Sequence[float] = (0.5,), *, settings: Sequence[tuple[str, object]] | None = None,
                  eps: float = 1e-6, digits: int = 4, index_base: int = 1) -> dict:
    """Every a, delta, dC/dw (with its nudge check), updated weight and new cost, for each (setting, lr).

    ``settings`` is a list of (label, network) pairs with the architecture of ``net``; runs are ordered
    setting-major: ``runs[setting * len(lrs) + i]``.
    """
    X, Y = one_example(net, x, y)
    lrs, nm, f = check_lrs(lrs), Names(index_base), (lambda v: fmt(v, digits))
    settings = list(settings) if settings else [("as given", net)]
    out, runs, arrays = base(net, "weights", digits, index_base), [], []
    shown = labels(net, {0: ["x"], **{l: ["a", "delta"] for l in range(1, len(net.sizes))}},
                   {l: ["w"] for l in range(1, len(net.sizes))}, ["C", "C_new"])
    for si, (_, sn) in enumerate(settings):
        if tuple(sn.sizes) != tuple(net.sizes):
            raise ValueError(f"every setting needs sizes {list(net.sizes)}; received {list(sn.sizes)}")
        for lr in lrs:
            s = step_arrays(sn, X, Y, lr)
            nud = cached_nudges(sn, X, Y, eps)
            raw = add_nudges(raw_values(sn, X, Y, s), nud)
            arrays.append(s)
            runs.append({"lr": lr, "lr_text": fmt_lr(lr), "setting": si, "steps": [
                {"values": values(raw, digits), "equations": [_weights_eqs(sn, raw, nud, lr, eps, nm, f)]}]})
    out.update(scale=scale(net, arrays), runs=runs, settings=[str(lab) for lab, _ in settings],
               phases=[phase("all", "One step, every number", "Select a weight or a unit to see its numbers.", [],
                             shown)])
    return out


def param_list(net, digits: int = 4) -> list[dict]:
    """Every weight and bias: id (``w{l}_{j}_{k}`` or ``b{l}_{j}``), the diagram element it lives on, name, value."""
    nm, out = Names(), []
    for l in range(len(net.sizes) - 1, 0, -1):
        for j in range(net.sizes[l]):
            out += [{"id": weight_id(l, j, k), "target": weight_id(l, j, k), "name": nm.w(l, j, k),
                     "value": fmt(net.weights[l - 1][j, k], digits)} for k in range(net.sizes[l - 1])]
            out.append({"id": bias_id(l, j), "target": node_id(l, j), "name": nm.b(l, j),
                        "value": fmt(net.biases[l - 1][j], digits)})
    return out


def default_settings(net) -> list[tuple[str, object]]:
    """The network as given; every weight and bias 0.5 (symmetry is never broken); every parameter x 10 (saturated)."""
    same, big = net.copy(), net.copy()
    for p in (*same.weights, *same.biases):
        p[...] = 0.5
    for p in (*big.weights, *big.biases):
        p *= 10.0
    return [("as given", net), ("all equal to 0.5", same), ("all × 10 (saturated)", big)]


def static_weights(net=None, x=None, y=None, *, lr: float = 0.5,
                   settings: Sequence[tuple[str, object]] | None = None, eps: float = 1e-6,
                   digits: int = 4) -> StaticWidget:
    """The weights-and-learning-rate view for the book: Python's document for the first weight setting and η =
    ``lr``, plus the raw numbers (network, example, every setting's weights) from which the page recomputes it for
    any weight, bias, setting and η (static/lab.js; static/document.js builds the same strings)."""
    if net is None:
        net, x, y = worked_example_copy()
    check_drawable(net)
    X, Y = one_example(net, x, y)
    settings = list(settings) if settings is not None else default_settings(net)
    doc = weights_trace(settings[0][1], x, y, [lr], settings=settings[:1], eps=eps, digits=digits)
    presets = [{"label": str(label), "weights": [w.tolist() for w in sn.weights],
                "biases": [b.tolist() for b in sn.biases]} for label, sn in settings]
    if any(len(p["weights"]) != len(net.weights) for p in presets):
        raise ValueError(f"every setting needs sizes {list(net.sizes)}")
    doc["settings"] = [p["label"] for p in presets]
    doc.update(controls={"lr": lr_scale(lr), "setting": {"labels": doc["settings"], "index": 0, "name": "weights"}},
               params=param_list(settings[0][1], digits), editable=True,
               model=model(settings[0][1], X, Y, eps=float(eps), settings=presets,
                           saturation_link=BOOK_SATURATION_LINK))
    return embed("weights", doc)


def parse_param(net, pid: str) -> tuple[np.ndarray, tuple[int, ...], str, int]:
    """(array, index, kind, layer) behind a parameter id (:func:`bpnet.notation.parse_id`) such as "w2_0_1" or
    "b1_0": ``net.weights[1]``, ``(0, 1)``, "w", 2. ValueError for an id that names no parameter of ``net``."""
    try:
        kind, l, where = parse_id(pid)
        arrays = {"w": net.weights, "b": net.biases}[kind]
        arr = arrays[l - 1]
        if l < 1 or len(where) != arr.ndim or any(not 0 <= i < n for i, n in zip(where, arr.shape)):
            raise IndexError
    except (IndexError, ValueError, KeyError):
        raise ValueError(f"unknown parameter {pid!r}; expected an id such as 'w1_0_0' (w^(1)_11) or 'b2_0'") from None
    return arr, where, kind, l


def saturation_note(net, x, pid: str) -> str:
    """What is true of the unit that parameter ``pid`` feeds, when it is saturated (else ""): its z, a and phi'(z)
    in the book's symbols. Saturated: a sigmoid or tanh unit whose phi'(z) < SATURATED * phi'(0), so that the
    error signal it passes back, delta = ... (.) phi'(z), is small (Chapter 8)."""
    arr, where, kind, l = parse_param(net, pid)
    j = where[0]
    act = net.activation_of(l - 1)
    if act.name not in ("sigmoid", "tanh"):
        return ""
    trace = net.forward(np.asarray(x, dtype=np.float64))
    z, a = float(trace.z(l)[0, j]), float(trace.a(l)[0, j])
    slope = float(act.derivative(np.array(z)))
    if slope >= SATURATED * float(act.derivative(np.array(0.0))):
        return ""
    nm, sym = Names(), activation_symbol(act.name) + "′"
    name = nm.w(l, *where) if kind == "w" else nm.b(l, j)
    return (f"{name} = {fmt(float(arr[where]), 4)}: unit {nm.a(l, j)} "
            f"is saturated, {nm.z(l, j)} = {fmt(z, 4)}, {nm.a(l, j)} = {fmt(a, 4)}, {sym}(z) = {fmt(slope, 3)}, so "
            f"the error signal {nm.d(l, j)} it passes back is small and its weights learn slowly.")
