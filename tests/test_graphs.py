"""bpnet.graphs (and what it draws from: complexity.path_terms / path_products, autodiff.backward_by_edge and the max
gate): every number in the drawings is bpnet's, and the drawings are readable on the book's page."""
from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy as sp  # noqa: E402

import bpnet  # noqa: E402
from bpnet import complexity  # noqa: E402
from bpnet.autodiff import Value, backward_by_edge, topological_order  # noqa: E402
from bpnet.figures import MIN_TEXT_PX, smallest_text_px  # noqa: E402
from bpnet.graphs import NEGATIVE, POSITIVE, ZERO, draw_graph, draw_graphs, draw_paths, sign_color  # noqa: E402


@pytest.fixture(scope="module")
def example():
    net = bpnet.Network([2, 3, 3, 1], seed=1)
    return net, np.array([0.5, -0.3]), np.array([1.0])


def test_path_terms_add_up_to_the_gradient(example):
    net, x, y = example
    g = net.gradients(x, y)
    for l in range(1, net.n_layers + 1):
        for j, k in itertools.product(range(net.sizes[l]), range(net.sizes[l - 1])):
            terms = complexity.path_terms(net, x, y, l, j, k)
            assert len(terms) == complexity.path_count(net.sizes, l)
            assert all(t["units"][0] == j and len(t["factors"]) == net.n_layers - l + 2 for t in terms)
            assert all(t["term"] == pytest.approx(np.prod(t["factors"]), rel=1e-15) for t in terms)
            assert sum(t["term"] for t in terms) == pytest.approx(g.dW(l)[j, k], rel=1e-12, abs=1e-18)


def test_path_terms_factors_are_the_chapter_6_factors(example):
    net, x, y = example
    tr = net.forward(x)
    t = complexity.path_terms(net, x, y, 1, 0, 1)[1]  # the path 1 -> 2 -> 1 (0-based units 0, 1, 0)
    assert t["units"] == (0, 1, 0)
    sp_ = [net.activation_of(m).derivative(z[0]) for m, z in enumerate(tr.zs)]
    want = [x[1] * sp_[0][0], net.W(2)[1, 0] * sp_[1][1], net.W(3)[0, 1] * sp_[2][0], tr.a(3)[0, 0] - y[0]]
    np.testing.assert_allclose(t["factors"], want, rtol=1e-15)
    with pytest.raises(ValueError, match="j must be a 0-based unit of layer 1"):
        complexity.path_terms(net, x, y, 1, 3, 0)


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 2, 2, 1], [2, 3, 3, 3, 3, 1], [3] * 11])
def test_path_products_count_every_weight_and_path(sizes):
    want = sum(sizes[l] * sizes[l - 1] * complexity.path_count(sizes, l) for l in range(1, len(sizes)))
    assert complexity.path_products(sizes) == want
    L = len(sizes) - 1  # each path product costs 2 (L - l) multiplications, each weight 2 more
    assert complexity.naive_multiplications(sizes) == sum(
        sizes[l] * sizes[l - 1] * (complexity.path_count(sizes, l) * 2 * (L - l) + 2) for l in range(1, L + 1))
    if len(sizes) <= 4:
        net = bpnet.Network(sizes, seed=0)
        x, y = np.ones(sizes[0]), np.zeros(sizes[-1])
        assert complexity.path_products(sizes) == sum(
            len(complexity.path_terms(net, x, y, l, j, k))
            for l in range(1, L + 1) for j, k in itertools.product(range(sizes[l]), range(sizes[l - 1])))


def test_draw_paths_one_panel_per_path_and_the_sum_in_the_title(example):
    net, x, y = example
    fig = draw_paths(net, x, y, 1, 0, 0)
    terms = complexity.path_terms(net, x, y, 1, 0, 0)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert len(shown) == len(terms) == 3
    for ax, t in zip(shown, terms):
        assert ax.get_title().endswith(f"$= {t['term']:.3g}$")
        assert ax.title.get_color() == sign_color(t["term"])
    total = net.gradients(x, y).dW(1)[0, 0]
    assert f"{total:.3g}" in fig.get_suptitle()
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    plt.close(fig)


