"""What one gradient costs: the naive sum over paths, SymPy expansion, finite differences, backprop (Chapter 6).

For one example and a network with widths n_0, ..., n_L (sigmoid units, squared error), the chain rule gives

    dC_x/dw^{(l)}_{jk} = a^{(l-1)}_k phi'(z^{(l)}_j) sum_{paths j -> i} [prod_{edges} w phi'(z)] (a^{(L)}_i - y_i),

a sum over every path from unit j of layer l to an output unit i (Chapter 6, equation eq-ch06-paths), where phi is
the network's elementwise activation (the sigmoid sigma in the book's examples). Evaluated weight by weight this
repeats the same path products over and over; backpropagation computes each delta^{(l)}_j -- the sum over paths
from unit j onwards -- once and reuses it (dynamic programming, Chapter 6, equation eq-ch06-recursion). The
functions here count the multiplications of both schemes, carry them out with a counter (so the counts are
checked, not just claimed), measure the SymPy expression of the gradient, and time finite differences against
backprop. P is the number of parameters (weights and biases).
"""
from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from functools import partial

import numpy as np
import sympy as sp

from .errors import check_int, check_sizes
from .gradcheck import numerical_gradients, relative_error
from .network import Network

__all__ = [
    "n_weights", "n_parameters", "path_count", "path_products", "path_terms", "forward_multiplications",
    "backprop_multiplications", "naive_multiplications", "naive_path_gradients", "backprop_scalar", "sigma_prime",
    "path_sum", "delta_recursive", "expression_size", "time_gradient_methods", "time_loss_evaluation",
]

#: The sigmoid's derivative sigma' as an undefined SymPy function, so the path products of a sigmoid
#: :class:`~bpnet.symbolic.SymbolicNetwork` read as in Chapter 6's path sum (eq-ch06-paths): sigma'(z^{(2)}_{1}) ...
sigma_prime = sp.Function("\\sigma'")


def n_weights(sizes: Sequence[int]) -> int:
    """The number of weights, sum_l n_l n_{l-1}."""
    s = check_sizes(sizes)
    return sum(a * b for a, b in zip(s, s[1:]))


def n_parameters(sizes: Sequence[int]) -> int:
    """P, the number of weights and biases, sum_l n_l (n_{l-1} + 1): finite differences need 2P + 1 passes."""
    s = check_sizes(sizes)
    return n_weights(s) + sum(s[1:])


def path_count(sizes: Sequence[int], l: int) -> int:
    """The number of paths from one unit of layer l to the output layer: prod_{m=l+1}^{L} n_m."""
    s = check_sizes(sizes)
    l = check_int(l, "l", 1, len(s) - 1, expected=f"a layer from 1 to {len(s) - 1}")
    return int(np.prod(s[l + 1:], dtype=np.int64))


def path_products(sizes: Sequence[int]) -> int:
    """The number of path products the chain rule done weight by weight (eq-ch06-paths) forms: one per weight
    w^{(l)}_{jk} and per path from unit j of layer l to the output layer, sum_l n_l n_{l-1} prod_{m>l} n_m (a weight
    of the output layer has one path, of no edges). Backpropagation forms none of them: it never enumerates a path."""
    s = check_sizes(sizes)
    return sum(s[l] * s[l - 1] * path_count(s, l) for l in range(1, len(s)))


def forward_multiplications(sizes: Sequence[int]) -> int:
    """Multiplications of one forward pass for one example: W^{(l)} a^{(l-1)} costs n_l n_{l-1}."""
    return n_weights(sizes)


def backprop_multiplications(sizes: Sequence[int]) -> int:
    """Multiplications of one backward pass (every dC_x/dw, one example, forward pass already done).

    delta^{(L)} = (a - y) (.) phi'(z^{(L)}): n_L; each hidden delta^{(l)} = (W^{(l+1)T} delta^{(l+1)}) (.)
    phi'(z^{(l)}): n_{l+1} n_l + n_l; each dC/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k: n_l n_{l-1}.
    """
    s = check_sizes(sizes)
    L = len(s) - 1
    hidden = sum(s[l + 1] * s[l] + s[l] for l in range(1, L))
    return s[L] + hidden + n_weights(s)


