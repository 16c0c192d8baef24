"""Errors raised by bpnet and the input checks that raise them.

Every check names what was expected and what was received, so that a learner who passes
the wrong shape or a NaN reads the fix in the message instead of meeting a NaN later.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["DivergenceError", "as_float_array", "check_finite", "check_choice", "check_positive", "check_int",
           "check_sizes"]


class DivergenceError(RuntimeError):
    """Training produced a NaN or infinite cost (Chapter 7: a learning rate that is too large)."""

    def __init__(self, epoch: int, cost: float, lr: float):
        self.epoch, self.cost, self.lr = epoch, cost, lr
        super().__init__(
            f"training diverged at epoch {epoch}: the cost became {cost} with learning rate "
            f"eta = {lr:g}. Lower the learning rate (try eta = {lr / 10:g}); the network was left "
            "at its last parameters with a finite cost."
        )


def as_float_array(value, name: str) -> np.ndarray:
    """Convert to a float64 array, or raise ValueError naming ``name``."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of numbers; received {type(value).__name__} ({exc})") from None
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ValueError if ``arr`` holds NaN or inf, saying where the first one is."""
    # Fast path: NaN and inf propagate through a sum, so a finite sum proves every entry finite. (A sum can also
    # overflow with every entry finite; the elementwise test below then finds nothing and passes.)
    if np.isfinite(np.sum(arr)):
        return
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad)
        raise ValueError(
            f"{name} must contain only finite numbers; received {arr[where]} at index "
            f"{where if len(where) != 1 else where[0]}"
        )


def check_choice(value: str, valid: Iterable[str], what: str) -> str:
    """Return ``value`` if it is one of ``valid``; otherwise list the valid names."""
    valid = list(valid)
    if not isinstance(value, str) or value not in valid:
        raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(map(repr, valid))}")
    return value


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float if it is a positive finite number."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive finite number; received {value!r}") from None
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a positive finite number; received {value!r}")
    return v


def check_int(value, name: str, lo: int = 1, hi: int | None = None, *, expected: str | None = None) -> int:
    """Return ``value`` as an int if it is an integer (a NumPy integer too, never a bool) from ``lo`` to ``hi``.

    Otherwise raise ValueError "{name} must be {expected}; received {value!r}", where ``expected`` says by default
    "a positive integer" (lo = 1), "a non-negative integer" (lo = 0), "an integer >= lo" or "an integer from lo
    to hi"; pass it to say more, e.g. "a positive integer or None (full batch)".
    """
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if not ok or value < lo or (hi is not None and value > hi):
        if expected is None:
            expected = (f"an integer from {lo} to {hi}" if hi is not None else
                        {1: "a positive integer", 0: "a non-negative integer"}.get(lo, f"an integer >= {lo}"))
        raise ValueError(f"{name} must be {expected}; received {value!r}")
    return int(value)


def check_sizes(sizes) -> tuple[int, ...]:
    """Return the layer widths ``sizes`` (input first, e.g. [2, 3, 1]) as a tuple of ints: at least two layers,
    each of width >= 1. Whole floats such as 3.0 are accepted; anything else raises ValueError."""
    try:
        out = tuple(int(s) for s in sizes)
        ok = all(float(s) == int(s) for s in sizes)
    except (TypeError, ValueError):
        raise ValueError(f"sizes must be a sequence of layer widths such as [2, 3, 1]; received {sizes!r}") from None
    if not ok or len(out) < 2 or min(out) < 1:
        raise ValueError(
            "sizes must list at least two layers (input and output), each of width >= 1, e.g. [2, 3, 1]; "
            f"received {list(sizes)!r}"
        )
    return out