def test_backward_by_edge_is_backward_with_each_edge_apart():
    a, b = Value(2.0), Value(-3.0)
    d = a * b
    c = d + a
    edges = {(u, v): g for u, v, g in backward_by_edge(c)}
    assert edges == {(d, c): 1.0, (a, c): 1.0, (a, d): -3.0, (b, d): 2.0}
    a2, b2 = Value(2.0), Value(-3.0)
    (a2 * b2 + a2).backward()
    assert (a.grad, b.grad, d.grad, c.grad) == (a2.grad, b2.grad, 1.0, 1.0) == (-2.0, 2.0, 1.0, 1.0)
    for v in topological_order(c)[:-1]:  # every grad is the sum of what its edges carried
        assert v.grad == sum(g for (u, _), g in edges.items() if u is v)
    A, B = sp.symbols("a b")
    assert [a.grad, b.grad] == [float(sp.diff(A * B + A, s).subs({A: 2, B: -3})) for s in (A, B)]


def test_backward_by_edge_seeds_the_upstream_gradient_and_merges_a_repeated_input():
    x = Value(3.0)
    f = x * x
    assert backward_by_edge(f, grad=2.0) == [(x, f, 12.0)] and f.grad == 2.0 and x.grad == 12.0


@pytest.mark.parametrize("s, o, grads", [(2.0, -1.0, (2.0, 0.0)), (-1.0, 2.0, (0.0, 2.0)), (1.0, 1.0, (2.0, 0.0))])
def test_the_max_gate_routes_the_gradient_to_the_larger_input(s, o, grads):
    u, v = Value(s), Value(o)
    m = u.max(v)
    assert m.data == max(s, o) and m.op == "max" and m.inputs == (u, v)
    backward_by_edge(m, grad=2.0)
    assert (u.grad, v.grad) == grads
    if s != o:  # SymPy's derivative of Max is a step function, undefined at the tie
        S, O = sp.symbols("s o")
        assert [2 * float(sp.diff(sp.Max(S, O), q).subs({S: s, O: o})) for q in (S, O)] == list(grads)


def test_draw_graph_labels_values_gradients_and_edges():
    a, b = Value(2.0), Value(-3.0)
    d = a * b
    c = d + a
    fig, ax = plt.subplots(figsize=(5.5, 3), dpi=100)
    edges = draw_graph(ax, c, {"a": a, "b": b, "d": d, "c": c})
    assert edges == [("d", "c", 1.0), ("a", "c", 1.0), ("a", "d", -3.0), ("b", "d", 2.0)]
    texts = {t.get_text(): t for t in ax.texts}
    for want in ("$a=2$", "$b=-3$", "$d=-6$", "$c=-4$", r"$\bar{a}=-2$", r"$\bar{b}=2$", r"$\leftarrow{-3}$"):
        assert want in texts
    assert texts[r"$\bar{a}=-2$"].get_color() == NEGATIVE and texts[r"$\bar{b}=2$"].get_color() == POSITIVE
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    plt.close(fig)


def test_draw_graph_lays_a_long_edge_level_and_names_the_unnamed():
    a, b = Value(2.0), Value(-3.0)
    c = a * b + a
    fig, ax = plt.subplots()
    edges = draw_graph(ax, c, {"a": a, "b": b})
    assert [e[:2] for e in edges] == [("v_{1}", "v_{2}"), ("a", "v_{2}"), ("a", "v_{1}"), ("b", "v_{1}")]
    circles = sorted((p.center for p in ax.patches), key=lambda xy: xy[0])
    (xa, ya), (xb, yb), (xd, yd), (xc, yc) = sorted(circles[:2], key=lambda xy: -xy[1]) + circles[2:]
    assert yc == ya and yd == yb  # a -> c drawn level; the product moved off it
    plt.close(fig)


def test_draw_graphs_four_gates_at_one_scale():
    panels = []
    for title, make in [("add", lambda x, y: x + y), ("multiply", lambda x, y: x * y),
                        ("max", lambda x, y: x.max(y)), ("fork", lambda x, y: x * y + (x + Value(2.0)))]:
        x, y = Value(3.0), Value(-4.0)
        panels.append((title, make(x, y), {"x": x, "y": y}))
    fig = draw_graphs(panels, grad=2.0)
    grads = [(n["x"].grad, n["y"].grad) for _, _, n in panels]
    assert grads == [(2.0, 2.0), (-8.0, 6.0), (2.0, 0.0), (-6.0, 6.0)]
    assert [ax.get_title() for ax in fig.axes] == ["add", "multiply", "max", "fork"]
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    plt.close(fig)


def test_sign_color():
    assert (sign_color(1e-300), sign_color(-2.0), sign_color(0.0)) == (POSITIVE, NEGATIVE, ZERO)
