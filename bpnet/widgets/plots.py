"""matplotlib figures for the widgets (cost curves, decision boundaries, cost surfaces), drawn off-screen.

Every figure is a ``matplotlib.figure.Figure`` on the Agg canvas (no pyplot state, nothing displayed by
accident) saved as PNG bytes without a timestamp, so the same numbers give the same bytes.
"""
from __future__ import annotations

import base64
import io

import numpy as np
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

__all__ = ["EXPLORER_SIZE", "png_bytes", "palette_png", "data_uri", "boundary_grid", "grid_png", "explorer_figure",
           "surface_figure", "extent_of"]

CMAP = "RdBu_r"  # diverging: class 0 blue, class 1 red, 0.5 white


def png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def palette_png(png: bytes, colors: int = 64) -> bytes:
    """The same picture with at most ``colors`` colors (no dithering): a contour plot's flat bands lose nothing
    visible and the file shrinks about four times (the book's pages carry it inline)."""
    from PIL import Image  # matplotlib's own dependency

    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def extent_of(X: np.ndarray, margin: float = 0.4) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) around the data with a margin, rounded to one decimal."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    return (round(float(lo[0]), 1), round(float(hi[0]), 1), round(float(lo[1]), 1), round(float(hi[1]), 1))


def boundary_grid(net, extent, n: int = 64) -> np.ndarray:
    """a^{(L)}_1 (the probability of class 1) on an n x n grid over extent; row 0 is the top (largest y)."""
    xs = np.linspace(extent[0], extent[1], n)
    ys = np.linspace(extent[3], extent[2], n)
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        out = net.predict(np.c_[gx.ravel(), gy.ravel()])
    p = out[:, 0] if out.shape[1] == 1 else out[:, 1]
    return p.reshape(n, n)


def grid_png(p: np.ndarray) -> bytes:
    """A small PNG of a probability grid in the diverging color map (lightened), one pixel per grid cell."""
    rgba = colormaps[CMAP](np.clip(p, 0, 1))
    rgba[..., :3] = 0.55 * rgba[..., :3] + 0.45  # pale, so that the data points stay visible
    fig = Figure(figsize=(p.shape[1] / 100, p.shape[0] / 100), dpi=100)
    fig.figimage((rgba * 255).astype(np.uint8), resize=False)
    return png_bytes(fig)


EXPLORER_SIZE = (8.0, 3.4)  #: the explorer's figure in inches; at 80 dpi, 640 x 272 CSS pixels


def explorer_figure(X, Y, extent, grid, costs, title: str = "", dpi: int = 80) -> bytes:
    """Decision boundary with the data (left) and the training cost per epoch (right) as PNG bytes, ``dpi`` pixels
    per inch of :data:`EXPLORER_SIZE` (the live widget draws at twice its CSS size, for high-dpi screens)."""
    fig = Figure(figsize=EXPLORER_SIZE, dpi=dpi)
    ax, bx = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
    if grid is not None:
        ax.imshow(grid, extent=extent, cmap=CMAP, vmin=0, vmax=1, alpha=0.45, aspect="auto")
        ax.contour(np.linspace(extent[0], extent[1], grid.shape[1]), np.linspace(extent[3], extent[2], grid.shape[0]),
                   grid, levels=[0.5], colors="k", linewidths=1)
    labels = Y[:, 0] if Y.shape[1] == 1 else Y.argmax(axis=1)
    ax.scatter(X[:, 0], X[:, 1], c=labels, cmap=CMAP, vmin=0, vmax=1, s=12, edgecolors="w", linewidths=0.4)
    ax.set(xlim=extent[:2], ylim=extent[2:], title="decision boundary (a = 0.5)")
    if costs:
        bx.plot(np.arange(len(costs)), costs, color="#b2182b")
    bx.set(xlabel="epoch", ylabel="cost C", title="training cost", ylim=(0, None))
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return png_bytes(fig)


def surface_figure(grid, extent, names, path=None, title: str = "", size=(5.0, 4.2), dpi=80):
    """Contours of the cost over two weights, optionally a descent path; returns (png, axes box in pixels, to_px).

    ``to_px(w1, w2)`` maps weight values to pixel coordinates of the PNG (origin top-left), so that a browser
    can draw a path over the image without doing any arithmetic on the model.
    """
    fig = Figure(figsize=size, dpi=dpi)
    ax = fig.add_axes([0.14, 0.13, 0.82, 0.78])
    g = np.maximum(grid, np.min(grid[grid > 0]) if np.any(grid > 0) else 1e-12)
    levels = np.geomspace(g.min(), g.max(), 16)
    xs, ys = np.linspace(extent[0], extent[1], grid.shape[1]), np.linspace(extent[2], extent[3], grid.shape[0])
    ax.contourf(xs, ys, g, levels=levels, norm=LogNorm(), cmap="viridis", alpha=0.85)
    ax.contour(xs, ys, g, levels=levels, norm=LogNorm(), colors="w", linewidths=0.5)
    if path is not None and len(path):
        ax.plot(path[:, 0], path[:, 1], "o-", color="k", ms=3, lw=1.2)
    ax.set(xlim=extent[:2], ylim=extent[2:], xlabel=names[0], ylabel=names[1], title=title or "cost C over two weights")
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    H = fig.get_size_inches()[1] * dpi
    (x0, y0), (x1, y1) = ax.transData.transform([(extent[0], extent[2]), (extent[1], extent[3])])
    box = [round(float(x0), 1), round(float(H - y1), 1), round(float(x1 - x0), 1), round(float(y1 - y0), 1)]

    def to_px(w1: float, w2: float) -> str:
        px, py = ax.transData.transform((w1, w2))
        return f"{px:.1f},{H - py:.1f}"

    return png_bytes(fig), box, to_px
