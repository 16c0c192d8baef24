"""Static matplotlib drawings of a small network with its numbers (Chapters 4 and 5).

Units are circles, layer l in column l; the edge from unit k of layer l-1 to unit j of layer l carries
w^{(l)}_{jk} (= ``net.weights[l-1][j, k]``, "to j from k").

* :func:`draw_network`: the network with its weights and biases (the labels the tables use); with a ``trace`` each
  unit also shows a^{(l)}_j = phi(z^{(l)}_j), with ``grads`` its delta^{(l)}_j and each edge
  dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k. The interactive version is the stepper widget.
* :func:`draw_backward`: the backward pass, deltas flowing back along the reversed edges. The edge from unit k of
  layer l back to unit j of layer l-1 carries the contribution w^{(l)}_{kj} delta^{(l)}_k; unit j adds what
  arrives and multiplies the sum by phi'(z^{(l-1)}_j), which gives its delta. With ``focus`` only the paths into
  one unit are labeled (the paths into hidden unit 1, each a number, then their sum).
"""
from __future__ import annotations

import numpy as np

from .network import Gradients, Network, Trace
from .notation import latex as symbol

__all__ = ["draw_network", "draw_backward", "unit_positions", "POSITIVE", "NEGATIVE"]

DX, DY, R = 3.2, 2.4, 0.3  # layer spacing, unit spacing, unit radius (data units)
POSITIVE, NEGATIVE = "#b2182b", "#2166ac"  # the widgets' palette: red for a positive number, blue for a negative one
FOCUS_STRETCH = 1.8  # draw_backward with a focus: how much further apart the layers are drawn
LAYER_COLORS = ("#dbe9f6", "#d9f0d3", "#fde2c8")  # input, hidden, output units


def unit_positions(sizes) -> list[list[tuple[float, float]]]:
    """(x, y) of unit j of layer l: layers DX apart, units DY apart and centered on y = 0, unit 1 on top."""
    return [[(DX * l, DY * ((n - 1) / 2 - j)) for j in range(n)] for l, n in enumerate(sizes)]


def _fmt(x: float, digits: int) -> str:
    return f"{float(x):.{digits}f}"


def draw_network(ax, net: Network, trace: Trace | None = None, grads: Gradients | None = None,
                 example: int = 0, digits: int = 4, label_at: float = 0.25, *, x=None, y=None,
                 fontsize: float = 10) -> list:
    """Draw ``net`` on the matplotlib axes ``ax``; return the list of text artists (for tests and tweaks).

    Each edge shows its weight, each unit of layers 1..L its bias; ``trace`` adds the activations, ``grads`` the
    deltas and the weight gradients (of example ``example``). ``x`` writes the input values beside the input units
    and ``y`` the targets beside the output units (the labeled network before any pass). ``label_at`` is where along
    each edge (0 = sending unit, 1 = receiving unit) its weight is written: near the sending end, the edges leaving one
    unit have separated, so their labels do not overlap. ``fontsize`` is the size of the numbers (points); the unit
    names are 3 points larger.
    """
    _check(net, trace, grads)
    pos, texts = unit_positions(net.sizes), []
    for l in range(1, net.n_layers + 1):
        for j, (x1, y1) in enumerate(pos[l]):
            for k, (x0, y0) in enumerate(pos[l - 1]):
                ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.2, zorder=1)
                t = label_at if y0 != y1 else 0.5
                lx, ly = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                text = f"${symbol('w', l, j, k)}={_fmt(net.weights[l - 1][j, k], 2)}$"
                if grads is not None:
                    text += f"\n$\\partial C/\\partial w={_fmt(grads.weights[l - 1][j, k], digits)}$"
                texts.append(ax.text(lx, ly, text, fontsize=fontsize, ha="center", va="center", zorder=3,
                                     bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9)))
    L = net.n_layers
    given = {0: (x, "x"), L: (y, "y")}
    for l, layer in enumerate(pos):
        for j, (ux, uy) in enumerate(layer):
            _unit(ax, (ux, uy), l, L)
            name = symbol("x", None, j) if l == 0 else symbol("a", l, j)
            texts.append(ax.text(ux, uy, f"${name}$", fontsize=fontsize + 3, ha="center", va="center", zorder=5))
            lines = []
            if trace is not None:
                lines.append(f"$a={_fmt(trace.activations[l][example, j], digits)}$")
            if l > 0:
                lines.insert(0, f"${symbol('b', l, j)}={_fmt(net.biases[l - 1][j], 2)}$")
                if grads is not None:
                    lines.append(f"$\\delta={_fmt(grads.deltas[l - 1][example, j], digits)}$")
            values, letter = given.get(l, (None, ""))
            if values is not None:
                lines.append(f"${symbol(letter, None, j)}={_fmt(np.ravel(values)[j], 2)}$")
            if lines:
                texts.append(_beside(ax, (ux, uy), lines, fontsize))
    _frame(ax, pos)
    return texts


