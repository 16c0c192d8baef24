"""Widget 2, weights and learning rate: edit any weight or bias, move η, and read every number of one step.

Each change recomputes in the kernel, with bpnet: every a and delta, dC/dw by backprop next to the "nudge"
(C(w+eps) - C(w-eps)) / 2 eps, the weights after one step and the new cost (Chapters 5, 7 and 9).
:func:`static_weights` precomputes a grid of learning rates x a few weight settings for the book.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from ..gradcheck import BUG_THRESHOLD, central_differences
from ..trace import (Names, _base, _check_lrs, _gradient_eqs, _labels, _phase, _scale, _update_eqs, _values,
                     fmt, fmt_lr, one_example, step_arrays)
from .common import BOOK_LRS, LIVE_LRS, check_drawable, as_message, lr_control, worked_example_copy
from .live import TraceWidget
from .static import StaticWidget, embed

__all__ = ["weights_trace", "static_weights", "default_settings", "Weights", "param_list", "nudges", "cached_nudges"]

#: a sigmoid or tanh unit counts as saturated when phi'(z) is below this fraction of its largest value phi'(0)
SATURATED = 0.1
#: where the book explains saturation (a path relative to the chapter notebooks and to the built pages' folder)
SATURATION_LINK = {"text": "Chapter 8, Activations and costs", "href": "08_activations_costs.ipynb"}


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


def _with_nudges(vals: dict, nud: dict, digits: int) -> dict:
    for (kind, l, *idx), (_, _, num) in nud.items():
        vals[f"w{l + 1}_{idx[0]}_{idx[1]}" if kind == "w" else f"n{l + 1}_{idx[0]}"]["num"] = fmt(num, digits)
    return vals


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


def _weights_eqs(net, s, lr: float, eps: float, nm: Names, f) -> list:
    """Every element's numbers in one view: value, backprop gradient, nudge check and update."""
    g, nud, eqs = s["grads"], s["nudges"], []
    grads = {e["target"]: e["lines"][0] for l in range(1, len(net.sizes)) for e in _gradient_eqs(net, s, l, nm, f)}
    upd = {e["target"]: e["lines"][0] for l in range(1, len(net.sizes)) for e in _update_eqs(net, s, l, lr, nm, f)}
    for k in range(net.sizes[0]):
        eqs.append({"target": f"n0_{k}", "lines": [f"{nm.a(0, k)} = {nm.x(k)} = {f(s['trace'].activations[0][0, k])}"]})
    for l in range(1, len(net.sizes)):
        for j in range(net.sizes[l]):
            for k in range(net.sizes[l - 1]):
                t, (cp, cm, num) = f"w{l}_{j}_{k}", nud[("w", l - 1, j, k)]
                eqs.append({"target": t, "lines": [f"{nm.w(l, j, k)} = {f(net.weights[l - 1][j, k])}",
                                                   "backprop: " + grads[t], *nudge_lines("w", cp, cm, num, eps, f),
                                                   "after one step: " + upd[t]]})
            t, (cp, cm, num) = f"n{l}_{j}", nud[("b", l - 1, j)]
            tr = s["trace"]
            eqs.append({"target": t, "lines": [
                f"{nm.z(l, j)} = {f(tr.zs[l - 1][0, j])}, {nm.a(l, j)} = {f(tr.activations[l][0, j])}, "
                f"{nm.d(l, j)} = {f(g.deltas[l - 1][0, j])}", "backprop: " + grads[t],
                *nudge_lines("b", cp, cm, num, eps, f), "after one step: " + upd[t]]})
    eqs.append({"target": "cost", "lines": [f"C = {f(s['C'])}", f"after one step with η = {fmt_lr(lr)}: "
                                                                 f"C = {f(s['C_new'])}"]})
    return eqs


def weights_trace(net, x, y, lrs: Sequence[float] = (0.5,), *, settings: Sequence[tuple[str, object]] | None = None,
                  eps: float = 1e-6, digits: int = 4, index_base: int = 1) -> dict:
    """Every a, delta, dC/dw (with its nudge check), updated weight and new cost, for each (setting, lr).

    ``settings`` is a list of (label, network) pairs with the architecture of ``net``; runs are ordered
    setting-major: ``runs[setting * len(lrs) + i]``.
    """
    X, Y = one_example(net, x, y)
    lrs, nm, f = _check_lrs(lrs), Names(index_base), (lambda v: fmt(v, digits))
    settings = list(settings) if settings else [("as given", net)]
    out, runs, arrays = _base(net, "weights", digits, index_base), [], []
    labels = _labels(net, {0: ["x"], **{l: ["a", "delta"] for l in range(1, len(net.sizes))}},
                     {l: ["w"] for l in range(1, len(net.sizes))}, ["C", "C_new"])
    for si, (_, sn) in enumerate(settings):
        if tuple(sn.sizes) != tuple(net.sizes):
            raise ValueError(f"every setting needs sizes {list(net.sizes)}; received {list(sn.sizes)}")
        for lr in lrs:
            s = {**step_arrays(sn, X, Y, lr), "nudges": cached_nudges(sn, X, Y, eps)}
            arrays.append(s)
            runs.append({"lr": lr, "lr_text": fmt_lr(lr), "setting": si, "steps": [
                {"values": _with_nudges(_values(sn, X, Y, s, digits), s["nudges"], digits),
                 "equations": [_weights_eqs(sn, s, lr, eps, nm, f)]}]})
    out.update(scale=_scale(net, arrays), runs=runs, settings=[str(lab) for lab, _ in settings],
               phases=[_phase("all", "One step, every number", "Select a weight or a unit to see its numbers.", [],
                              labels)])
    return out