def naive_multiplications(sizes: Sequence[int]) -> int:
    """Multiplications of the chain rule done separately for every weight, as a sum over paths (eq-ch06-paths).

    For w^{(l)}_{jk}: each of the N_l = prod_{m>l} n_m paths is a product of 2(L - l) + 1 factors (L - l weights,
    L - l phi's and a - y), so 2(L - l) multiplications; then 2 more for phi'(z^{(l)}_j) and a^{(l-1)}_k.
    """
    s = check_sizes(sizes)
    L = len(s) - 1
    return sum(s[l] * s[l - 1] * (path_count(s, l) * 2 * (L - l) + 2) for l in range(1, L + 1))


def _check_scalar_net(net: Network, x, y) -> tuple[np.ndarray, np.ndarray, list, list]:
    if net.loss_fn.name != "mse" or net.output_activation.derivative is None or net.activation.derivative is None:
        raise ValueError("the path-by-path chain rule is written for squared error and elementwise activations; "
                         f"received loss={net.loss_fn.name!r}, output_activation={net.output_activation.name!r}")
    x = np.asarray(x, dtype=float).reshape(1, -1)
    trace = net.forward(x)
    y = net.check_Y(np.asarray(y, dtype=float).reshape(1, -1), 1)[0]
    a = [A[0] for A in trace.activations]
    sp_ = [net.activation_of(l).derivative(z[0]) for l, z in enumerate(trace.zs)]  # sp_[l-1] = phi'(z^{(l)})
    return a, y, sp_, [W for W in net.weights]


def naive_path_gradients(net: Network, x, y) -> tuple[list[np.ndarray], int]:
    """Every dC_x/dw by the path sum (eq-ch06-paths), one weight at a time, each path product formed from scratch.

    Returns ``(gradients, multiplications)``: the gradients have the shapes of ``net.weights``; the count is
    the number of scalar multiplications performed, which equals :func:`naive_multiplications`.
    """
    a, y, sp_, Ws = _check_scalar_net(net, x, y)
    L, count = net.n_layers, 0
    grads = [np.zeros_like(W) for W in Ws]
    for l in range(1, L + 1):
        for j, k in np.ndindex(Ws[l - 1].shape):
            total = 0.0
            for path in itertools.product(*(range(n) for n in net.sizes[l + 1:])):
                units = (j, *path)
                prod = a[L][units[-1]] - y[units[-1]]
                for m in range(l + 1, L + 1):  # edge from unit units[m-l-1] of layer m-1 to units[m-l] of layer m
                    prod = prod * Ws[m - 1][units[m - l], units[m - l - 1]] * sp_[m - 1][units[m - l]]
                    count += 2
                total += prod
            grads[l - 1][j, k] = total * sp_[l - 1][j] * a[l - 1][k]
            count += 2
    return grads, count


def path_terms(net: Network, x, y, l: int, j: int, k: int) -> list[dict]:
    """The terms of the path sum (eq-ch06-paths) for w^{(l)}_{jk} (j, k 0-based, l from 1 to L), one per path, as
    numbers for one example (squared error, elementwise activations).

    Each term is a dict: ``units`` = (i_l = j, i_{l+1}, ..., i_L), the path's unit in each layer from l to L
    (0-based); ``factors`` = [a^{(l-1)}_k phi'(z^{(l)}_j), then w^{(r)}_{i_r i_{r-1}} phi'(z^{(r)}_{i_r}) for each
    edge r = l+1, ..., L of the path, then a^{(L)}_{i_L} - y_{i_L}]; ``term`` = their product. The terms add up to
    dC_x/dw^{(l)}_{jk} (to rounding).
    """
    a, y, sp_, Ws = _check_scalar_net(net, x, y)
    L = net.n_layers
    l = check_int(l, "l", 1, L, expected=f"a layer from 1 to {L}")
    j = check_int(j, "j", 0, net.sizes[l] - 1, expected=f"a 0-based unit of layer {l}")
    k = check_int(k, "k", 0, net.sizes[l - 1] - 1, expected=f"a 0-based unit of layer {l - 1}")
    out = []
    for path in itertools.product(*(range(n) for n in net.sizes[l + 1:])):
        units = (j, *path)
        factors = [float(a[l - 1][k] * sp_[l - 1][j])]
        factors += [float(Ws[r - 1][units[r - l], units[r - l - 1]] * sp_[r - 1][units[r - l]])
                    for r in range(l + 1, L + 1)]
        factors.append(float(a[L][units[-1]] - y[units[-1]]))
        out.append({"units": units, "factors": factors, "term": float(np.prod(factors))})
    return out


