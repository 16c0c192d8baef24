"""Seeded data sets in the shapes Network expects."""
from __future__ import annotations

import numpy as np
import pytest

from bpnet import datasets


@pytest.mark.parametrize("name", ["moons", "circles", "spirals"])
def test_generators_are_seeded_and_shaped(name):
    X, Y = datasets.load(name, n=90, seed=4)
    X2, Y2 = datasets.load(name, n=90, seed=4)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert X.shape == (90, 2) and Y.shape == (90, 1)
    assert set(np.unique(Y)) == {0.0, 1.0}
    Xo, Yo = datasets.load(name, n=90, seed=4, one_hot=True)
    assert Yo.shape == (90, 2) and np.all(Yo.sum(axis=1) == 1)
    assert not np.array_equal(X, datasets.load(name, n=90, seed=5)[0])


def test_xor_and_spirals_classes():
    X, Y = datasets.xor()
    assert X.shape == (4, 2) and Y[:, 0].tolist() == [0, 1, 1, 0]
    X, Y = datasets.spirals(99, classes=3)
    assert Y.shape == (99, 3) and np.all(Y.sum(axis=0) == 33)


def test_digits_are_real_and_one_hot():
    X, Y = datasets.digits()
    assert X.shape == (1797, 64) and Y.shape == (1797, 10)
    assert X.min() == 0 and X.max() == 1 and np.all(Y.sum(axis=1) == 1)


def test_bad_dataset_arguments():
    with pytest.raises(ValueError, match="unknown dataset 'moon'.*'moons'"):
        datasets.load("moon")
    with pytest.raises(ValueError, match="noise must be"):
        datasets.moons(noise=-1)
    with pytest.raises(ValueError, match="n must be an integer >= 2"):
        datasets.circles(n=1)
