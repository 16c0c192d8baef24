"""Markdown tables of one forward and backward pass, in the book's notation (Chapters 4 and 5).

Every number is formatted here from bpnet's arrays, so a chapter can show a table with
``IPython.display.Markdown(trace_table(net, trace, grads))`` and never type a number by hand.
Symbols are LaTeX in ``$...$`` with 1-based unit indices, as in the book: ``$w^{(2)}_{12}$`` is
w^{(2)}_{12} = ``net.weights[1][0, 1]``, the weight to unit 1 of layer 2 from unit 2 of layer 1.

Quantities (Eqs. 4.1 and 5.1-5.4): z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, a^{(l)} = phi(z^{(l)}),
delta^{(l)}_j = dC_x/dz^{(l)}_j, dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k, dC/db^{(l)}_j = delta^{(l)}_j,
and the update w <- w - eta dC/dw.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .network import Gradients, Network, Trace
from .notation import latex as symbol  # the LaTeX symbol, e.g. symbol("w", 2, 0, 1) -> w^{(2)}_{12}

__all__ = ["num", "symbol", "markdown_table", "forward_table", "delta_table", "weight_table", "bias_table",
           "trace_table"]


def num(x: float, digits: int = 6) -> str:
    """``x`` rounded to ``digits`` decimals ("0.593270"); tiny or huge values in scientific notation."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x != 0.0 and (abs(x) < 10.0 ** (-digits + 2) or abs(x) >= 1e6):
        return f"{x:.{max(digits - 3, 2)}e}"
    return f"{x:.{digits}f}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None) -> str:
    """A GitHub/MyST Markdown table; ``align`` has one letter per column: 'l', 'r' or 'c' (default: l then r)."""
    if any(not str(h).strip() for h in header):
        raise ValueError(f"every column needs header text (screen readers announce it); received {list(header)!r}")
    if any(len(r) != len(header) for r in rows):
        raise ValueError(f"every row must have {len(header)} cells like the header; "
                         f"received row lengths {[len(r) for r in rows]}")
    align = align or "l" + "r" * (len(header) - 1)
    if len(align) != len(header) or set(align) - set("lrc"):
        raise ValueError(f"align must be {len(header)} letters from 'l', 'r', 'c'; received {align!r}")
    rule = {"l": ":--", "r": "--:", "c": ":-:"}
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule[a] for a in align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _check(net: Network, trace: Trace | None, grads: Gradients | None, example: int) -> None:
    if trace is not None:
        n = trace.output.shape[0]
        if not 0 <= example < n:
            raise ValueError(f"example must be an index in 0..{n - 1}; received {example}")
        if [z.shape[1] for z in trace.zs] != list(net.sizes[1:]):
            raise ValueError(f"the trace must come from a network of sizes {list(net.sizes)}")
    if grads is not None and [g.shape for g in grads.weights] != [w.shape for w in net.weights]:
        raise ValueError(f"the gradients must have shapes {[w.shape for w in net.weights]}; "
                         f"received {[g.shape for g in grads.weights]}")


def forward_table(net: Network, trace: Trace, example: int = 0, digits: int = 6) -> str:
    """One row per unit: layer l, z^{(l)}_j and a^{(l)}_j (Eq. 4.1); the inputs are a^{(0)} = x."""
    _check(net, trace, None, example)
    rows = [["0 (input)", f"${symbol('x', None, k)}$", "", num(trace.activations[0][example, k], digits)]
            for k in range(net.sizes[0])]
    for l in range(1, net.n_layers + 1):
        kind = "output" if l == net.n_layers else "hidden"
        for j in range(net.sizes[l]):
            rows.append([f"{l} ({kind})", f"${symbol('a', l, j)}$", num(trace.zs[l - 1][example, j], digits),
                         num(trace.activations[l][example, j], digits)])
    return markdown_table(["layer", "unit", "$z$", "$a$"], rows, "llrr")


