"""Training and evaluating a classifier on real data, and the same task in scikit-learn (Chapter 10).

A network with a softmax output reads its prediction off the largest output: the predicted class of
example x is argmax_j a^{(L)}_j. Accuracy is the fraction of examples whose predicted class equals the
target's class argmax_j y_j; the confusion matrix counts, for every pair (true class t, predicted class p),
how many examples of class t were predicted as p, so its diagonal holds the correct answers.

:func:`compare_with_sklearn` trains a bpnet network and scikit-learn's ``MLPClassifier`` with the same
architecture and the same plain mini-batch stochastic gradient descent (no momentum, no L2 penalty,
constant learning rate eta, same batch size, same number of epochs) and reports both accuracies and
both training times.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from .network import Network

__all__ = [
    "DigitsSettings", "predict_labels", "target_labels", "accuracy", "confusion_matrix", "misclassified",
    "train_bpnet", "train_sklearn", "compare_with_sklearn", "SKLEARN_ACTIVATION",
]

#: bpnet's hidden activation name -> scikit-learn's name for the same function
SKLEARN_ACTIVATION = {"sigmoid": "logistic", "relu": "relu", "tanh": "tanh", "identity": "identity"}


@dataclass(frozen=True)
class DigitsSettings:
    """The hyperparameters shared by both libraries in Chapter 10 (defaults: the chapter's run)."""

    hidden: int = 32
    activation: str = "sigmoid"
    lr: float = 0.5
    batch_size: int = 32
    epochs: int = 30
    seed: int = 0


def target_labels(Y) -> np.ndarray:
    """The true class of each target: argmax_j y_j for one-hot rows, y > 1/2 for a single 0/1 column, or the
    integer labels themselves for a 1-D array."""
    Y = np.asarray(Y)
    if Y.ndim == 2:
        return np.argmax(Y, axis=1) if Y.shape[1] > 1 else (Y[:, 0] > 0.5).astype(int)
    if Y.ndim == 1:
        return Y.astype(int)
    raise ValueError(f"targets must be one-hot rows (n, classes), a 0/1 column (n, 1) or labels (n,); "
                     f"received shape {Y.shape}")


def predict_labels(net: Network, X) -> np.ndarray:
    """The predicted class of each row of X: argmax_j a^{(L)}_j, or a^{(L)} > 1/2 for a single (sigmoid) output."""
    out = net.forward(X).output
    return (out[:, 0] > 0.5).astype(int) if out.shape[1] == 1 else np.argmax(out, axis=1)


def accuracy(net: Network, X, Y) -> float:
    """The fraction of rows whose predicted class (:func:`predict_labels`) equals the true class
    (:func:`target_labels`)."""
    pred, true = predict_labels(net, X), target_labels(Y)
    if pred.shape != true.shape:
        raise ValueError(f"X and Y must have the same number of rows; received {len(pred)} and {len(true)}")
    return float(np.mean(pred == true))


def confusion_matrix(net: Network, X, Y, n_classes: int | None = None) -> np.ndarray:
    """Counts M[t, p] of examples of true class t predicted as class p; trace(M) / sum(M) is the accuracy."""
    pred, true = predict_labels(net, X), target_labels(Y)
    k = int(n_classes if n_classes is not None else max(net.sizes[-1], 2))  # one sigmoid output: 2 classes
    M = np.zeros((k, k), dtype=int)
    np.add.at(M, (true, pred), 1)
    return M


def misclassified(net: Network, X, Y) -> np.ndarray:
    """Indices of the rows the network gets wrong, in order."""
    return np.flatnonzero(predict_labels(net, X) != target_labels(Y))


def train_bpnet(X, Y, settings: DigitsSettings = DigitsSettings()):
    """A one-hidden-layer network (softmax output, cross-entropy cost) trained by mini-batch SGD.

    Returns ``(net, history, seconds)``: the trained network, the per-epoch mean cost, the training time.
    """
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    net = Network([X.shape[1], settings.hidden, Y.shape[1]], activation=settings.activation,
                  output_activation="softmax", loss="cross_entropy", seed=settings.seed)
    start = time.perf_counter()
    history = net.fit(X, Y, epochs=settings.epochs, lr=settings.lr, batch_size=settings.batch_size,
                      seed=settings.seed)
    return net, history, time.perf_counter() - start


def sklearn_classifier(settings: DigitsSettings = DigitsSettings()):
    """scikit-learn's MLPClassifier configured as plain mini-batch SGD with bpnet's settings."""
    from sklearn.neural_network import MLPClassifier

    if settings.activation not in SKLEARN_ACTIVATION:
        raise ValueError(f"activation must be one of {sorted(SKLEARN_ACTIVATION)}; received {settings.activation!r}")
    return MLPClassifier(
        hidden_layer_sizes=(settings.hidden,), activation=SKLEARN_ACTIVATION[settings.activation],
        solver="sgd", learning_rate="constant", learning_rate_init=settings.lr, batch_size=settings.batch_size,
        max_iter=settings.epochs, momentum=0.0, nesterovs_momentum=False, alpha=0.0, shuffle=True,
        random_state=settings.seed, tol=0.0, n_iter_no_change=settings.epochs + 1, early_stopping=False,
    )


def train_sklearn(X, Y, settings: DigitsSettings = DigitsSettings()):
    """Train :func:`sklearn_classifier` for exactly ``settings.epochs`` epochs; returns ``(clf, seconds)``."""
    from sklearn.exceptions import ConvergenceWarning

    clf = sklearn_classifier(settings)
    start = time.perf_counter()
    with warnings.catch_warnings():  # stopping after a fixed number of epochs is the point, not a problem
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(np.asarray(X, dtype=float), target_labels(Y))
    return clf, time.perf_counter() - start


def compare_with_sklearn(X_train, X_test, Y_train, Y_test, settings: DigitsSettings = DigitsSettings()) -> dict:
    """Train both on (X_train, Y_train) and return test accuracies, training times and the trained models.

    The four arrays come in the order :func:`bpnet.datasets.train_test_split` returns them (scikit-learn's), so
    ``compare_with_sklearn(*train_test_split(X, Y))`` works; arrays whose shapes do not fit that order raise
    ValueError. Keys: ``bpnet_accuracy``, ``sklearn_accuracy``, ``bpnet_seconds``, ``sklearn_seconds``,
    ``bpnet_net``, ``bpnet_history``, ``sklearn_clf``.
    """
    shapes = [np.shape(a) for a in (X_train, X_test, Y_train, Y_test)]
    if (len(X_train) != len(Y_train) or len(X_test) != len(Y_test)
            or shapes[0][1:] != shapes[1][1:] or shapes[2][1:] != shapes[3][1:]):
        raise ValueError("compare_with_sklearn takes X_train, X_test, Y_train, Y_test (the order of "
                         f"bpnet.datasets.train_test_split); received arrays of shapes {shapes}")
    net, history, t_bp = train_bpnet(X_train, Y_train, settings)
    clf, t_sk = train_sklearn(X_train, Y_train, settings)
    return {
        "bpnet_accuracy": accuracy(net, X_test, Y_test),
        "sklearn_accuracy": float(np.mean(clf.predict(np.asarray(X_test, dtype=float)) == target_labels(Y_test))),
        "bpnet_seconds": t_bp,
        "sklearn_seconds": t_sk,
        "bpnet_net": net,
        "bpnet_history": history,
        "sklearn_clf": clf,
    }