def param_list(net, digits: int = 4) -> list[dict]:
    """Every weight and bias: id (``w{l}_{j}_{k}`` or ``b{l}_{j}``), the diagram element it lives on, name, value."""
    nm, out = Names(), []
    for l in range(len(net.sizes) - 1, 0, -1):
        for j in range(net.sizes[l]):
            out += [{"id": f"w{l}_{j}_{k}", "target": f"w{l}_{j}_{k}", "name": nm.w(l, j, k),
                     "value": fmt(net.weights[l - 1][j, k], digits)} for k in range(net.sizes[l - 1])]
            out.append({"id": f"b{l}_{j}", "target": f"n{l}_{j}", "name": nm.b(l, j),
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


def static_weights(net=None, x=None, y=None, lrs: Sequence[float] = BOOK_LRS, *, lr: float = 0.5,
                   settings: Sequence[tuple[str, object]] | None = None, digits: int = 4) -> StaticWidget:
    """The weights-and-learning-rate view for the book: every (setting, η) pair precomputed."""
    if net is None:
        net, x, y = worked_example_copy()
    check_drawable(net)
    settings = list(settings) if settings is not None else default_settings(net)
    doc = weights_trace(net, x, y, lrs, settings=settings, digits=digits)
    doc["controls"] = {"lr": lr_control(lrs, lr), "setting": {"labels": doc["settings"], "index": 0,
                                                              "name": "weights"}}
    doc["params"] = param_list(net, digits)
    return embed("weights", doc)


def saturation_note(net, x, pid: str) -> str:
    """What is true of the unit that parameter ``pid`` feeds, when it is saturated (else ""): its z, a and phi'(z)
    in the book's symbols. Saturated: a sigmoid or tanh unit whose phi'(z) < SATURATED * phi'(0), so that the
    error signal it passes back, delta = ... (.) phi'(z), is small (Chapter 8)."""
    arr, where, kind = _parse_param(net, pid)
    l, j, *k = (int(i) for i in pid[1:].split("_"))
    act = net.activation_of(l - 1)
    if act.name not in ("sigmoid", "tanh"):
        return ""
    trace = net.forward(np.asarray(x, dtype=np.float64))
    z, a = float(trace.z(l)[0, j]), float(trace.a(l)[0, j])
    slope = float(act.derivative(np.array(z)))
    if slope >= SATURATED * float(act.derivative(np.array(0.0))):
        return ""
    nm, sym = Names(), "σ′" if act.name == "sigmoid" else "tanh′"
    name = nm.w(l, j, *k) if kind == "w" else nm.b(l, j)
    return (f"{name} = {fmt(float(arr[where]), 4)}: unit {nm.a(l, j)} "
            f"is saturated, {nm.z(l, j)} = {fmt(z, 4)}, {nm.a(l, j)} = {fmt(a, 4)}, {sym}(z) = {fmt(slope, 3)}, so "
            f"the error signal {nm.d(l, j)} it passes back is small and its weights learn slowly.")


def _parse_param(net, pid: str) -> tuple[np.ndarray, tuple[int, ...], str]:
    """The array and index behind a parameter id such as "w2_0_1" or "b1_0"."""
    try:
        kind, idx = pid[0], tuple(int(i) for i in pid[1:].split("_"))
        arrays = net.weights if kind == "w" else net.biases if kind == "b" else None
        arr, where = arrays[idx[0] - 1], idx[1:]
        if idx[0] < 1 or len(where) != arr.ndim or any(not 0 <= i < n for i, n in zip(where, arr.shape)):
            raise IndexError
    except (IndexError, ValueError, TypeError):
        raise ValueError(f"unknown parameter {pid!r}; expected an id such as 'w1_0_0' (w^(1)_11) or 'b2_0'") from None
    return arr, where, kind


class Weights(TraceWidget):
    """The live weights-and-η widget; :meth:`set_param` (or the diagram's value controls) edits one parameter."""

    def __init__(self, net=None, x=None, y=None, *, lr: float = 0.5, eps: float = 1e-6, digits: int = 4,
                 lrs: Sequence[float] = LIVE_LRS, **kwargs):
        if net is None:
            net, x, y = worked_example_copy()
        one_example(net, x, y)
        check_drawable(net)
        self._net, self._x, self._y, self._eps, self._digits = net.copy(), x, y, eps, digits
        super().__init__(lr, lrs, **kwargs)
        self.on_msg(self._on_msg)
        self._rebuild()

    @property
    def net(self):
        """The widget's own copy of the network (edits do not touch the network passed in)."""
        return self._net

    def set_param(self, pid: str, value) -> str:
        """Set weight/bias ``pid`` (e.g. "w2_0_1") to ``value``, recompute; return the message shown ("" if none)."""
        def apply():
            arr, where, kind = _parse_param(self._net, str(pid))
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"a weight must be a number; received {value!r}") from None
            if not math.isfinite(v):
                raise ValueError(f"a weight must be a finite number; received {value!r}")
            arr[where] = v
            return v

        v, message = as_message(apply)
        if v is not None:
            message = saturation_note(self._net, self._x, str(pid))
        self._link = SATURATION_LINK if v is not None and message else None
        self._rebuild(message)
        return self.message

    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("type") == "set":
            try:
                self.set_param(content.get("id", ""), content.get("value"))
            finally:  # after the new document: the front end holds further edits until this arrives
                self.send({"type": "done"})

    def _build(self, lr: float) -> dict:
        return weights_trace(self._net, self._x, self._y, [lr], eps=self._eps, digits=self._digits)

    def _extra(self, doc: dict) -> None:
        link = getattr(self, "_link", None) if doc.get("message") else None
        doc.update(params=param_list(self._net, self._digits), editable=True, message_link=link)

    def __repr__(self) -> str:
        return f"Weights(sizes={list(self._net.sizes)}, lr={self.lr:g})"
