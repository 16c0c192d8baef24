"""Drawings of graphs with their numbers: the paths of the chain rule through a network (Chapter 6) and a
computational graph of :mod:`bpnet.autodiff` values, with values on the nodes and gradients on the edges (Chapter 11).

Every number drawn is computed here from bpnet's own results: :func:`bpnet.complexity.path_terms` for the paths,
:func:`bpnet.autodiff.backward_by_edge` for the graph. Colors follow the book's widgets: red for a positive number,
blue for a negative one, gray for zero.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .autodiff import Value, backward_by_edge, topological_order
from .complexity import path_terms
from .notation import latex as symbol

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .network import Network

__all__ = ["NEGATIVE", "POSITIVE", "ZERO", "sign_color", "draw_paths", "draw_graph", "draw_graphs"]

NEGATIVE, POSITIVE, ZERO = "#2166ac", "#b2182b", "0.45"  #: the widgets' blue, red and a gray for exactly 0
OP_SYMBOLS = {"+": "+", "*": r"\times", "max": r"\max", "sigmoid": r"\sigma", "relu": "relu", "exp": "exp",
              "log": "ln"}
FONT = 10  # points: at least 9 px on the book's page for figures up to about 7.5 inches wide at 100 dpi


def sign_color(value: float) -> str:
    """Red for a positive number, blue for a negative one, gray for 0 (and for NaN)."""
    return POSITIVE if value > 0 else NEGATIVE if value < 0 else ZERO


def _num(x: float, digits: int) -> str:
    """A number for mathtext: ``digits`` significant digits, an integer without its ".0", "-0" as "0"."""
    x = float(x)
    if x == 0:
        return "0"
    if x == round(x) and abs(x) < 1e6:
        return str(int(round(x)))
    return f"{x:.{digits}g}"


def _unit_name(l: int, j: int) -> str:
    return symbol("x", None, j) if l == 0 else symbol("a", l, j)


# -- Chapter 6: the paths of one weight ---------------------------------------------------------------------------
def draw_paths(net: Network, x, y, l: int, j: int, k: int, *, ncols: int | None = None, digits: int = 3,
               panel_width: float = 3.5, dx: float = 2.2, dy: float = 1.7, dpi: int = 100) -> Figure:
    """A figure with one panel per path of the path sum (eq-ch06-paths) for w^{(l)}_{jk} (j, k 0-based), for one
    example ``x``, ``y``: the network in light gray, the weight's edge and the path drawn thick, red if the path's
    term is positive and blue if negative. Each edge of the path carries its factor from
    :func:`bpnet.complexity.path_terms` (the weight's own edge a^{(l-1)}_k phi'(z^{(l)}_j), every later edge
    w phi'(z)), the output unit its a - y, and the panel's title the path and its term. The figure's title is the
    sum of the terms, which is dC_x/dw^{(l)}_{jk}.
    """
    import matplotlib.pyplot as plt

    terms = path_terms(net, x, y, l, j, k)
    n = len(terms)
    ncols = min(n, 3) if ncols is None else max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    top = dy * (max(net.sizes) - 1) / 2
    xlim, ylim = (-1.0, dx * net.n_layers + 0.8), (-top - 1.0, top + 0.9)
    panel_height = panel_width * (ylim[1] - ylim[0]) / (xlim[1] - xlim[0]) + 0.35  # + the panel's title
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_width * ncols, panel_height * nrows + 0.35), dpi=dpi,
                             squeeze=False)
    L = net.n_layers
    pos = [[(dx * m, ((size - 1) / 2 - u) * dy) for u in range(size)] for m, size in enumerate(net.sizes)]  # 1 on top
    w_name = symbol("w", l, j, k)
    for ax, t in zip(axes.flat, terms):
        color = sign_color(t["term"])
        for m in range(1, L + 1):  # every edge, light
            for x1, y1 in pos[m]:
                for x0, y0 in pos[m - 1]:
                    ax.plot([x0, x1], [y0, y1], color="0.85", lw=1, zorder=1)
        route = [(l - 1, k), *((l + i, u) for i, u in enumerate(t["units"]))]  # (layer, unit) from a^{(l-1)}_k on
        for i, ((m0, u0), (m1, u1)) in enumerate(zip(route, route[1:])):
            (x0, y0), (x1, y1) = pos[m0][u0], pos[m1][u1]
            ax.plot([x0, x1], [y0, y1], color=color, lw=3.5 if i == 0 else 2.5, zorder=2,
                    solid_capstyle="round")
            ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"${_num(t['factors'][i], digits)}$", fontsize=FONT,
                    ha="center", va="center", zorder=5,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec=color if i == 0 else "none", lw=1))
            if i == 0:  # the weight itself, named above its edge
                ax.text((x0 + x1) / 2, max(y0, y1) + 0.3, f"${w_name}$", fontsize=FONT, ha="center", va="bottom",
                        zorder=5)
        on_route = set(route)
        for m, layer in enumerate(pos):
            for u, (px, py) in enumerate(layer):
                ax.add_patch(_circle((px, py), 0.3, "0.3" if (m, u) in on_route else "0.75",
                                     "white" if (m, u) not in on_route else "#f7f7f7"))
        xo, yo = pos[L][t["units"][-1]]
        ax.text(xo, yo - 0.45, f"$a-y$\n${_num(t['factors'][-1], digits)}$", fontsize=FONT, ha="center", va="top",
                linespacing=1.1)
        xk, yk = pos[l - 1][k]
        ax.text(xk - 0.45, yk, f"${_unit_name(l - 1, k)}$", fontsize=FONT + 1, ha="right", va="center")
        path = r"\to".join(str(u + 1) for u in t["units"])
        ax.set_title(f"path ${path}$: term $= {_num(t['term'], digits)}$", fontsize=FONT + 1, color=color)
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect("equal")
        ax.axis("off")
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    total = sum(t["term"] for t in terms)
    fig.suptitle(f"${w_name}$: {n} path{'s' if n != 1 else ''}, sum of the terms "
                 f"$= {_num(total, digits)} = \\partial C_x/\\partial {w_name}$", fontsize=FONT + 1)
    fig.tight_layout()
    return fig


def _circle(xy, r, edge, face="white"):
    from matplotlib.patches import Circle

    return Circle(xy, r, facecolor=face, edgecolor=edge, lw=1.2, zorder=4)


# -- Chapter 11: a computational graph ----------------------------------------------------------------------------
def _layout(order: list[Value], first: list[Value], dx: float, dy: float) -> dict[int, tuple[float, float]]:
    """Columns by depth (an input in column 0, a value one column right of its deepest input); inputs stacked top
    down, those in ``first`` first and in its order, the others in the order they were first used; every other value
    at the mean height of its inputs, or level with an input that is more than one column away (the values of the
    columns between are moved ``dy`` off that edge); then spread so that no two values of a column are closer than
    ``dy``."""
    col, ypos = {}, {}
    rank = {id(v): i for i, v in enumerate(first)}
    leaves = sorted((v for v in order if not v.inputs), key=lambda v: rank.get(id(v), len(rank)))
    for i, v in enumerate(leaves):
        col[id(v)], ypos[id(v)] = 0, -i * dy
    long = []  # edges that skip a column: drawn level, with the values of the columns they cross moved off them
    for v in order:
        if v.inputs:
            col[id(v)] = 1 + max(col[id(u)] for u in v.inputs)
            skip = [u for u in v.inputs if col[id(u)] < col[id(v)] - 1]
            ypos[id(v)] = ypos[id(skip[0])] if skip else sum(ypos[id(u)] for u in v.inputs) / len(v.inputs)
            long += [(col[id(u)], col[id(v)], ypos[id(v)]) for u in skip]
    for v in order:
        for c0, c1, level in long:
            if c0 < col[id(v)] < c1 and abs(ypos[id(v)] - level) < dy:
                ypos[id(v)] = level - dy if ypos[id(v)] <= level else level + dy
    for c in set(col.values()):
        column = sorted((v for v in order if col[id(v)] == c), key=lambda v: -ypos[id(v)])
        for above, below in zip(column, column[1:]):
            ypos[id(below)] = min(ypos[id(below)], ypos[id(above)] - dy)
    return {i: (dx * col[i], ypos[i]) for i in col}


def _positions(root: Value, names: dict[str, Value] | None, positions, dx: float, dy: float) -> dict:
    order = topological_order(root)
    xy = _layout(order, list((names or {}).values()), dx, dy)
    for name, p in (positions or {}).items():
        xy[id(names[name])] = (float(p[0]), float(p[1]))
    return xy


def _limits(xy: dict, r: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The data limits of a drawn graph: its values, their labels above and below, and the upstream stub."""
    xs, ys = [p[0] for p in xy.values()], [p[1] for p in xy.values()]
    return (min(xs) - r - 0.5, max(xs) + r + 1.3), (min(ys) - r - 0.6, max(ys) + r + 0.6)


def draw_graph(ax: Axes, root: Value, names: dict[str, Value] | None = None, *, grad: float = 1.0,
               positions: dict[str, tuple[float, float]] | None = None, digits: int = 3, dx: float = 2.6,
               dy: float = 1.8, radius: float = 0.38) -> list[tuple[str, str, float]]:
    """Draw the computational graph of ``root`` (a :class:`bpnet.autodiff.Value`) on ``ax``, running its backward pass
    with the upstream gradient ``grad`` (:func:`bpnet.autodiff.backward_by_edge`; start from a graph whose grads are
    all 0, as after building it).

    Each value is a circle: an input shows its name, an operation its symbol (+, x, max). Above it: name = value;
    below it: the gradient, written v-bar (dC/dv for the value v), colored by its sign. Each edge, drawn from input to
    output, carries the gradient that flows back along it (upstream gradient times local derivative), colored by
    its sign; a stub right of ``root`` carries ``grad``. ``names`` maps a mathtext name ("a", "q") to a value of the
    graph; unnamed values are called v_1, v_2, ... in the order they were computed. ``positions`` (name -> (x, y),
    in data units) overrides the automatic layout of those values; without it, the named inputs are stacked top down in
    the order of ``names``.

    Returns the edges as (input name, output name, gradient carried), in the order the backward pass visited them.
    """
    order = topological_order(root)
    edges = backward_by_edge(root, grad)
    label = {id(v): name for name, v in (names or {}).items()}
    unnamed = (v for v in order if id(v) not in label)
    for i, v in enumerate(unnamed, 1):
        label[id(v)] = f"v_{{{i}}}"
    xy, r = _positions(root, names, positions, dx, dy), radius
    for u, v, g in edges:
        (x0, y0), (x1, y1) = xy[id(u)], xy[id(v)]
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        ax.annotate("", xy=(x1 - r * ux, y1 - r * uy), xytext=(x0 + r * ux, y0 + r * uy), zorder=1,
                    arrowprops=dict(arrowstyle="-|>", color="0.55", lw=1.3, shrinkA=0, shrinkB=0))
        _edge_label(ax, (x0 + x1) / 2, (y0 + y1) / 2, g, digits)
    xr, yr = xy[id(root)]
    ax.annotate("", xy=(xr + r + 1.1, yr), xytext=(xr + r, yr), zorder=1,
                arrowprops=dict(arrowstyle="-", color="0.55", lw=1.3, ls="--"))
    _edge_label(ax, xr + r + 0.6, yr, grad, digits)
    for v in order:
        x, y = xy[id(v)]
        name = label[id(v)]
        ax.add_patch(_circle((x, y), r, "0.3", "#fde2c8" if v.inputs else "#dbe9f6"))
        inside = OP_SYMBOLS.get(v.op, v.op) if v.inputs else name
        ax.text(x, y, f"${inside}$", fontsize=FONT + 1, ha="center", va="center", zorder=5)
        ax.text(x, y + r + 0.08, f"${name}={_num(v.data, digits)}$", fontsize=FONT, ha="center", va="bottom",
                zorder=5)
        ax.text(x, y - r - 0.08, f"$\\bar{{{name}}}={_num(v.grad, digits)}$", fontsize=FONT, ha="center", va="top",
                color=sign_color(v.grad), zorder=5)
    xlim, ylim = _limits(xy, r)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return [(label[id(u)], label[id(v)], g) for u, v, g in edges]


def draw_graphs(panels, *, grad: float = 1.0, ncols: int = 2, width: float = 7.2, dpi: int = 100,
                dx: float = 2.4, dy: float = 1.8, radius: float = 0.38, digits: int = 3) -> Figure:
    """A figure of small computational graphs side by side, ``ncols`` to a row, each drawn by :func:`draw_graph`
    with the same upstream gradient ``grad``. ``panels`` is a list of ``(title, root, names)``; each panel gets a
    width in proportion to its graph's, so that every graph is drawn at one scale."""
    import matplotlib.pyplot as plt

    panels = list(panels)
    rows = [panels[i:i + ncols] for i in range(0, len(panels), ncols)]
    extents = [[_limits(_positions(root, names, None, dx, dy), radius) for _, root, names in row] for row in rows]
    widths = [[x[1] - x[0] for x, _ in row] for row in extents]
    heights = [max(y[1] - y[0] for _, y in row) for row in extents]
    gap, head = 0.15, 0.3  # inches between panels, and above each for its title
    scale = min((width - gap * len(w)) / sum(w) for w in widths)  # inches per data unit: the widest row fills it
    inches = [h * scale + head for h in heights]
    fig = plt.figure(figsize=(width, sum(inches)), dpi=dpi)
    subfigs = fig.subfigures(len(rows), 1, height_ratios=inches, squeeze=False)[:, 0]
    for sub, row, w, h in zip(subfigs, rows, widths, inches):
        used = sum(w) * scale + gap * (len(w) - 1)  # a row narrower than the figure is centered
        sub.subplots_adjust(left=0.5 - used / width / 2, right=0.5 + used / width / 2, bottom=0, top=1 - head / h,
                            wspace=gap / (sum(w) * scale / len(w)))
        axes = sub.subplots(1, len(row), width_ratios=w, squeeze=False)[0]
        for ax, (title, root, names) in zip(axes, row):
            draw_graph(ax, root, names, grad=grad, digits=digits, dx=dx, dy=dy, radius=radius)
            ax.set_title(title, fontsize=FONT)
    return fig


def _edge_label(ax, x, y, g, digits):
    ax.text(x, y, f"$\\leftarrow{{{_num(g, digits)}}}$", fontsize=FONT, ha="center", va="center", color=sign_color(g),
            zorder=3, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.95))
