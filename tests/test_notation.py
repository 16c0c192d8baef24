"""bpnet.notation: element ids and the book's symbols, written in one place and used by every module."""
from __future__ import annotations

import pathlib
import re

import pytest

import bpnet
from bpnet import notation as nt
from bpnet.surface import weight_label
from bpnet.symbolic import SymbolicNetwork
from bpnet.tables import symbol

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_ids_and_their_parse():
    ids = nt.node_id(1, 0), nt.weight_id(2, 0, 1), nt.bias_id(1, 1), nt.link_id(0)
    assert ids == ("n1_0", "w2_0_1", "b1_1", "c_0")
    for eid, parsed in [("w2_0_1", ("w", 2, (0, 1))), ("b1_0", ("b", 1, (0,))), ("n0_3", ("n", 0, (3,))),
                        ("w12_10_11", ("w", 12, (10, 11)))]:
        assert nt.parse_id(eid) == parsed
    for bad in ["w1_0", "b1_0_0", "n1", "x1_0", "w1_0_0_0", "w-1_0_0", "", None, 3, "cost", "c_0"]:
        with pytest.raises(ValueError, match="element id"):
            nt.parse_id(bad)


def test_one_subscript_rule_in_three_spellings():
    assert nt.index_text(0, 1) == "12" and nt.index_text(9, 0) == "10,1" and nt.index_text(0, base=0) == "0"
    assert nt.unicode("w", 2, 0, 1) == "w⁽²⁾₁₂" and nt.unicode("w", 1, 9, 0) == "w⁽¹⁾₁₀,₁"
    assert nt.unicode("x", None, 0) == "x₁" and nt.unicode("a", 2) == "a⁽²⁾"
    assert nt.latex("w", 2, 0, 1) == "w^{(2)}_{12}" and nt.latex("x", None, 1) == "x_{2}"
    assert nt.sympy_name("\\delta", 3, 11) == "\\delta^{(3)}_{12}"
    names = nt.Names()
    assert (names.a(1, 0), names.z(2, 1), names.d(2, 0), names.b(1, 1), names.x(0), names.y(1), names.i(0, 1)) == \
        ("a⁽¹⁾₁", "z⁽²⁾₂", "δ⁽²⁾₁", "b⁽¹⁾₂", "x₁", "y₂", "₁₂")
    assert nt.Names(0).w(2, 0, 1) == "w⁽²⁾₀₁"
    assert [nt.activation_symbol(n) for n in ("sigmoid", "tanh", "identity", "swish")] == ["σ", "tanh", "id", "swish"]


def test_tables_surface_and_symbolic_write_the_same_symbols():
    sym = SymbolicNetwork([2, 12, 3])
    for l, j, k in [(1, 0, 1), (1, 11, 0), (2, 2, 10)]:
        latex = nt.latex("w", l, j, k)
        assert symbol("w", l, j, k) == weight_label((l, j, k)) == str(sym.weights[l - 1][j, k]) == latex
    assert str(sym.delta_symbols[0][10]) == symbol("\\delta", 1, 10) == "\\delta^{(1)}_{11}"
    assert str(sym.inputs[1]) == symbol("x", None, 1) and str(sym.biases[1][0]) == "b^{(2)}_{1}"
    net, x, y = bpnet.worked_example()
    from bpnet.widgets.stepper import stepper_trace

    doc = stepper_trace(net, x, y)
    assert {e["id"]: e["name"] for e in doc["edges"]}["w2_0_1"] == nt.unicode("w", 2, 0, 1)


# an element id or a symbol built by hand: f"w{l}_{j}_{k}", f"n{...}_...", "^{(" + ... + ")}" in an f-string
BY_HAND = re.compile(r"""f["'](?:[nwb]\{[^}]*\}_|c_\{)|f["'][^"']*\^\{\{\(""")


def test_no_module_builds_an_id_or_a_symbol_by_hand():
    found = [f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
             for p in ROOT.glob("bpnet/**/*.py") if p.name != "notation.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if BY_HAND.search(line)]
    assert not found, "use bpnet.notation:\n" + "\n".join(found)


def test_plain_math_writes_the_books_symbols():
    from bpnet.notation import plain_math

    assert plain_math("dC/dw^{(2)}_{12}") == "∂C/∂w⁽²⁾₁₂"
    assert plain_math("dz^{(2)}_1/dw^{(2)}_{12} = a^{(1)}_2") == "∂z⁽²⁾₁/∂w⁽²⁾₁₂ = a⁽¹⁾₂"
    assert plain_math("sigma'(z) = sigma(z)(1 - sigma(z))") == "σ′(z) = σ(z)(1 - σ(z))"
    assert plain_math("delta^{(L)} = (a - y) phi'(z)") == "δ⁽ᴸ⁾ = (a - y) φ′(z)"
    assert plain_math("dC_x/dz_1, 1 - eta*lambda, w^{(l)}_{jk}") == "∂Cₓ/∂z₁, 1 - η*λ, w⁽ˡ⁾ⱼₖ"
    for code in ("net.W(1)", "sympy.diff", "n_in + n_out", "d/dx", "beta", "x.grad", "W^T"):
        assert plain_math(code) == code