def draw_backward(ax, net: Network, trace: Trace, grads: Gradients, y, *, example: int = 0,
                  focus: tuple[int, int] | None = None, digits: int = 4, fontsize: float = 10) -> list:
    """Draw the backward pass of ``net`` on ``ax``: the deltas flowing back along the reversed edges; return the
    list of text artists (for tests and tweaks).

    Each output unit j shows dC_x/da^{(L)}_j (a - y for squared error), phi'(z^{(L)}_j) and their product
    delta^{(L)}_j. Each reversed edge, from unit k of layer l back to unit j of layer l-1, is labeled with its
    contribution w^{(l)}_{kj} delta^{(l)}_k and drawn red when it is positive, blue when negative; each hidden unit
    shows the sum of the contributions it receives, phi'(z) and its delta = sum x phi'(z) (the hidden delta). The
    input units, which need no delta, are drawn with plain edges.

    ``focus=(l, j)`` (maths layer l in 1..L-1, unit index j 0-based as in the arrays) labels only the paths into
    that unit, each with its factors (w x delta = contribution), and grays the rest. ``y`` is the target (of all
    examples, or of one). All numbers are read from ``trace`` and ``grads`` (example ``example``) and ``net``.
    """
    _check(net, trace, grads)
    if not grads.deltas:
        raise ValueError("draw_backward needs gradients with deltas: net.backward(trace, y), not numerical ones")
    L = net.n_layers
    if focus is not None and not (1 <= focus[0] <= L - 1 and 0 <= focus[1] < net.sizes[focus[0]]):
        raise ValueError(f"focus must be (l, j) with a hidden layer l in 1..{L - 1} and a unit index j of that layer; "
                         f"received {focus!r}")
    Y = np.atleast_2d(np.asarray(y, dtype=np.float64))
    yj = Y[example if Y.shape[0] > 1 else 0]
    if yj.shape != (net.sizes[-1],):
        raise ValueError(f"y must hold {net.sizes[-1]} targets per example; received shape {np.shape(y)}")
    first = 0 if focus is None else focus[0]  # with a focus, the layers before it are left out
    pos, texts = unit_positions(net.sizes), []
    if focus is not None:  # room for the factors on each edge: the layers further apart
        pos = [[(DX * first + FOCUS_STRETCH * (ux - DX * first), uy) for ux, uy in layer] for layer in pos]
    delta = [None] + [d[example] for d in grads.deltas]  # delta[l] = delta^{(l)}, l = 1..L

    def prime(l: int) -> str:  # phi', or sigma' where layer l really is a sigmoid
        return r"\sigma'" if net.activation_of(l - 1).name == "sigmoid" else r"\varphi'"

    for (x1, y1) in pos[1] if first == 0 else []:  # the forward edges into layer 1: no delta flows on to the inputs
        for (x0, y0) in pos[0]:
            ax.plot([x0, x1], [y0, y1], color="0.8", lw=1.0, zorder=1)
    for l in range(L, max(first, 1), -1):  # reversed edges: from unit k of layer l back to unit j of layer l-1
        for k, (xs, ys) in enumerate(pos[l]):
            for j, (xr, yr) in enumerate(pos[l - 1]):
                c = net.weights[l - 1][k, j] * delta[l][k]
                shown = focus is None or focus == (l - 1, j)
                color = (POSITIVE if c > 0 else NEGATIVE) if shown else "0.82"
                _arrow(ax, (xs, ys), (xr, yr), color, lw=2.0 if shown else 1.0)
                if not shown:
                    continue
                label = f"${symbol('w', l, k, j)}\\,{symbol(chr(92) + 'delta', l, k)}"
                if focus is None:  # near the receiving unit, where the edges into it have not met yet
                    label, t, va, dy = f"{label}={_fmt(c, digits)}$", 0.5 if ys == yr else 0.72, "center", 0.0
                else:  # the factors too, on two lines at the middle of the edge (above it when it is level)
                    label = (f"{label}={_fmt(net.weights[l - 1][k, j], 2)}\\times{_paren(delta[l][k], digits)}$"
                             f"\n$={_fmt(c, digits)}$")
                    t, (va, dy) = 0.5, ("bottom", 0.1) if ys == yr else ("center", 0.0)
                lx, ly = xs + t * (xr - xs), ys + t * (yr - ys) + dy
                texts.append(ax.text(lx, ly, label, fontsize=fontsize, ha="center", va=va, zorder=3,
                                     color=color, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none",
                                                            alpha=0.92)))
    for l, layer in enumerate(pos):
        for j, (ux, uy) in enumerate(layer if l >= first else []):
            # with a focus, only the focus unit and the units that send to it (their deltas) are in color
            muted = l == 0 if focus is None else (l, j) != focus and l != focus[0] + 1
            _unit(ax, (ux, uy), l, L, muted=muted)
            name = symbol("x", None, j) if l == 0 else symbol("a", l, j)
            texts.append(ax.text(ux, uy, f"${name}$", fontsize=fontsize + 3, ha="center", va="center", zorder=5,
                                 color="0.5" if muted else "black"))
            if muted:
                continue
            act = net.activation_of(l - 1)
            z = trace.zs[l - 1][example, j]
            d = f"$\\delta={_fmt(delta[l][j], digits)}$"
            if focus is not None and (l, j) != focus:  # a unit that sends to the focus: its delta is enough
                lines = [d]
            elif l == L:
                a = trace.activations[L][example, j]
                dC_da = float(net.loss_fn.dC_da(np.array([a]), np.array([yj[j]]))[0])
                head = f"$a-y={_fmt(dC_da, digits)}$" if net.loss_fn.name == "mse" else \
                    f"$\\partial C/\\partial a={_fmt(dC_da, digits)}$"
                if act.derivative is None:  # softmax: no elementwise phi'
                    lines = [head, d]
                else:
                    lines = [head, f"${prime(l)}(z)={_fmt(act.derivative(np.array([z]))[0], digits)}$", d]
            else:
                terms = net.weights[l][:, j] * delta[l + 1]  # w^{(l+1)}_{kj} delta^{(l+1)}_k, one per path
                total = _fmt(float(terms.sum()), digits)
                if focus is not None:  # the separate numbers, then their sum
                    total = "+".join(_paren(t, digits) for t in terms) + "=" + total
                lines = [f"$\\Sigma={total}$",
                         f"$\\times\\,{prime(l)}(z)={_fmt(act.derivative(np.array([z]))[0], digits)}$", d]
            texts.append(_beside(ax, (ux, uy), lines, fontsize))
    if focus is None:
        _frame(ax, pos)
    else:  # room for the sum on the left; below the units only one line of numbers
        _frame(ax, pos, first, left=2.4, below=0.5)
    return texts


