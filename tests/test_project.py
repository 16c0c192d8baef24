"""The final project's checker (Chapter 10, ex-real-project): a right solution passes, and each wrong one is named by
its FIRST wrong piece, with a hint and the section of the book to reread."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import bpnet
import bpnet.exercises as ex
from bpnet.exercises.project import _SECTIONS

ROOT = Path(__file__).resolve().parents[1]


# -- a right solution, NumPy only -------------------------------------------------------------------------------
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params, X):
    A1 = sigmoid(X @ params["W1"].T + params["b1"])
    Z2 = A1 @ params["W2"].T + params["b2"]
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
    return A1, E / E.sum(axis=1, keepdims=True)


def backward(params, X, Y):
    m = len(X)
    A1, A2 = forward(params, X)
    D2 = A2 - Y
    D1 = (D2 @ params["W2"]) * A1 * (1 - A1)
    return {"D2": D2, "D1": D1, "dW2": D2.T @ A1 / m, "db2": D2.mean(axis=0),
            "dW1": D1.T @ X / m, "db1": D1.mean(axis=0)}


def update(params, grads, eta):
    return {k: params[k] - eta * grads["d" + k] for k in params}


def train(params, X, Y, epochs, eta, batch_size, seed):
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start:start + batch_size]
            params = update(params, backward(params, X[idx], Y[idx]), eta)
    return params


def check(**pieces):
    fns = {"forward": forward, "backward": backward, "update": update, "train": train, **pieces}
    return ex.check_project(fns["forward"], fns["backward"], fns["update"], fns["train"])


def wrong(result, piece: str, *words: str):
    assert result.correct is False
    assert result.piece == piece
    assert result.message.startswith(f"your {piece}"), result.message
    assert "Hint" in result.message and "Reread" in result.message
    for word in words:
        assert word in result.message, (word, result.message)


def test_a_right_solution_passes_and_reaches_the_target():
    result = check()
    assert result.correct, result.message
    assert result.piece is None
    assert result.max_error <= bpnet.gradcheck.TOLERANCE
    assert result.accuracy >= ex.PROJECT.target
    # shuffled as bpnet.fit shuffles, the loop is bpnet's: the same accuracy
    assert result.accuracy == result.bpnet_accuracy
    assert f"{result.accuracy:.4f}" in repr(result)


def test_the_target_holds_whatever_order_the_minibatches_come_in():
    """A correct loop with other shuffles, or none, clears the target with a margin (the target is not luck)."""
    X_train, X_test, Y_train, Y_test = ex.project_data()
    accs = []
    for seed in range(1, 6):
        params = train(ex.project_params(), X_train, Y_train, ex.PROJECT.epochs, ex.PROJECT.eta,
                       ex.PROJECT.batch_size, seed)
        accs.append(np.mean(forward(params, X_test)[1].argmax(axis=1) == Y_test.argmax(axis=1)))
    params = ex.project_params()
    for _ in range(ex.PROJECT.epochs):  # no shuffling at all
        for start in range(0, len(X_train), ex.PROJECT.batch_size):
            sl = slice(start, start + ex.PROJECT.batch_size)
            params = update(params, backward(params, X_train[sl], Y_train[sl]), ex.PROJECT.eta)
    accs.append(np.mean(forward(params, X_test)[1].argmax(axis=1) == Y_test.argmax(axis=1)))
    assert min(accs) >= ex.PROJECT.target + 0.02, accs


def test_the_skeleton_is_named_at_its_first_piece():
    def stub(*args):
        raise NotImplementedError("write the forward pass")
    wrong(check(forward=stub), "forward pass", "NotImplementedError")


def test_forward_without_a_bias():
    def no_bias(params, X):
        A1 = sigmoid(X @ params["W1"].T)
        return A1, forward(params, X)[1]
    wrong(check(forward=no_bias), "forward pass", "a^(1)", "without the bias")


def test_forward_with_a_sigmoid_output():
    def sigmoid_out(params, X):
        A1 = forward(params, X)[0]
        return A1, sigmoid(A1 @ params["W2"].T + params["b2"])
    wrong(check(forward=sigmoid_out), "forward pass", "a^(2)", "softmax")


def test_output_delta_with_sigma_prime_added():
    def extra_factor(params, X, Y):
        g = backward(params, X, Y)
        A2 = forward(params, X)[1]
        g["D2"] = (A2 - Y) * A2 * (1 - A2)
        return g
    wrong(check(backward=extra_factor), "output delta", "sigma'", "Common mistakes")


def test_hidden_delta_without_sigma_prime():
    def no_sigma_prime(params, X, Y):
        g = backward(params, X, Y)
        g["D1"] = g["D2"] @ params["W2"]
        g["dW1"], g["db1"] = g["D1"].T @ X / len(X), g["D1"].mean(axis=0)
        return g
    wrong(check(backward=no_sigma_prime), "hidden delta (layer 1)", "without the factor sigma'", "sec-ch05-four")


def test_batch_sum_instead_of_mean():
    def batch_sum(params, X, Y):
        g = backward(params, X, Y)
        return {k: v * len(X) if k.startswith("d") else v for k, v in g.items()}
    wrong(check(backward=batch_sum), "dW(2)", "SUM over the batch", "Common mistakes: batch mean")


def test_bias_gradient_summed():
    def db_sum(params, X, Y):
        g = backward(params, X, Y)
        g["db1"] = g["D1"].sum(axis=0)
        return g
    wrong(check(backward=db_sum), "db(1)", "SUM over the batch", "sec-ch07-mean")


def test_transposed_weight_gradient():
    def transposed(params, X, Y):
        g = backward(params, X, Y)
        g["dW1"] = X.T @ g["D1"] / len(X)
        return g
    wrong(check(backward=transposed), "dW(1)", "transpose", "Common mistakes: transpose")


def test_update_with_plus():
    def uphill(params, grads, eta):
        return {k: params[k] + eta * grads["d" + k] for k in params}
    wrong(check(update=uphill), "update", "uphill")


def test_update_in_place_is_fine():
    def in_place(params, grads, eta):
        for k in params:
            params[k] -= eta * grads["d" + k]
        return params
    assert check(update=in_place).correct


def test_a_loop_that_drops_the_updates():
    def keeps_nothing(params, X, Y, epochs, eta, batch_size, seed):
        for _ in range(epochs):
            for start in range(0, len(X), batch_size):
                update(params, backward(params, X[start:start + batch_size], Y[start:start + batch_size]), eta)
        return params
    result = check(train=keeps_nothing)
    wrong(result, "training loop", "below the target", "returned the starting parameters")
    assert result.accuracy < ex.PROJECT.target


def test_a_loop_that_trains_on_one_batch():
    def one_batch(params, X, Y, epochs, eta, batch_size, seed):
        for _ in range(epochs):
            params = update(params, backward(params, X[:batch_size], Y[:batch_size]), eta)
        return params
    wrong(check(train=one_batch), "training loop", "below the target", "every mini-batch of every epoch")


def test_a_loop_that_diverges_or_returns_the_wrong_thing():
    def nan_loop(params, X, Y, epochs, eta, batch_size, seed):
        return {k: v * np.nan for k, v in params.items()}
    wrong(check(train=nan_loop), "training loop", "NaN")
    result = check(train=lambda *args: None)
    assert result.piece == "training loop" and "dict" in result.message


def test_the_shape_of_the_answers():
    result = check(forward=lambda params, X: forward(params, X)[1])
    assert result.piece == "forward pass" and "two arrays" in result.message
    result = check(backward=lambda params, X, Y: {k: v for k, v in backward(params, X, Y).items() if k != "db1"})
    assert result.piece == "backward pass" and "db1" in result.message
    result = check(update=lambda params, grads, eta: None)
    assert result.piece == "update" and "dict" in result.message
    result = check(train=42)
    assert result.correct is False and "should be a function" in result.message


def test_numpy_only():
    def bpnet_backward(params, X, Y):
        net = bpnet.Network([64, 32, 10], output_activation="softmax", loss="cross_entropy")
        return net.gradients(X, Y)
    result = check(backward=bpnet_backward)
    assert result.correct is False and result.piece == "backward pass" and "NumPy alone" in result.message
    # a lambda's source line is the whole call, which names bpnet: not held against the reader
    assert ex.check_project(lambda params, X: forward(params, X), backward, update, train).correct


def test_the_sections_the_hints_name_exist():
    """Every section a hint sends the reader to carries its label in that chapter."""
    for _chapter, title, page in _SECTIONS.values():
        name, label = page.split(".html#")
        text = "\n".join("".join(c["source"]) for c in
                       json.loads((ROOT / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"])
        heading = re.search(rf"^\({re.escape(label)}\)=\s*\n#+ (.*)$", text, re.M)
        assert heading, f"{name}: no section labeled {label}"
        assert re.sub(r"\$", "", heading.group(1)) == title, (label, heading.group(1), title)


@pytest.mark.parametrize("l", [1, 2])
def test_the_checker_gives_the_reader_bpnets_weights(l):
    params = ex.project_params()
    net = bpnet.Network([64, ex.PROJECT.hidden, 10], output_activation="softmax", loss="cross_entropy",
                        seed=ex.PROJECT.seed)
    assert np.array_equal(params[f"W{l}"], net.W(l)) and np.array_equal(params[f"b{l}"], net.b(l))
