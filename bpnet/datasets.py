"""Small seeded data sets in the shapes :class:`bpnet.Network` expects (Chapters 2, 7 and 10).

Every generator returns ``(X, Y)`` with X of shape (n, features) and Y of shape (n, outputs).
Two-class sets give a single 0/1 column by default (for one sigmoid output unit) and the one-hot
pair with ``one_hot=True``; sets with more classes are always one-hot.
"""
from __future__ import annotations

import numpy as np

from .errors import check_choice, check_int

__all__ = ["xor", "moons", "circles", "spirals", "digits", "one_hot", "train_test_split", "load", "DATASETS"]


def one_hot(labels, n_classes: int | None = None) -> np.ndarray:
    """Rows of the identity: label c becomes the vector with a 1 in position c."""
    labels = np.asarray(labels, dtype=int)
    n_classes = int(labels.max()) + 1 if n_classes is None else n_classes
    return np.eye(n_classes)[labels]


def _targets(labels: np.ndarray, n_classes: int, one_hot_: bool) -> np.ndarray:
    if n_classes == 2 and not one_hot_:
        return labels.astype(np.float64)[:, None]
    return one_hot(labels, n_classes)


def _check_n(n) -> int:
    return check_int(n, "n", 2)


def _check_noise(noise) -> float:
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0; received {noise!r}")
    return float(noise)


def xor(*, one_hot: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The four points of XOR: y = 1 when exactly one input is 1 (Chapter 2)."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, _targets(np.array([0, 1, 1, 0]), 2, one_hot)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0, *, one_hot: bool = False):
    """Two interleaving half circles (as scikit-learn's make_moons), n points with Gaussian noise."""
    n, noise, rng = _check_n(n), _check_noise(noise), np.random.default_rng(seed)
    n0 = n // 2
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n - n0)
    X = np.vstack([np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    labels = np.r_[np.zeros(n0, int), np.ones(n - n0, int)]
    X = X + rng.normal(0, noise, X.shape)
    perm = rng.permutation(n)
    return X[perm], _targets(labels[perm], 2, one_hot)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0, *, one_hot: bool = False):
    """A small circle (class 1) inside a large one (class 0); ``factor`` is the ratio of radii."""
    n, noise, rng = _check_n(n), _check_noise(noise), np.random.default_rng(seed)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie strictly between 0 and 1; received {factor!r}")
    n0 = n // 2
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n - n0, endpoint=False)
    X = np.vstack([np.c_[np.cos(t0), np.sin(t0)], factor * np.c_[np.cos(t1), np.sin(t1)]])
    labels = np.r_[np.zeros(n0, int), np.ones(n - n0, int)]
    X = X + rng.normal(0, noise, X.shape)
    perm = rng.permutation(n)
    return X[perm], _targets(labels[perm], 2, one_hot)


def spirals(n: int = 300, classes: int = 2, noise: float = 0.1, seed: int = 0, *, one_hot: bool = False):
    """``classes`` interleaved spiral arms (as in CS231n), n points in all, in [-1, 1]^2."""
    n, noise, rng = _check_n(n), _check_noise(noise), np.random.default_rng(seed)
    classes = check_int(classes, "classes", 2, 10)
    counts = [n // classes + (c < n % classes) for c in range(classes)]
    Xs, labels = [], []
    for c, k in enumerate(counts):
        r = np.linspace(0.05, 1.0, k)
        t = np.linspace(c * 2 * np.pi / classes, c * 2 * np.pi / classes + 1.75 * np.pi, k)
        t = t + rng.normal(0, noise, k) * 2
        Xs.append(np.c_[r * np.sin(t), r * np.cos(t)])
        labels.append(np.full(k, c))
    X, lab = np.vstack(Xs), np.concatenate(labels)
    perm = rng.permutation(n)
    return X[perm], _targets(lab[perm], classes, one_hot)


def digits() -> tuple[np.ndarray, np.ndarray]:
    """Scikit-learn's bundled 8x8 handwritten digits (1797 images; no download), Chapter 10.

    X has shape (1797, 64) with pixel intensities scaled from 0..16 to [0, 1]; Y is one-hot (1797, 10).
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    return data.data / 16.0, one_hot(data.target, 10)


def train_test_split(X, Y, test_fraction: float = 0.25, seed: int = 0):
    """Shuffle with ``seed`` and split into ``X_train, X_test, Y_train, Y_test``."""
    X, Y = np.asarray(X), np.asarray(Y)
    if len(X) != len(Y):
        raise ValueError(f"X and Y must have the same number of rows; received {len(X)} and {len(Y)}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1; received {test_fraction!r}")
    perm = np.random.default_rng(seed).permutation(len(X))
    n_test = max(1, int(round(test_fraction * len(X))))
    test, train = perm[:n_test], perm[n_test:]
    return X[train], X[test], Y[train], Y[test]


DATASETS = {"xor": xor, "moons": moons, "circles": circles, "spirals": spirals}


def load(name: str, **kwargs) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D toy data set by name: one of ``DATASETS`` (used by the training explorer)."""
    check_choice(name, DATASETS, "dataset")
    return DATASETS[name](**kwargs)
