"""bpnet.evaluate: accuracy, confusion matrix and the comparison with scikit-learn (Chapter 10)."""
import numpy as np
import pytest

import bpnet
from bpnet import evaluate as ev


@pytest.fixture(scope="module")
def digits_run():
    X, Y = bpnet.datasets.digits()
    split = bpnet.datasets.train_test_split(X, Y, test_fraction=0.25, seed=0)
    return split, ev.compare_with_sklearn(*split)  # the order train_test_split returns


def test_trained_model_is_accurate(digits_run):
    (Xtr, Xte, Ytr, Yte), r = digits_run
    assert r["bpnet_accuracy"] >= 0.9
    assert r["sklearn_accuracy"] >= 0.9
    assert abs(r["bpnet_accuracy"] - r["sklearn_accuracy"]) <= 0.03
    assert len(r["bpnet_history"].loss) == ev.DigitsSettings().epochs
    assert r["bpnet_history"].loss[-1] < r["bpnet_history"].loss[0]
    assert r["sklearn_clf"].n_iter_ == ev.DigitsSettings().epochs


def test_deterministic(digits_run):
    """Two runs with the same seed agree to the bit (on 2 epochs: determinism does not depend on their number, and
    the full 30-epoch run is trained once, by the fixture; chapter 10's nbval run checks it against its stored
    outputs)."""
    (Xtr, Xte, Ytr, Yte), _ = digits_run
    short = ev.DigitsSettings(epochs=2)
    first, again = (ev.compare_with_sklearn(Xtr, Xte, Ytr, Yte, short) for _ in range(2))
    assert again["bpnet_accuracy"] == first["bpnet_accuracy"]
    assert again["sklearn_accuracy"] == first["sklearn_accuracy"]
    np.testing.assert_array_equal(again["bpnet_net"].weights[0], first["bpnet_net"].weights[0])


def test_confusion_matrix_consistent(digits_run):
    (Xtr, Xte, Ytr, Yte), r = digits_run
    net = r["bpnet_net"]
    M = ev.confusion_matrix(net, Xte, Yte)
    assert M.shape == (10, 10)
    assert M.sum() == len(Xte)
    np.testing.assert_array_equal(M.sum(axis=1), Yte.sum(axis=0))  # row t counts the examples of class t
    assert np.trace(M) / M.sum() == pytest.approx(ev.accuracy(net, Xte, Yte))
    assert len(ev.misclassified(net, Xte, Yte)) == M.sum() - np.trace(M)


def test_small_hand_example():
    net = bpnet.Network([2, 3], activation="sigmoid", output_activation="softmax", loss="cross_entropy",
                        init="zeros")
    net.weights[0][...] = np.eye(3, 2) * 5  # class 0 for x = (1, 0), class 1 for x = (0, 1)
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    Y = bpnet.datasets.one_hot([0, 1, 2], 3)
    np.testing.assert_array_equal(ev.predict_labels(net, X), [0, 1, 0])
    assert ev.accuracy(net, X, Y) == pytest.approx(2 / 3)
    M = ev.confusion_matrix(net, X, Y)
    assert M[2, 0] == 1 and np.trace(M) == 2
    np.testing.assert_array_equal(ev.misclassified(net, X, Y), [2])
    assert ev.accuracy(net, X, np.array([0, 1, 0])) == 1.0  # integer labels work too


def test_bad_input():
    net = bpnet.Network([2, 3], output_activation="softmax", loss="cross_entropy", seed=0)
    with pytest.raises(ValueError, match="same number of rows"):
        ev.accuracy(net, np.zeros((3, 2)), np.zeros(2, dtype=int))
    with pytest.raises(ValueError, match="activation"):
        ev.sklearn_classifier(ev.DigitsSettings(activation="softmax"))
    X, Y = np.zeros((8, 4)), np.eye(3)[[0, 1, 2, 0, 1, 2, 0, 1]]
    X_train, X_test, Y_train, Y_test = bpnet.datasets.train_test_split(X, Y, test_fraction=0.25, seed=0)
    with pytest.raises(ValueError, match="X_train, X_test, Y_train, Y_test.*train_test_split"):
        ev.compare_with_sklearn(X_train, Y_train, X_test, Y_test)  # the order this function once took


def test_single_sigmoid_output_thresholds_at_one_half():
    net = bpnet.Network([1, 1], activation="sigmoid", output_activation="sigmoid", init="zeros")
    net.weights[0][...] = 10.0  # a > 1/2 exactly when x > 0
    X = np.array([[-1.0], [2.0], [3.0]])
    np.testing.assert_array_equal(ev.predict_labels(net, X), [0, 1, 1])
    assert ev.accuracy(net, X, np.array([[0.0], [1.0], [0.0]])) == pytest.approx(2 / 3)
    assert ev.confusion_matrix(net, X, np.array([[0.0], [1.0], [0.0]])).tolist() == [[1, 1], [0, 1]]
