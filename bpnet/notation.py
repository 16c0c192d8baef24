"""The book's notation in one place: element ids, and each symbol as Unicode, LaTeX and a SymPy name.

Layers count from 0 (the inputs) to L, as in the book; units are the 0-based indices of bpnet's arrays and are
written 1-based, so that w^{(l)}_{jk}, the weight to unit j of layer l from unit k of layer l-1 (Chapter 4), is
``net.weights[l - 1][j - 1, k - 1]``. A subscript of two indices is written without a separator (``12``) unless one
of them has two digits (``10,1``).

Element ids name the parts of the widgets' network diagram (the documents of :mod:`bpnet.widgets` and their
JavaScript): ``n{l}_{j}`` is unit j of layer l (its bias b^{(l)}_j lives on it), ``w{l}_{j}_{k}`` the weight
w^{(l)}_{jk}, ``b{l}_{j}`` the bias b^{(l)}_j as a parameter, ``c_{j}`` the link from output unit j to the cost
node ``cost``; the indices in an id are 0-based like the arrays.

The same symbol in three spellings::

    unicode("w", 2, 0, 1)   -> "w⁽²⁾₁₂"        (widgets' labels and equations)
    latex("w", 2, 0, 1)     -> "w^{(2)}_{12}"  (tables, figure labels; Markdown wraps it in $...$)
    sympy_name("w", 2, 0, 1) -> "w^{(2)}_{12}" (bpnet.symbolic: sympy.latex prints it as the book writes it)
"""
from __future__ import annotations

import re
from functools import lru_cache, partialmethod

__all__ = ["COST_ID", "node_id", "weight_id", "bias_id", "link_id", "parse_id", "index_text", "unicode", "latex",
           "sympy_name", "activation_symbol", "plain_math", "Names"]

COST_ID = "cost"  #: the id of the cost node
_ID = re.compile(r"([nwb])(\d+)_(\d+)(?:_(\d+))?")
_SUP = str.maketrans("0123456789-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁽⁾")
_SUB = str.maketrans("0123456789,", "₀₁₂₃₄₅₆₇₈₉,")
#: how the widgets' equations write each activation phi (Chapter 8): a^{(l)}_j = phi(z^{(l)}_j)
ACTIVATION_SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "identity": "id", "softmax": "softmax"}


# -- element ids -----------------------------------------------------------------------------------------------
def node_id(l: int, j: int) -> str:
    """The id of unit j (0-based) of layer l: ``n{l}_{j}``."""
    return f"n{l}_{j}"


def weight_id(l: int, j: int, k: int) -> str:
    """The id of w^{(l)}_{jk} = ``net.weights[l - 1][j, k]`` (j, k 0-based): ``w{l}_{j}_{k}``."""
    return f"w{l}_{j}_{k}"


def bias_id(l: int, j: int) -> str:
    """The id of the parameter b^{(l)}_j = ``net.biases[l - 1][j]`` (j 0-based): ``b{l}_{j}``."""
    return f"b{l}_{j}"


def link_id(j: int) -> str:
    """The id of the link from output unit j (0-based) to the cost node: ``c_{j}``."""
    return f"c_{j}"


def parse_id(eid: str) -> tuple[str, int, tuple[int, ...]]:
    """(kind, layer, 0-based indices) of a unit, weight or bias id: "w2_0_1" -> ("w", 2, (0, 1)), "b1_0" ->
    ("b", 1, (0,)), "n1_0" -> ("n", 1, (0,)). ValueError for anything else; the caller checks the ranges."""
    m = _ID.fullmatch(eid) if isinstance(eid, str) else None
    if m is None or (m[1] == "w") != (m[4] is not None):
        raise ValueError(f"expected an element id such as 'w1_0_0' or 'b2_0'; received {eid!r}")
    return m[1], int(m[2]), tuple(int(i) for i in m.groups()[2:] if i is not None)


# -- symbols ---------------------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def index_text(*idx: int, base: int = 1) -> str:
    """The subscript of 0-based indices counted from ``base``: (0, 1) -> "12", (9, 0) -> "10,1"."""
    parts = [str(i + base) for i in idx]
    return ("," if any(len(p) > 1 for p in parts) else "").join(parts)