def backprop_scalar(net: Network, x, y) -> tuple[list[np.ndarray], int]:
    """Every dC_x/dw by backpropagation written with scalar loops, counting each multiplication (eq-ch06-recursion).

    delta^{(L)}_j = (a_j - y_j) phi'(z_j); delta^{(l)}_k = phi'(z^{(l)}_k) sum_j w^{(l+1)}_{jk} delta^{(l+1)}_j;
    dC_x/dw^{(l)}_{jk} = delta^{(l)}_j a^{(l-1)}_k. The count equals :func:`backprop_multiplications`.
    """
    a, y, sp_, Ws = _check_scalar_net(net, x, y)
    L, count = net.n_layers, 0
    delta = [None] * (L + 1)
    delta[L] = np.array([(a[L][j] - y[j]) * sp_[L - 1][j] for j in range(net.sizes[L])])
    count += net.sizes[L]
    for l in range(L - 1, 0, -1):
        d = np.zeros(net.sizes[l])
        for k in range(net.sizes[l]):
            d[k] = sum(Ws[l][j, k] * delta[l + 1][j] for j in range(net.sizes[l + 1])) * sp_[l - 1][k]
            count += net.sizes[l + 1] + 1
        delta[l] = d
    grads = []
    for l in range(1, L + 1):
        g = np.zeros_like(Ws[l - 1])
        for j, k in np.ndindex(g.shape):
            g[j, k] = delta[l][j] * a[l - 1][k]
            count += 1
        grads.append(g)
    return grads, count


def path_sum(sym, l: int, j: int, k: int) -> sp.Expr:
    """The path sum (eq-ch06-paths) for w^{(l)}_{j+1,k+1} of a sigmoid :class:`~bpnet.symbolic.SymbolicNetwork`
    with squared error: a^{(l-1)}_k sigma'(z^{(l)}_j) times the sum over paths of prod (w sigma'(z)) (a^{(L)}_i - y_i),
    in abstract z, a symbols (0-based j, k), with :data:`sigma_prime` left unevaluated. Substitute sigma' and the
    values to get a number."""
    L = len(sym.weights)
    total = sp.Integer(0)
    for path in itertools.product(*(range(n) for n in sym.sizes[l + 1:])):
        units = (j, *path)
        term = sym.a_symbols[L][units[-1]] - sym.targets[units[-1]]
        for m in range(l + 1, L + 1):
            term *= sym.weights[m - 1][units[m - l], units[m - l - 1]] * sigma_prime(sym.z_symbols[m - 1][units[m - l]])
        total += term
    return sym.a_symbols[l - 1][k] * sigma_prime(sym.z_symbols[l - 1][j]) * total


def delta_recursive(sym, l: int, j: int) -> sp.Expr:
    """delta^{(l)}_{j+1} by the recursion (eq-ch06-recursion): sigma'(z^{(l)}_j) sum_i w^{(l+1)}_{ij} delta^{(l+1)}_i,
    ending in delta^{(L)}_j = sigma'(z^{(L)}_j) (a^{(L)}_j - y_j); abstract symbols, sigmoid units, squared error."""
    L = len(sym.weights)
    s = sigma_prime(sym.z_symbols[l - 1][j])
    if l == L:
        return s * (sym.a_symbols[L][j] - sym.targets[j])
    return s * sum(sym.weights[l][i, j] * delta_recursive(sym, l + 1, i) for i in range(sym.sizes[l + 1]))


def expression_size(sizes: Sequence[int], layer: int = 1, *, cse: bool = False) -> int:
    """SymPy's ``count_ops`` summed over dC_x/dw^{(layer)}_{jk} for every weight of that layer.

    Without ``cse`` each derivative is one formula in the parameters, inputs and targets, every shared piece
    written out again where it occurs; with ``cse=True`` common subexpressions are named once (what backprop does).
    """
    from .symbolic import SymbolicNetwork

    sym = SymbolicNetwork(sizes)
    layer = check_int(layer, "layer", 1, len(sym.weights))
    exprs = [sp.diff(sym.cost, w) for w in sym.weights[layer - 1]]
    if not cse:
        return int(sum(sp.count_ops(e) for e in exprs))
    defs, reduced = sp.cse(exprs)
    return int(sum(sp.count_ops(v) for _, v in defs) + sum(sp.count_ops(e) for e in reduced))


