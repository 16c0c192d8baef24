"""30 epochs of mini-batch SGD on scikit-learn's 8x8 digits: bpnet vs MLPClassifier (Chapter 10).

Both train a 64-32-10 network (sigmoid hidden units, softmax output, cross-entropy cost) with plain SGD:
eta = 0.5, batch size 32, no momentum, no L2 penalty, 30 epochs. Goal: bpnet no slower, and the two test
accuracies within about 2 percentage points.
"""
from __future__ import annotations

import bpnet
from bpnet.evaluate import DigitsSettings, compare_with_sklearn


def main(repeats: int = 3) -> dict:
    X, Y = bpnet.datasets.digits()
    X_train, X_test, Y_train, Y_test = bpnet.datasets.train_test_split(X, Y, test_fraction=0.25, seed=0)
    settings = DigitsSettings()
    runs = [compare_with_sklearn(X_train, X_test, Y_train, Y_test, settings) for _ in range(repeats)]
    t_bp = min(r["bpnet_seconds"] for r in runs)  # best of `repeats`: the least disturbed run
    t_sk = min(r["sklearn_seconds"] for r in runs)
    r = runs[0]
    print(f"digits, {settings.epochs} epochs, 64-{settings.hidden}-10 {settings.activation}, "
          f"eta={settings.lr}, batch={settings.batch_size}, best of {repeats}")
    print(f"  bpnet   : {t_bp:7.3f} s   test accuracy {r['bpnet_accuracy']:.4f}")
    print(f"  sklearn : {t_sk:7.3f} s   test accuracy {r['sklearn_accuracy']:.4f}")
    print(f"  time ratio bpnet/sklearn = {t_bp / t_sk:.2f} (goal <= 1); accuracy gap = "
          f"{100 * abs(r['bpnet_accuracy'] - r['sklearn_accuracy']):.1f} points (goal <= ~2)")
    return {"bpnet_seconds": t_bp, "sklearn_seconds": t_sk, "bpnet_accuracy": r["bpnet_accuracy"],
            "sklearn_accuracy": r["sklearn_accuracy"]}


if __name__ == "__main__":
    main()
