"""How the widgets write numbers: every number on screen is a string made here from one of bpnet's floats.

The documents carry these strings and the JavaScript only places them (it does no arithmetic on the model), so
one rule of significant digits holds everywhere: ``fmt(0.5, 4)`` is "0.5000", ``fmt(1.2e-5, 2)`` "1.2e-5".
Element ids and the book's symbols are :mod:`bpnet.notation`'s.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["fmt", "fmt_lr", "factor", "sum_text", "MAX_TERMS"]

MAX_TERMS = 4  #: longer sums show their first terms, "… (n terms)" and the result


def fmt(x: float, digits: int = 4) -> str:
    """``x`` with ``digits`` significant digits, trailing zeros kept ("0.5000"), exponent as "1.2e-5"."""
    return _fmt(float(x), int(digits))


@lru_cache(maxsize=65536)
def _fmt(x: float, digits: int) -> str:
    if not math.isfinite(x):
        return str(x)
    if x == 0.0:
        return "0"
    s = format(x, f"#.{digits}g")
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant.rstrip('.')}e{int(exp)}"
    return s.rstrip(".")


def fmt_lr(lr: float) -> str:
    """A learning rate as a reader would type it: 0.5, 0.001, 1e+02 -> "100"."""
    return format(float(lr), ".3g").replace("e+0", "e").replace("e-0", "e-")


def factor(s: str) -> str:
    """A formatted number as a factor of a product: a negative one in parentheses, 0.5·(-0.038)."""
    return f"({s})" if s.startswith("-") else s


def sum_text(terms: Sequence[str]) -> str:
    """Terms joined by " + "; more than :data:`MAX_TERMS` show the first ones and "… (n terms)"."""
    short = len(terms) <= MAX_TERMS
    return " + ".join(terms if short else terms[:MAX_TERMS - 1]) + ("" if short else f" + … ({len(terms)} terms)")