@lru_cache(maxsize=4096)
def unicode(letter: str, layer: int | None, *idx: int, base: int = 1) -> str:
    """``letter`` with the layer as a superscript and the units as a subscript: ("w", 2, 0, 1) -> "w⁽²⁾₁₂";
    ("x", None, 0) -> "x₁"; with no index, the layer's symbol alone: ("a", 2) -> "a⁽²⁾"."""
    sup = "" if layer is None else f"({layer})".translate(_SUP)
    return f"{letter}{sup}{index_text(*idx, base=base).translate(_SUB)}"


def latex(letter: str, layer: int | None, *idx: int) -> str:
    """The LaTeX symbol, units shown 1-based: ("w", 2, 0, 1) -> "w^{(2)}_{12}"; ("x", None, 1) -> "x_{2}"."""
    sup = "" if layer is None else f"^{{({layer})}}"
    return f"{letter}{sup}_{{{index_text(*idx)}}}"


def sympy_name(letter: str, layer: int | None, *idx: int) -> str:
    """The name of the SymPy symbol for the same quantity: its LaTeX (``"\\delta"`` for delta), so that
    ``sympy.latex`` writes an expression in the book's symbols."""
    return latex(letter, layer, *idx)


def activation_symbol(name: str) -> str:
    """How the widgets write activation ``name``: "σ" for the sigmoid, "tanh", "relu", "id", "softmax"."""
    return ACTIVATION_SYMBOLS.get(name, name)


_SUP_LETTERS = {"L": "ᴸ", "l": "ˡ"}
_SUB_LETTERS = {"j": "ⱼ", "k": "ₖ", "i": "ᵢ", "x": "ₓ"}
_PLAIN = [  # (pattern, replacement), in order
    (re.compile(r"\^\{?\(([0-9]+|[Ll](?:-1)?)\)\}?"),
     lambda m: "".join(_SUP_LETTERS.get(c, c) for c in f"({m[1]})").translate(_SUP)),
    (re.compile(r"_\{([0-9,]+|[ijk]+)\}"), lambda m: "".join(_SUB_LETTERS.get(c, c) for c in m[1]).translate(_SUB)),
    (re.compile(r"_([0-9]{1,2}|[ijkx])(?![0-9A-Za-z])"),
     lambda m: "".join(_SUB_LETTERS.get(c, c) for c in m[1]).translate(_SUB)),
    (re.compile(r"(?<![A-Za-z])d([A-Za-z][^\s/]*)/d([A-Za-z])"), r"∂\1/∂\2"),
    (re.compile(r"\b(sigma|phi|tanh)'"), lambda m: {"sigma": "σ", "phi": "φ"}.get(m[1], m[1]) + "′"),
    (re.compile(r"\bsigma(?=\()"), "σ"),
    (re.compile(r"\bdelta(?=⁽)"), "δ"),
    (re.compile(r"\beta\b"), "η"),
    (re.compile(r"\blambda\b"), "λ"),
]


def plain_math(text: str) -> str:
    """The plain-text mathematics of a checker's message in the book's symbols: "dC/dw^{(2)}_{12}" -> "∂C/∂w⁽²⁾₁₂",
    "a^{(2)}_1 (1 - a^{(2)}_1)" -> "a⁽²⁾₁ (1 - a⁽²⁾₁)", "sigma'(z)" -> "σ′(z)", "delta^{(L)}" -> "δ⁽ᴸ⁾". Text with
    none of these forms comes back unchanged; so does anything else (code such as ``net.W(1)``)."""
    for pattern, replacement in _PLAIN:
        text = pattern.sub(replacement, text)
    return text


class Names:
    """Unicode symbols with units counted from ``index_base``: ``Names().w(2, 0, 1)`` -> "w⁽²⁾₁₂" (:func:`unicode`)."""

    def __init__(self, index_base: int = 1):
        self.base = int(index_base)

    def i(self, *idx: int) -> str:
        """The Unicode subscript alone: ``i(0, 1)`` -> "₁₂"."""
        return unicode("", None, *idx, base=self.base)

    def sym(self, letter: str, l: int | None, *idx: int) -> str:
        """``letter`` of layer ``l`` (None: no layer) and units ``idx``."""
        return unicode(letter, l, *idx, base=self.base)

    a, z, d = partialmethod(sym, "a"), partialmethod(sym, "z"), partialmethod(sym, "δ")
    w, b = partialmethod(sym, "w"), partialmethod(sym, "b")
    x, y = partialmethod(sym, "x", None), partialmethod(sym, "y", None)
