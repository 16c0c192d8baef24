"""The Chapter 6 checkers accept the right counts and reject wrong ones with a hint."""
import sympy as sp

from bpnet import complexity
from bpnet.exercises import check_backprop_multiplications, check_fd_passes, check_naive_first_layer

n0, n1, n2 = sp.symbols("n_0 n_1 n_2")
n, L = sp.symbols("n L")


def _wrong(result, word):
    assert result.correct is False
    assert "Hint" in result.message and word in result.message


def test_fd_passes():
    assert check_fd_passes(2 * (n0 * n1 + n1 + n1 * n2 + n2) + 1).correct
    _wrong(check_fd_passes(2 * (n0 * n1 + n1 * n2) + 1), "biases")
    _wrong(check_fd_passes(2 * (n0 * n1 + n1 + n1 * n2 + n2)), "+ 1")
    _wrong(check_fd_passes(n0 * n1), "parameters")


def test_fd_passes_matches_complexity_module():
    expr = 2 * (n1 * (n0 + 1) + n2 * (n1 + 1)) + 1
    assert expr.subs({n0: 3, n1: 5, n2: 2}) == 2 * complexity.n_parameters([3, 5, 2]) + 1


def test_backprop_multiplications():
    right = n2 + n1 * n2 + n1 + n0 * n1 + n1 * n2
    assert check_backprop_multiplications(right).correct
    assert right.subs({n0: 3, n1: 5, n2: 2}) == complexity.backprop_multiplications([3, 5, 2])
    _wrong(check_backprop_multiplications(2 * n1 * n2 + n0 * n1), "φ′")  # plain_math: the book's symbols
    _wrong(check_backprop_multiplications(n2 + n1 * n2 + n1 + n0 * n1), "both")
    _wrong(check_backprop_multiplications(n0 * n1 * n2), "add up")


def test_naive_first_layer():
    right = 2 * (L - 1) * n ** (L - 1) + 2
    assert check_naive_first_layer(right).correct
    sizes = [3, 3, 3, 3]  # L = 3, n = 3
    later_layers = sum(9 * (complexity.path_count(sizes, l) * 2 * (3 - l) + 2) for l in (2, 3))
    assert right.subs({n: 3, L: 3}) * 9 + later_layers == complexity.naive_multiplications(sizes)
    _wrong(check_naive_first_layer((L - 1) * n ** (L - 1) + 2), "edges")
    _wrong(check_naive_first_layer(2 * (L - 1) * n ** (L - 1)), "two more")
    _wrong(check_naive_first_layer(n ** L), "paths")
    _wrong(check_naive_first_layer(sp.Symbol("q")), "do not belong")
