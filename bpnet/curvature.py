"""The curvature of the cost: its Hessian over every parameter and its largest eigenvalue (Chapter 7).

On a quadratic bowl C(theta) = 1/2 (theta - theta*)^T H (theta - theta*), one gradient step multiplies the component
of theta - theta* along an eigenvector of H with eigenvalue lambda by 1 - eta lambda, so gradient descent converges
exactly when eta < 2 / lambda_max. A network's cost is not quadratic and its Hessian changes with theta: at a given
theta, 2 / lambda_max is the threshold of the quadratic model of the cost there, a local estimate that Chapter 7
compares with where training actually diverges.

The Hessian is measured from backprop's gradients g = dC/dtheta (``net.gradients``, the mean cost over the examples)
by central differences, one column per parameter:

    H_pq ~ (g_p(theta + eps e_q) - g_p(theta - eps e_q)) / (2 eps),

then symmetrized, H <- (H + H^T) / 2. That costs 2P forward and backward passes for P parameters. The parameters are
ordered as :meth:`bpnet.Gradients.flat` orders the gradient: every weight matrix, then every bias vector, layer by
layer, each flattened row by row.
"""
from __future__ import annotations

import numpy as np

from .errors import check_positive
from .network import Network

__all__ = ["hessian", "largest_eigenvalue"]


@np.errstate(over="ignore", invalid="ignore")  # an overflow is detected and reported as ValueError
def hessian(net: Network, X, Y, eps: float = 1e-5) -> np.ndarray:
    """The P x P Hessian of the mean cost C = (1/m) sum_x C_x over the examples (X, Y), at ``net``'s parameters.

    Column q is the central difference of backprop's gradient g (Chapter 7):
    H_pq ~ (g_p(theta + eps e_q) - g_p(theta - eps e_q)) / (2 eps), and the result is symmetrized,
    (H + H^T) / 2. Rows and columns follow :meth:`bpnet.Gradients.flat` (weights then biases, layer by layer).
    The error of a central difference is of order eps^2 (exact, up to rounding, where C is quadratic in theta_q);
    rounding contributes about 1e-16 |g| / eps. Every parameter is restored exactly (bit for bit) afterwards,
    also if an exception interrupts the computation.

    Raises ValueError if ``net`` is not a :class:`bpnet.Network`, if eps is not a positive finite number, if X or Y
    do not fit the network, or if a nudged gradient is not finite (the cost overflows within eps of theta).
    """
    if not isinstance(net, Network):
        raise ValueError(f"hessian expects a bpnet.Network; received {type(net).__name__}")
    eps = check_positive(eps, "eps (the finite-difference step)")
    net.gradients(X, Y)  # checks the parameters, X and Y once, with the network's own error messages
    params = [*net.weights, *net.biases]
    P = sum(p.size for p in params)
    H = np.empty((P, P))
    q = 0
    for p in params:
        for idx in np.ndindex(p.shape):
            old = p[idx]
            try:
                p[idx] = old + eps
                up = net.gradients(X, Y).flat()
                p[idx] = old - eps
                down = net.gradients(X, Y).flat()
            finally:
                p[idx] = old  # the stored value itself: old + eps - eps need not round back to old
            H[:, q] = (up - down) / (2 * eps)
            q += 1
    if not np.isfinite(H).all():
        raise ValueError(f"the Hessian is not finite: the gradient overflows within eps = {eps:g} of these "
                         "parameters; the cost is too steep here to measure its curvature")
    return (H + H.T) / 2


def largest_eigenvalue(net: Network, X, Y, eps: float = 1e-5) -> float:
    """lambda_max, the largest eigenvalue of :func:`hessian` (``np.linalg.eigvalsh``, for a symmetric matrix).

    On a quadratic cost, gradient descent converges from every start exactly when eta < 2 / lambda_max
    (Chapter 7); for a network, 2 / lambda_max at the current parameters is a local estimate of that limit.
    Raises ValueError on the same bad input as :func:`hessian`.
    """
    return float(np.linalg.eigvalsh(hessian(net, X, Y, eps))[-1])