def _cost(net: Network, X: np.ndarray, Y: np.ndarray) -> float:
    """C on checked arrays: the forward pass and the cost, as each nudge of a finite difference computes them."""
    return net.cost_unchecked(net.forward_unchecked(X), Y)


def _best_time(fn, repeats: int) -> float:
    """The least processor time of ``repeats`` calls of ``fn``, with one BLAS thread: time.process_time counts what
    this process computed, which other programs on a busy machine do not inflate as they inflate a wall clock, and
    with one thread it is the work itself (several threads would add their waiting and hand-over to it)."""
    from threadpoolctl import threadpool_limits

    best = float("inf")
    with threadpool_limits(limits=1):
        for _ in range(repeats):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
    return best


def time_gradient_methods(sizes_list: Sequence[Sequence[int]], repeats: int = 3, n_examples: int = 32,
                          seed: int = 0) -> list[dict]:
    """Time one forward pass, the finite-difference gradient (2P + 1 passes) and backprop, per network.

    Each row: ``sizes``, ``n_params`` (P, weights and biases), ``fd_passes`` (2P + 1), ``forward_time``,
    ``fd_time``, ``backprop_time`` (best of ``repeats``, seconds), ``ratio`` = fd_time / backprop_time,
    ``backprop_passes`` = backprop_time / forward_time; ``rel_error`` = :func:`bpnet.relative_error` (the book's
    one definition, Chapter 9) over all P entries, and the two flat gradients it compares, ``fd_gradient`` and
    ``backprop_gradient`` (weights then biases, as :meth:`Gradients.flat`). Only the counts, the gradients and
    ``rel_error`` are deterministic; times depend on the machine.
    """
    rows = []
    for sizes in sizes_list:
        net = Network(sizes, seed=seed)
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n_examples, net.sizes[0]))
        Y = rng.uniform(size=(n_examples, net.sizes[-1]))
        bp = net.gradients(X, Y)
        fd = numerical_gradients(net, X, Y)
        P = n_parameters(sizes)
        row = {
            "sizes": list(net.sizes), "n_params": P, "fd_passes": 2 * P + 1,
            "forward_time": _best_time(partial(net.forward, X), max(repeats, 5)),
            "fd_time": _best_time(partial(numerical_gradients, net, X, Y), repeats),
            "backprop_time": _best_time(partial(net.gradients, X, Y), max(repeats, 5)),
            "rel_error": relative_error(fd.flat(), bp.flat()),
            "fd_gradient": fd.flat(), "backprop_gradient": bp.flat(),
        }
        row["ratio"] = row["fd_time"] / row["backprop_time"]
        row["backprop_passes"] = row["backprop_time"] / row["forward_time"]
        rows.append(row)
    return rows


def time_loss_evaluation(sizes_list: Sequence[Sequence[int]], repeats: int = 20, n_examples: int = 32,
                         seed: int = 0) -> list[dict]:
    """Time one evaluation of the cost C (a forward pass and the cost, on checked arrays), per network: the unit
    of work that a finite-difference gradient repeats 2P + 1 times (:func:`bpnet.numerical_gradients` runs this
    same code for every nudge).

    Each row: ``sizes``, ``n_params`` (P) and ``eval_time`` (best of ``repeats``, seconds). Cheap even where a
    whole finite-difference gradient is not (P in the millions); the times depend on the machine.
    """
    rows = []
    for sizes in sizes_list:
        net = Network(sizes, seed=seed)
        rng = np.random.default_rng(seed)
        X = net.check_X(rng.normal(size=(n_examples, net.sizes[0])))
        Y = net.check_Y(rng.uniform(size=(n_examples, net.sizes[-1])), n_examples)
        rows.append({"sizes": list(net.sizes), "n_params": n_parameters(sizes),
                     "eval_time": _best_time(partial(_cost, net, X, Y), repeats)})
    return rows
