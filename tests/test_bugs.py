"""The bug gallery of Chapter 9 (bpnet.bugs): the reference backward pass passes the gradient check,
every bug fails it (a relative error above TOLERANCE, or a shape error)."""
from __future__ import annotations

import numpy as np
import pytest

import bpnet
from bpnet import bugs


@pytest.mark.parametrize("case", ["square", "square-ce", "non-square"])
@pytest.mark.parametrize("steps", [0, 1])
def test_reference_passes_and_matches_bpnet(case, steps):
    net, X, Y = bugs.make_case(case)
    assert bugs.gradient_check(bugs.reference_backward, net, X, Y, steps=steps) < bugs.TOLERANCE
    assert bugs.reference_backward(net, X, Y).max_relative_error(net.gradients(X, Y)) < 1e-14


@pytest.mark.parametrize("name", list(bugs.BUGS))
def test_each_bug_fails_its_check(name):
    case, steps, precise = bugs.BUG_CASES[name]
    net, X, Y = bugs.make_case(case)
    floor = 1e-30 if precise else 1e-12
    assert bugs.gradient_check(bugs.reference_backward, net, X, Y, steps=steps, precise=precise,
                               floor=floor) < bugs.TOLERANCE
    assert bugs.gradient_check(bugs.BUGS[name], net, X, Y, steps=steps, precise=precise, floor=floor) > 1e-2


def test_missing_transpose_is_a_shape_error_on_a_non_square_layer():
    net, X, Y = bugs.make_case("non-square")
    with pytest.raises(ValueError, match="mismatch"):
        bugs.missing_transpose(net, X, Y)


def test_rounded_a_hides_from_the_float64_check():
    """At z = 40 the float64 central difference is exactly 0, like the bug: only the precise check sees it."""
    net, X, Y = bugs.make_case("saturated")
    assert bugs.gradient_check(bugs.sigma_prime_from_rounded_a, net, X, Y, floor=1e-30) == 0.0
    exact = bugs.reference_backward(net, X, Y).weights[0][0, 0]
    np.testing.assert_allclose(exact, bpnet.activations.sigmoid(40.0) * bpnet.activations.sigmoid_prime(40.0))
    precise = bugs.precise_numerical_gradients(net, X, Y)
    np.testing.assert_allclose(precise.weights[0][0, 0], exact, rtol=1e-10)


def test_gradient_check_leaves_the_network_unchanged():
    net, X, Y = bugs.make_case("square")
    before = net.copy()
    bugs.gradient_check(bugs.gradients_not_zeroed, net, X, Y, steps=2)
    assert not hasattr(net, "grad")
    for p, q in zip((*net.weights, *net.biases), (*before.weights, *before.biases)):
        np.testing.assert_array_equal(p, q)


def test_make_case_rejects_unknown_names():
    with pytest.raises(ValueError, match="unknown case"):
        bugs.make_case("round")


def test_one_threshold_story():
    """bugs.TOLERANCE is gradcheck's; each bug of the gallery reads "a bug", the reference "correct" (Chapter 9)."""
    assert bugs.TOLERANCE is bpnet.gradcheck.TOLERANCE
    for name in bugs.BUGS:
        case, steps, precise = bugs.BUG_CASES[name]
        net, X, Y = bugs.make_case(case)
        kw = dict(steps=steps, precise=precise, floor=1e-30 if precise else 1e-12)
        assert bpnet.gradcheck.verdict(bugs.gradient_check(bugs.BUGS[name], net, X, Y, **kw)) == "a bug", name
        assert bpnet.gradcheck.verdict(bugs.gradient_check(bugs.reference_backward, net, X, Y, **kw)) == "correct"