def delta_table(net: Network, grads: Gradients, example: int = 0, digits: int = 6) -> str:
    """One row per unit of layers 1..L: delta^{(l)}_j = dC_x/dz^{(l)}_j (Eqs. 5.1 and 5.2)."""
    _check(net, None, grads, example)
    rows = [[str(l), f"${symbol(chr(92) + 'delta', l, j)}$", num(grads.deltas[l - 1][example, j], digits)]
            for l in range(net.n_layers, 0, -1) for j in range(net.sizes[l])]
    return markdown_table(["layer", "error signal", "value"], rows, "llr")


def weight_table(net: Network, grads: Gradients, after: Network | None = None, trace: Trace | None = None,
                 example: int = 0, digits: int = 6) -> str:
    """One row per weight: w^{(l)}_{jk}, (with ``trace``) delta^{(l)}_j and a^{(l-1)}_k, dC/dw^{(l)}_{jk}
    (Eq. 5.4: their product) and (with ``after``, the network after the step) the updated weight."""
    _check(net, trace, grads, example)
    header = ["weight", "$w$"]
    header += [r"$\delta_j$", "$a_k$"] if trace is not None else []
    header += [r"$\partial C/\partial w$"] + (["new $w$"] if after is not None else [])
    rows = []
    for l in range(1, net.n_layers + 1):
        for j in range(net.sizes[l]):
            for k in range(net.sizes[l - 1]):
                r = [f"${symbol('w', l, j, k)}$", num(net.weights[l - 1][j, k], digits)]
                if trace is not None:
                    r += [num(grads.deltas[l - 1][example, j], digits),
                          num(trace.activations[l - 1][example, k], digits)]
                r.append(num(grads.weights[l - 1][j, k], digits))
                if after is not None:
                    r.append(num(after.weights[l - 1][j, k], digits))
                rows.append(r)
    return markdown_table(header, rows, "l" + "r" * (len(header) - 1))


def bias_table(net: Network, grads: Gradients, after: Network | None = None, digits: int = 6) -> str:
    """One row per bias: b^{(l)}_j, dC/db^{(l)}_j = delta^{(l)}_j (Eq. 5.3) and (with ``after``) the new b."""
    _check(net, None, grads, 0)
    header = ["bias", "$b$", r"$\partial C/\partial b$"] + (["new $b$"] if after is not None else [])
    rows = []
    for l in range(1, net.n_layers + 1):
        for j in range(net.sizes[l]):
            r = [f"${symbol('b', l, j)}$", num(net.biases[l - 1][j], digits), num(grads.biases[l - 1][j], digits)]
            if after is not None:
                r.append(num(after.biases[l - 1][j], digits))
            rows.append(r)
    return markdown_table(header, rows, "l" + "r" * (len(header) - 1))


def trace_table(net: Network, trace: Trace, grads: Gradients, example: int = 0, digits: int = 6) -> str:
    """One row per unit: z^{(l)}_j, a^{(l)}_j, phi'(z^{(l)}_j) and delta^{(l)}_j, the whole pass at a glance (the
    derivative column reads sigma' when every layer is a sigmoid, phi' otherwise)."""
    _check(net, trace, grads, example)
    rows = []
    for l in range(1, net.n_layers + 1):
        act = net.activation_of(l - 1)
        for j in range(net.sizes[l]):
            z = trace.zs[l - 1][example, j]
            deriv = num(act.derivative(np.array([z]))[0], digits) if act.derivative is not None else "(Jacobian)"
            rows.append([f"${symbol('a', l, j)}$", num(z, digits), num(trace.activations[l][example, j], digits),
                         deriv, num(grads.deltas[l - 1][example, j], digits)])
    prime = r"$\sigma'(z)$" if {net.activation.name, net.output_activation.name} == {"sigmoid"} else r"$\varphi'(z)$"
    return markdown_table(["unit", "$z$", "$a$", prime, r"$\delta$"], rows, "lrrrr")
