"""The stepper and weights documents (bpnet.widgets): the exported step matches bpnet number for number, in the
book's notation."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bpnet
from bpnet.notation import node_id, weight_id
from bpnet.widgets.arrays import cached_nudges, nudges
from bpnet.widgets.format import fmt
from bpnet.widgets.stepper import stepper_trace
from bpnet.widgets.weights import weights_trace

NETS = [
    ("worked", lambda: bpnet.worked_example()),
    ("tanh-softmax-ce", lambda: (bpnet.Network([3, 4, 2], "tanh", "softmax", "cross_entropy", seed=1),
                                 np.array([0.5, -1.0, 2.0]), np.array([0.0, 1.0]))),
    ("relu-identity-mse", lambda: (bpnet.Network([2, 3, 3, 1], "relu", "identity", "mse", seed=2),
                                   np.array([1.0, -0.5]), np.array([0.3]))),
    ("sigmoid-ce", lambda: (bpnet.Network([2, 2, 1], "sigmoid", "sigmoid", "cross_entropy", seed=3),
                            np.array([0.2, 0.9]), np.array([1.0]))),
]


def expected_values(net, x, y, lr, digits=4):
    """What every element must show, computed here straight from bpnet's arrays."""
    X, Y = np.atleast_2d(x), np.atleast_2d(y)
    tr = net.forward(X)
    g = net.backward(tr, Y)
    after = net.copy()
    after.step(g, lr)
    f = lambda v: fmt(v, digits)  # noqa: E731 (a one-line formula, named as the maths names it)
    out = {"cost": {"C": f(net.loss(X, Y)), "C_new": f(after.loss(X, Y))}}
    for l in range(1, len(net.sizes)):
        for j in range(net.sizes[l]):
            out[node_id(l, j)] = {"z": f(tr.zs[l - 1][0, j]), "a": f(tr.activations[l][0, j]),
                                  "delta": f(g.deltas[l - 1][0, j]), "db": f(g.biases[l - 1][j]),
                                  "b": f(net.biases[l - 1][j]), "b_new": f(after.biases[l - 1][j])}
            for k in range(net.sizes[l - 1]):
                out[weight_id(l, j, k)] = {"w": f(net.weights[l - 1][j, k]), "dw": f(g.weights[l - 1][j, k]),
                                           "w_new": f(after.weights[l - 1][j, k])}
    return out, after


@pytest.mark.parametrize("name, make", NETS)
def test_trace_matches_bpnet_number_for_number(name, make):
    net, x, y = make()
    trace = stepper_trace(net, x, y, [0.5, 3.0], steps=2)
    for run, lr in zip(trace["runs"], (0.5, 3.0)):
        cur = net.copy()
        for step in run["steps"]:
            expected, cur_after = expected_values(cur, x, y, lr)
            for eid, quantities in expected.items():
                for q, text in quantities.items():
                    assert step["values"][eid][q] == text, f"{name} lr={lr} {eid}.{q}"
            cur = cur_after


def test_equation_results_are_bpnets_numbers():
    net, x, y = bpnet.worked_example()
    trace = stepper_trace(net, x, y, [0.5])
    expected, _ = expected_values(net, x, y, 0.5)
    step = trace["runs"][0]["steps"][0]
    by_key = {p["key"]: eqs for p, eqs in zip(trace["phases"], step["equations"])}
    assert by_key["forward-1"][0]["lines"][1] == "= 0.1500·0.05000 + 0.2000·0.1000 + 0.3500"
    assert by_key["forward-1"][0]["lines"][2] == f"= {expected['n1_0']['z']}"
    assert by_key["cost"][0]["lines"][-1] == f"= {expected['cost']['C']}" == "= 0.2984"
    for e in by_key["delta-out"]:
        assert e["lines"][-1] == f"= {expected[e['target']]['delta']}"
    assert by_key["delta-1-0"][0]["lines"][1] == "= (0.4000·0.1385 + 0.5000·(-0.03810))·0.2413"
    assert by_key["delta-1-0"][0]["lines"][2] == "= 0.008771"
    for key in ("grad-2", "grad-1", "update-1", "update-2"):
        for e in by_key[key]:
            q = ("dw" if e["target"].startswith("w") else "db") if key.startswith("grad") else \
                ("w_new" if e["target"].startswith("w") else "b_new")
            assert e["lines"][-1].endswith(f"= {expected[e['target']][q]}"), (key, e)
    assert by_key["update-2"][0]["lines"][0].endswith("= 0.4000 − 0.5·0.08217 = 0.3589")


