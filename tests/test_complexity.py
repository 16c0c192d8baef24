"""bpnet.complexity: the operation counts of Chapter 6 are exact, and both counted algorithms give bpnet's gradient."""
import numpy as np
import pytest

from bpnet import Network, complexity, gradcheck, relative_error

SIZES = [[2, 2, 1], [2, 3, 3, 1], [3, 2, 4, 2], [2, 3, 3, 3, 2]]


def test_parameter_counts():
    assert complexity.n_weights([2, 3, 1]) == 9
    assert complexity.n_parameters([2, 3, 1]) == 13
    assert complexity.path_count([2, 3, 4, 5], 1) == 20
    assert complexity.path_count([2, 3, 4, 5], 3) == 1
    with pytest.raises(ValueError, match="layer"):
        complexity.path_count([2, 3, 1], 0)


def test_closed_forms_small_network():
    # [2, 2, 1]: output delta 1, hidden delta 2*1 + 2, weight gradients 4 + 2
    assert complexity.backprop_multiplications([2, 2, 1]) == 1 + 4 + 6
    # first layer: 4 weights * (2 paths? no: 1 path of 1 edge -> 2 mults, + 2); second layer: 2 weights * 2
    assert complexity.naive_multiplications([2, 2, 1]) == 4 * (1 * 2 + 2) + 2 * 2
    assert complexity.forward_multiplications([2, 2, 1]) == 6


@pytest.mark.parametrize("sizes", SIZES)
def test_counted_algorithms_match_formulas_and_bpnet(sizes):
    net = Network(sizes, seed=3)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])
    want = net.gradients(x, y).weights
    naive, n_naive = complexity.naive_path_gradients(net, x, y)
    bp, n_bp = complexity.backprop_scalar(net, x, y)
    assert n_naive == complexity.naive_multiplications(sizes)
    assert n_bp == complexity.backprop_multiplications(sizes)
    for g, h, w in zip(naive, bp, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(h, w, rtol=1e-12, atol=1e-15)


def test_naive_grows_exponentially_backprop_linearly():
    deep = [[3] * d for d in range(2, 9)]
    naive = [complexity.naive_multiplications(s) for s in deep]
    bp = [complexity.backprop_multiplications(s) for s in deep]
    assert all(b2 - b1 == bp[1] - bp[0] for b1, b2 in zip(bp[1:], bp[2:]))  # linear in depth
    assert all(n2 > 2.5 * n1 for n1, n2 in zip(naive[2:], naive[3:]))  # ~ 3x per layer


def test_path_sum_rejects_softmax():
    net = Network([2, 2, 2], output_activation="softmax", loss="cross_entropy", seed=0)
    with pytest.raises(ValueError, match="squared error"):
        complexity.naive_path_gradients(net, [0.1, 0.2], [1.0, 0.0])


def test_expression_size_grows_and_cse_shrinks_it():
    sizes = [[2, 2, 1], [2, 2, 2, 1], [2, 2, 2, 2, 1]]
    full = [complexity.expression_size(s) for s in sizes]
    shared = [complexity.expression_size(s, cse=True) for s in sizes]
    assert full[0] < full[1] < full[2]
    assert all(c < f for c, f in zip(shared, full))
    assert complexity.expression_size([2, 2, 1]) == complexity.expression_size([2, 2, 1])  # deterministic
    with pytest.raises(ValueError, match="layer"):
        complexity.expression_size([2, 2, 1], layer=3)


def test_time_gradient_methods_rows():
    rows = complexity.time_gradient_methods([[3, 4, 1], [3, 5, 5, 2]], repeats=1, n_examples=8)
    assert [r["n_params"] for r in rows] == [complexity.n_parameters([3, 4, 1]), complexity.n_parameters([3, 5, 5, 2])]
    assert [r["fd_passes"] for r in rows] == [2 * r["n_params"] + 1 for r in rows]
    assert set(rows[0]) >= {"sizes", "fd_time", "backprop_time", "ratio", "forward_time", "backprop_passes",
                            "rel_error", "fd_gradient", "backprop_gradient"}
    for r in rows:
        fd, bp = r["fd_gradient"], r["backprop_gradient"]
        assert fd.shape == bp.shape == (r["n_params"],)
        # rel_error is the book's one relative error (elementwise maximum), of exactly these two gradients
        assert r["rel_error"] == relative_error(fd, bp)
        assert r["rel_error"] < gradcheck.TOLERANCE


def test_time_gradient_methods_look_closer_is_round_off():
    # Chapter 6's story: on its timing networks the relative error can land in the "look closer" band, only
    # through tiny entries whose central difference carries an absolute rounding error
    rows = complexity.time_gradient_methods([[8, 8, 8, 1]], repeats=1, n_examples=32, seed=0)
    r = rows[0]
    assert gradcheck.verdict(r["rel_error"]) in ("correct", "look closer")
    fd, bp = r["fd_gradient"], r["backprop_gradient"]
    assert np.max(np.abs(fd - bp)) < 1e-10
    above = [abs(b) for f, b in zip(fd, bp) if relative_error(f, b) > gradcheck.TOLERANCE]
    assert max(above, default=0.0) < 1e-4 < np.median(np.abs(bp))


def test_time_loss_evaluation_rows():
    sizes = [[3, 4, 1], [3, 5, 5, 2]]
    rows = complexity.time_loss_evaluation(sizes, repeats=2, n_examples=8)
    assert [r["sizes"] for r in rows] == sizes
    assert [r["n_params"] for r in rows] == [complexity.n_parameters(s) for s in sizes]
    assert all(0 < r["eval_time"] < 1 for r in rows)
