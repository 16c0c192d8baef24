"""Gradient checking with central differences (Chapter 9)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .errors import check_positive

if TYPE_CHECKING:
    from .network import Gradients, Network

__all__ = ["numerical_gradients", "central_differences", "relative_error", "TOLERANCE", "BUG_THRESHOLD", "verdict",
           "EXACT_TOLERANCE", "check_agreement"]

#: The book's one threshold story (Chapter 9), for bpnet's relative error between backprop and central
#: differences with eps = 1e-6 in float64: at most TOLERANCE passes; above BUG_THRESHOLD is a bug; between the
#: two, look closer (tiny gradient entries, whose round-off is absolute, or a kink such as ReLU at 0).
#: Against SymPy's exact derivatives there is no truncation error, and bpnet agrees to about 1e-12 or better.
TOLERANCE = 1e-6
BUG_THRESHOLD = 1e-3


def central_differences(net: Network, X: np.ndarray, Y: np.ndarray, eps: float, *, from_layer: bool = False
                        ) -> Iterator[tuple[str, int, tuple[int, ...], float, float]]:
    """(kind, l, index, C(p + eps), C(p - eps)) for every weight ("w") and bias ("b") p of code layer l, in order;
    X and Y already checked. Each parameter is restored exactly before the next one is nudged.

    ``from_layer=False`` runs the whole forward pass for each cost (the 2W forward passes counted in Chapter 6);
    ``from_layer=True`` starts it at a^(l), which a parameter of layer l cannot change: the same costs to the bit,
    fewer layers computed (the live widgets).
    """
    base = net.forward_unchecked(X) if from_layer else None
    for kind, group in (("w", net.weights), ("b", net.biases)):
        for l, p in enumerate(group):
            A, start = (base.activations[l], l) if from_layer else (X, 0)
            for idx in np.ndindex(p.shape):
                old = p[idx]
                try:
                    p[idx] = old + eps
                    plus = net.cost_unchecked(net.forward_unchecked(A, start), Y)
                    p[idx] = old - eps
                    minus = net.cost_unchecked(net.forward_unchecked(A, start), Y)
                finally:
                    p[idx] = old
                yield kind, l, idx, plus, minus


def numerical_gradients(net: Network, X, Y, eps: float = 1e-6) -> Gradients:
    """dC/dp ~ (C(p + eps) - C(p - eps)) / (2 eps) for every weight and bias p (Eq. 9.1).

    Costs 2 forward passes per parameter: 2W + 1 with the unperturbed one (Chapter 6). The network's
    parameters are restored exactly afterwards. ``deltas`` is left empty.
    """
    from .network import Gradients

    eps = check_positive(eps, "eps")
    trace = net.forward(X)
    X2 = trace.activations[0]
    Y2 = net.check_Y(Y, X2.shape[0])
    out = {"w": [np.zeros_like(w) for w in net.weights], "b": [np.zeros_like(b) for b in net.biases]}
    for kind, l, idx, plus, minus in central_differences(net, X2, Y2, eps):
        out[kind][l][idx] = (plus - minus) / (2 * eps)
    return Gradients(out["w"], out["b"])


def relative_error(a, b, floor: float = 1e-12) -> float:
    """The book's relative error, max_i |a_i - b_i| / max(|a_i|, |b_i|, floor) (Chapter 9, Eq. 9.2): the one
    definition every chapter, exercise and checker uses.
    See :data:`TOLERANCE` and :func:`verdict` for how to read it."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs arrays of one shape; received {a.shape} and {b.shape}")
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor), initial=0.0))


def verdict(err: float) -> str:
    """Chapter 9's reading of a relative error against central differences: "correct" (at most
    :data:`TOLERANCE`), "look closer" (up to :data:`BUG_THRESHOLD`) or "a bug"."""
    if not np.isfinite(err):
        return "a bug"
    return "correct" if err <= TOLERANCE else "look closer" if err <= BUG_THRESHOLD else "a bug"


#: How close each kind of reference must be: SymPy is exact (only round-off separates it from backprop); central
#: differences carry their own round-off, read by the threshold story above.
EXACT_TOLERANCE = 1e-10
REFERENCES = {"sympy": ("SymPy", EXACT_TOLERANCE), "exact": ("the exact value", EXACT_TOLERANCE),
              "finite_differences": ("finite differences", TOLERANCE)}


def _flat(g) -> np.ndarray:
    return g.flat() if hasattr(g, "flat") and callable(g.flat) else np.ravel(np.asarray(g, dtype=np.float64))


def check_agreement(result, name: str = "backprop", **references) -> None:
    """The book's visible proof line: compare ``result`` (a :class:`~bpnet.Gradients`, an array or a number) with each
    reference given by keyword, ``sympy=``, ``exact=`` (at most EXACT_TOLERANCE) or ``finite_differences=`` (at most
    TOLERANCE), by :func:`relative_error`; raise AssertionError naming the one that disagrees, else print and return
    one line such as "✓ backprop = SymPy = finite differences (max relative error 2.2e-16 vs SymPy, 1.6e-07 vs
    finite differences)". Every check a chapter calls a proof prints this line (Chapter 9 explains the numbers). It
    returns None, so that a cell ending with the call shows the line once."""
    if not references:
        raise ValueError(f"check_agreement needs at least one reference, one of {', '.join(REFERENCES)}; received none")
    unknown = sorted(set(references) - set(REFERENCES))
    if unknown:
        raise ValueError(f"unknown reference {unknown[0]!r}; expected one of {', '.join(REFERENCES)}")
    got, parts = _flat(result), []
    for key, ref in references.items():
        label, tol = REFERENCES[key]
        want = _flat(ref)
        if want.shape != got.shape:
            raise ValueError(f"{name} has {got.size} entries and {label} {want.size}; they must match")
        err = relative_error(got, want)
        if not err <= tol:
            raise AssertionError(f"✗ {name} and {label} disagree: max relative error {err:.1e}, above {tol:.0e}")
        parts.append((label, err))
    line = (f"✓ {name} = " + " = ".join(label for label, _ in parts) + " (max relative error "
            + ", ".join(f"{err:.1e} vs {label}" for label, err in parts) + ")")
    print(line)
