"""Widget 1, the backprop stepper: one training step of a small network, phase by phase (Chapters 4 and 5).

The timeline is the forward pass layer by layer, the cost, the output deltas (Eq. 5.6), each hidden delta (Eq. 5.7,
with the edges its sum runs over highlighted), dC/dw on every edge (Eqs. 5.8 and 5.9), the update (Eq. 7.1,
old -> new) and the cost after it. :func:`stepper_trace` builds the document (:mod:`bpnet.widgets.document`);
:func:`static_stepper` embeds it for the book, with the raw numbers from which the page recomputes it for any weight
and η (static/document.js builds the same strings). The live widget is
:class:`bpnet.widgets.live.Stepper`.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..errors import check_int
from ..notation import COST_ID, Names, link_id, node_id, weight_id
from .arrays import check_lrs, one_example, raw_values, scale, step_arrays
from .common import check_drawable, lr_scale, worked_example_copy
from .document import base, labels, layer_ids, model, phase, values
from .embed import StaticWidget, embed
from .equations import (
    cost_eqs,
    forward_eqs,
    gradient_eqs,
    hidden_delta_eqs,
    input_eqs,
    output_delta_eqs,
    step_cost_eqs,
    update_eqs,
)
from .format import fmt, fmt_lr
from .weights import BOOK_SATURATION_LINK, param_list

__all__ = ["stepper_trace", "static_stepper"]


def _stepper_phases(net, raw: dict, lr: float, nm: Names, f) -> list[tuple[dict, list]]:
    """(template, equations) for each phase of one step; templates do not depend on the numbers."""
    L, sz = len(net.sizes) - 1, net.sizes
    up = lambda l, q: {m: q for m in range(l + 1)}  # noqa: E731  layers 0..l show q
    out = [(phase("input", "Input", "The example enters: a⁽⁰⁾ = x. Nothing else is computed yet.",
                  layer_ids(net, 0), labels(net, {0: ["a"]}, up(L, ["w"]))), input_eqs(net, raw, nm, f))]
    for l in range(1, L + 1):
        out.append((phase(f"forward-{l}", f"Forward pass, layer {l}",
                          f"Each unit of layer {l} takes the weighted sum of layer {l - 1} plus its bias, then "
                          "the activation.", layer_ids(net, l) + layer_ids(net, l, True),
                          labels(net, {**up(l - 1, ["a"]), l: ["z", "a"]}, up(L, ["w"]))),
                    forward_eqs(net, raw, l, nm, f)))
    cost_links = [link_id(j) for j in range(sz[L])]
    out.append((phase("cost", "Cost", "Compare the output with the target y.", layer_ids(net, L) + [COST_ID]
                      + cost_links, labels(net, up(L, ["a"]), up(L, ["w"]), ["C"])), cost_eqs(net, raw, nm, f)))
    known = {L: ["a", "delta"]}
    out.append((phase("delta-out", "Output error δ⁽ᴸ⁾", "How fast the cost changes with each output z.",
                      layer_ids(net, L) + [COST_ID] + cost_links,
                      labels(net, {**up(L - 1, ["a"]), **known}, up(L, ["w"]), ["C"])),
                output_delta_eqs(net, raw, nm, f)))
    for l in range(L - 1, 0, -1):
        groups = [[k] for k in range(sz[l])] if sz[l] <= 6 else [list(range(sz[l]))]
        done: dict = {}
        for units in groups:
            done.update({node_id(l, k): ["a", "delta"] for k in units})
            hl = [node_id(l, k) for k in units] + layer_ids(net, l + 1) + \
                 [weight_id(l + 1, j, k) for k in units for j in range(sz[l + 1])]
            title = f"Hidden error {nm.d(l, units[0])}" if len(units) == 1 else f"Hidden errors, layer {l}"
            out.append((phase(f"delta-{l}-{units[0]}", title,
                              "The error flows back along the outgoing weights (the sum runs over the highlighted "
                              "edges), times the slope of the activation.", hl,
                              labels(net, {**up(l, ["a"]), **known}, up(L, ["w"]), ["C"], dict(done))),
                        hidden_delta_eqs(net, raw, l, units, nm, f)))
        known[l] = ["a", "delta"]
    for l in range(L, 0, -1):
        out.append((phase(f"grad-{l}", f"Gradients, layer {l}", "∂C/∂w = δ of the unit the edge enters × a of "
                          "the unit it leaves; ∂C/∂b = δ.", layer_ids(net, l, True) + layer_ids(net, l)
                          + layer_ids(net, l - 1),
                          labels(net, {0: ["a"], **known}, {m: ["dw"] if m >= l else ["w"] for m in range(L + 1)},
                                 ["C"])), gradient_eqs(net, raw, l, nm, f)))
    for l in range(1, L + 1):
        out.append((phase(f"update-{l}", f"Update, layer {l}", "Step downhill: w ← w − η ∂C/∂w (old → new).",
                          layer_ids(net, l, True) + layer_ids(net, l),
                          labels(net, {0: ["a"], **known}, {m: ["w_new"] if m <= l else ["dw"] for m in range(L + 1)},
                                 ["C"])), update_eqs(net, raw, l, lr, nm, f)))
    out.append((phase("after", "After the step", "The same example through the updated network.", [COST_ID],
                      labels(net, {0: ["a"], **known}, up(L, ["w_new"]), ["C", "C_new"])),
                step_cost_eqs(raw, lr, f)))
    return out


def stepper_trace(net, x, y, lrs: Sequence[float] = (0.5,), *, steps: int = 1, digits: int = 4,
                  index_base: int = 1) -> dict:
    """The phases of ``steps`` steps of gradient descent on one example (x, y), one run per learning rate."""
    X, Y = one_example(net, x, y)
    lrs, nm, f = check_lrs(lrs), Names(index_base), (lambda v: fmt(v, digits))
    steps = check_int(steps, "steps")
    out, runs, arrays, templates = base(net, "stepper", digits, index_base), [], [], None
    for lr in lrs:
        cur, run = (net.copy() if steps > 1 else net), {"lr": lr, "lr_text": fmt_lr(lr), "setting": 0, "steps": []}
        for _ in range(steps):
            s = step_arrays(cur, X, Y, lr)
            raw = raw_values(cur, X, Y, s)
            phases = _stepper_phases(cur, raw, lr, nm, f)
            templates = templates or [t for t, _ in phases]
            run["steps"].append({"values": values(raw, digits), "equations": [e for _, e in phases]})
            arrays.append(s)
            if steps > 1:
                cur.step(s["grads"], lr)
        runs.append(run)
    out.update(scale=scale(net, arrays), phases=templates, runs=runs)
    return out


def static_stepper(net=None, x=None, y=None, *, lr: float = 0.5, steps: int = 1, digits: int = 4) -> StaticWidget:
    """The stepper for the book: Python's document for η = ``lr``, plus the raw numbers (network, example, steps)
    from which the page recomputes every number when the reader sets a weight, a bias or η (static/lab.js).

    With no network, the worked example of Chapter 4 (2-2-2, sigmoid, squared error).
    """
    if net is None:
        net, x, y = worked_example_copy()
    check_drawable(net)
    X, Y = one_example(net, x, y)
    doc = stepper_trace(net, x, y, [lr], steps=steps, digits=digits)
    doc.update(controls={"lr": lr_scale(lr)}, params=param_list(net, digits), editable=True,
               model=model(net, X, Y, steps=len(doc["runs"][0]["steps"]), saturation_link=BOOK_SATURATION_LINK))
    return embed("stepper", doc)
