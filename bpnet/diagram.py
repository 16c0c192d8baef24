"""A static matplotlib drawing of a small network with its numbers (Chapter 4).

Units are circles, layer l in column l; the edge from unit k of layer l-1 to unit j of layer l carries
w^{(l)}_{jk} (= ``net.weights[l-1][j, k]``, "to j from k"). With a ``trace`` each unit shows
a^{(l)}_j = phi(z^{(l)}_j) (Eq. 4.1); with ``grads`` it also shows delta^{(l)}_j (Eqs. 5.1, 5.2) and each
edge dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k. The interactive version is the stepper widget.
"""
from __future__ import annotations

from .network import Gradients, Network, Trace
from .notation import latex as symbol

__all__ = ["draw_network", "unit_positions"]

DX, DY, R = 3.2, 2.4, 0.3  # layer spacing, unit spacing, unit radius (data units)


def unit_positions(sizes) -> list[list[tuple[float, float]]]:
    """(x, y) of unit j of layer l: layers DX apart, units DY apart and centered on y = 0, unit 1 on top."""
    return [[(DX * l, DY * ((n - 1) / 2 - j)) for j in range(n)] for l, n in enumerate(sizes)]


def _fmt(x: float, digits: int) -> str:
    return f"{float(x):.{digits}f}"


def draw_network(ax, net: Network, trace: Trace | None = None, grads: Gradients | None = None,
                 example: int = 0, digits: int = 4, label_at: float = 0.25) -> list:
    """Draw ``net`` on the matplotlib axes ``ax``; return the list of text artists (for tests and tweaks).

    ``label_at`` is where along each edge (0 = sending unit, 1 = receiving unit) its weight is written:
    near the sending end, the edges leaving one unit have separated, so their labels do not overlap.
    """
    if trace is not None and [z.shape[1] for z in trace.zs] != list(net.sizes[1:]):
        raise ValueError(f"the trace must come from a network of sizes {list(net.sizes)}")
    if grads is not None and [g.shape for g in grads.weights] != [w.shape for w in net.weights]:
        raise ValueError(f"the gradients must have shapes {[w.shape for w in net.weights]}; "
                         f"received {[g.shape for g in grads.weights]}")
    pos, r, texts = unit_positions(net.sizes), R, []
    for l in range(1, net.n_layers + 1):
        for j, (x1, y1) in enumerate(pos[l]):
            for k, (x0, y0) in enumerate(pos[l - 1]):
                ax.plot([x0, x1], [y0, y1], color="0.6", lw=1.2, zorder=1)
                t = label_at if y0 != y1 else 0.5
                lx, ly = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                text = f"${symbol('w', l, j, k)}={_fmt(net.weights[l - 1][j, k], 2)}$"
                if grads is not None:
                    text += f"\n$\\partial C/\\partial w={_fmt(grads.weights[l - 1][j, k], digits)}$"
                texts.append(ax.text(lx, ly, text, fontsize=8, ha="center", va="center", zorder=3,
                                     bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9)))
    L = net.n_layers
    for l, layer in enumerate(pos):
        for j, (x, y) in enumerate(layer):
            color = "#dbe9f6" if l == 0 else "#fde2c8" if l == L else "#d9f0d3"
            ax.add_patch(_circle((x, y), r, color))
            name = symbol("x", None, j) if l == 0 else symbol("a", l, j)
            texts.append(ax.text(x, y, f"${name}$", fontsize=11, ha="center", va="center", zorder=5))
            lines = []
            if trace is not None:
                lines.append(f"$a={_fmt(trace.activations[l][example, j], digits)}$")
            if l > 0:
                lines.insert(0, f"$b={_fmt(net.biases[l - 1][j], 2)}$")
                if grads is not None:
                    lines.append(f"$\\delta={_fmt(grads.deltas[l - 1][example, j], digits)}$")
            if lines:
                above = y > 0  # upper units: numbers above, lower units: below (the middle is for edges)
                texts.append(ax.text(x, y + r + 0.06 if above else y - r - 0.06, "\n".join(lines), fontsize=8,
                                     ha="center", va="bottom" if above else "top", zorder=4))
    top = DY * (max(len(layer) for layer in pos) - 1) / 2
    ax.set_xlim(-0.9, DX * L + 0.9)
    ax.set_ylim(-top - r - 0.9, top + r + (0.9 if top > 0 else 0.1))
    ax.set_aspect("equal")
    ax.axis("off")
    return texts


def _circle(xy, r, color):
    from matplotlib.patches import Circle

    return Circle(xy, r, facecolor=color, edgecolor="0.3", lw=1.2, zorder=4)


if __name__ == "__main__":  # pragma: no cover - a quick look: python -m bpnet.diagram out.png
    import sys

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .examples import worked_example

    net, x, y = worked_example()
    tr = net.forward(x)
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=100)
    draw_network(ax, net, tr, net.backward(tr, y))
    fig.savefig(sys.argv[1] if len(sys.argv) > 1 else "network.png", bbox_inches="tight")