def test_phases_in_order_with_the_right_highlights():
    net, x, y = bpnet.worked_example()
    keys = [p["key"] for p in stepper_trace(net, x, y)["phases"]]
    assert keys == ["input", "forward-1", "forward-2", "cost", "delta-out", "delta-1-0", "delta-1-1", "grad-2",
                    "grad-1", "update-1", "update-2", "after"]
    phases = {p["key"]: p for p in stepper_trace(net, x, y)["phases"]}
    assert set(phases["delta-1-1"]["highlight"]) == {"n1_1", "n2_0", "n2_1", "w2_0_1", "w2_1_1"}
    assert set(phases["forward-2"]["highlight"]) == {"n2_0", "n2_1", "w2_0_0", "w2_0_1", "w2_1_0", "w2_1_1"}
    # the hidden delta uses the weights before the update: its phase shows w, not w_new
    assert phases["delta-1-0"]["labels"]["w2_0_0"] == ["w"]
    assert phases["update-2"]["labels"]["w2_0_0"] == ["w_new"]


def test_trace_is_plain_json_and_deterministic():
    net, x, y = bpnet.worked_example()
    a = json.dumps(stepper_trace(net, x, y, [0.1, 1.0], steps=3), allow_nan=False, sort_keys=True)
    b = json.dumps(stepper_trace(net, x, y, [0.1, 1.0], steps=3), allow_nan=False, sort_keys=True)
    assert a == b
    assert stepper_trace(net, x, y)["precision"] == {"digits": 4, "style": "significant"}


def test_trace_leaves_the_network_untouched():
    net, x, y = bpnet.worked_example()
    before = [p.copy() for p in (*net.weights, *net.biases)]
    stepper_trace(net, x, y, [0.5, 10.0], steps=3)
    weights_trace(net, x, y, [0.5])
    for p, q in zip((*net.weights, *net.biases), before):
        assert np.array_equal(p, q)


def test_nudge_matches_bpnet_numerical_gradients():
    net, x, y = bpnet.worked_example()
    doc = weights_trace(net, x, y, [0.5], eps=1e-6)
    vals = doc["runs"][0]["steps"][0]["values"]
    num = bpnet.numerical_gradients(net, x[None], y[None], eps=1e-6)
    for l in range(1, 3):
        for j in range(2):
            assert vals[node_id(l, j)]["num"] == fmt(num.biases[l - 1][j])
            for k in range(2):
                w = vals[weight_id(l, j, k)]
                assert w["num"] == fmt(num.weights[l - 1][j, k]) == w["dw"]


@pytest.mark.parametrize("name,make", NETS)
def test_nudges_are_bpnet_numerical_gradients_to_the_bit(name, make):
    net, x, y = make()
    X, Y = np.atleast_2d(x), np.atleast_2d(y)
    got = nudges(net, X, Y, 1e-5)
    num = bpnet.numerical_gradients(net, X, Y, eps=1e-5)
    for kind, groups in (("w", num.weights), ("b", num.biases)):
        for l, g in enumerate(groups):
            for idx in np.ndindex(g.shape):
                assert got[(kind, l, *idx)][2] == g[idx], (name, kind, l, idx)


@pytest.mark.parametrize("name,make", NETS)
def test_forward_from_a_later_layer_is_the_tail_of_the_full_pass(name, make):
    net, x, _ = make()
    full = net.forward_unchecked(np.atleast_2d(x))
    for l in range(net.n_layers):
        tail = net.forward_unchecked(full.activations[l], l)
        for a, b in zip(tail.zs, full.zs[l:]):
            assert np.array_equal(a, b)
        assert np.array_equal(tail.output, full.output)


def test_nudges_are_remembered_per_parameter_state_only():
    net, x, y = bpnet.worked_example()
    X, Y = x[None], y[None]
    first = cached_nudges(net, X, Y, 1e-6)
    assert cached_nudges(net, X, Y, 1e-6) is first  # η does not enter: moving it reuses them
    net.weights[1][0, 0] += 0.25
    moved = cached_nudges(net, X, Y, 1e-6)
    assert moved is not first and moved == nudges(net, X, Y, 1e-6)
    net.weights[1][0, 0] -= 0.25
    assert cached_nudges(net, X, Y, 1e-5) is not first  # nor across eps


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_learning_rate_is_a_clear_error(bad):
    net, x, y = bpnet.worked_example()
    with pytest.raises(ValueError, match="learning rates must be positive"):
        stepper_trace(net, x, y, [bad])


def test_one_example_only_and_shapes_checked():
    net, x, y = bpnet.worked_example()
    with pytest.raises(ValueError, match="one example"):
        stepper_trace(net, np.zeros((3, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="shape"):
        stepper_trace(net, [1.0, 2.0, 3.0], y)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12), st.integers(2, 8))
def test_fmt_keeps_the_digits_asked_for(x, digits):
    s = fmt(x, digits)
    if x == 0:
        assert s == "0"
        return
    assert math.isclose(float(s), x, rel_tol=0.51 * 10 ** (1 - digits))
    mantissa = s.lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    assert len(mantissa) == digits, s