def _check(net: Network, trace: Trace | None, grads: Gradients | None) -> None:
    if trace is not None and [z.shape[1] for z in trace.zs] != list(net.sizes[1:]):
        raise ValueError(f"the trace must come from a network of sizes {list(net.sizes)}")
    if grads is not None and [g.shape for g in grads.weights] != [w.shape for w in net.weights]:
        raise ValueError(f"the gradients must have shapes {[w.shape for w in net.weights]}; "
                         f"received {[g.shape for g in grads.weights]}")


def _paren(v: float, digits: int) -> str:
    """A factor of a product: a negative number in parentheses."""
    s = _fmt(v, digits)
    return f"({s})" if v < 0 else s


def _beside(ax, xy, lines, fontsize):
    """The lines of a unit: above it for the upper units, below it for the lower ones (the middle is for edges)."""
    x, y = xy
    above = y > 0
    return ax.text(x, y + R + 0.06 if above else y - R - 0.06, "\n".join(lines), fontsize=fontsize,
                   ha="center", va="bottom" if above else "top", zorder=4)


def _unit(ax, xy, l: int, L: int, muted: bool = False) -> None:
    color = LAYER_COLORS[0 if l == 0 else 2 if l == L else 1]
    ax.add_patch(_circle(xy, R, "0.93" if muted else color))


def _arrow(ax, start, end, color, lw) -> None:
    """An arrow from the rim of the unit at ``start`` to the rim of the unit at ``end``."""
    (x0, y0), (x1, y1) = start, end
    d = np.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / d, (y1 - y0) / d
    ax.annotate("", xy=(x1 - ux * (R + 0.04), y1 - uy * (R + 0.04)), xytext=(x0 + ux * R, y0 + uy * R),
                arrowprops=dict(arrowstyle="-|>,head_length=0.6,head_width=0.3", color=color, lw=lw,
                                shrinkA=0, shrinkB=0), zorder=2)


def _frame(ax, pos, first: int = 0, left: float = 0.9, below: float = 0.9) -> None:
    """Limits that hold layers ``first``.. of ``pos`` and the numbers above and below their units."""
    top = DY * (max(len(layer) for layer in pos) - 1) / 2
    ax.set_xlim(pos[first][0][0] - left, pos[-1][0][0] + 0.9)
    ax.set_ylim(-top - R - below, top + R + (0.9 if top > 0 else 0.1))
    ax.set_aspect("equal")
    ax.axis("off")


def _circle(xy, r, color):
    from matplotlib.patches import Circle

    return Circle(xy, r, facecolor=color, edgecolor="0.3", lw=1.2, zorder=4)


if __name__ == "__main__":  # pragma: no cover - a quick look: python -m bpnet.diagram out.png [backward|focus]
    import sys

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .examples import worked_example

    net, x, y = worked_example()
    tr = net.forward(x)
    fig, ax = plt.subplots(figsize=(6.88, 4.7) if sys.argv[2:] != ["focus"] else (6.5, 3.6), dpi=100)
    if len(sys.argv) > 2 and sys.argv[2] == "backward":
        draw_backward(ax, net, tr, net.backward(tr, y), y)
    elif len(sys.argv) > 2 and sys.argv[2] == "focus":
        draw_backward(ax, net, tr, net.backward(tr, y), y, focus=(1, 0), digits=6)
    else:
        draw_network(ax, net, tr, net.backward(tr, y))
    fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "network.png", bbox_inches="tight")
