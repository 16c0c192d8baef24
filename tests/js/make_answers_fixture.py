"""Write what the page's answer checker (bpnet/widgets/static/answers.js) is checked against, computed by bpnet.

    python tests/js/make_answers_fixture.py [OUTDIR]      (default: tests/js/fixtures)

``answers.json``: ``specs``, the data the book's page gets (:func:`bpnet.exercises.page.export_answers`), and
``cases``: answers as a reader types them, each with bpnet's verdict and message. Symbolic: the text is read by
SymPy's parse_expr with the exercise's names (:meth:`SymbolicAnswer.parse`) and judged by the exercise's checker
(check_expression, after the known mistakes); right answers in several forms, every known mistake, and other wrong
answers. Numeric: the expected values typed out (repr, so they read back to the same doubles), within and beyond the
tolerance, a wrong shape, a NaN, and every known mistake; Python judges the same array the text describes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository, when bpnet is not installed
from bpnet.exercises.page import all_answers, export_answers  # noqa: E402 (after the repository is put on sys.path)

#: label -> answers a reader might type (right ones, every known mistake, other wrong ones)
SYMBOLIC = {
    "ex-intro-1": ["sigma(z)*(1-sigma(z))", "exp(-z)/(1+exp(-z))^2", "exp(-z)/(1+exp(-z))**2 + 1e-12", "sigma(z)",
                   "1 - sigma(z)", "sigma(z)*(1-sigma(z))*w", "exp(-z)/(1+exp(-z))^2 + 1e-7", "q*z", "pi*z"],
    "ex-neuron-1": ["(a-y)*a*(1-a)*x_2", "(sigma(z)-y)*sigma(z)*(1-sigma(z))*x_2", "(a-y)*a*(1-a)*x_1",
                    "2*(a-y)*a*(1-a)*x_2", "(a-y)*x_2", "(a-y)*a*(1-a)*x"],
    "ex-neuron-2": ["sigma(z) - y", "a - y", "1/(1+exp(-z)) - y", "(a-y)*a*(1-a)", "y - a", "-y*ln(a)"],
    "ex-chain-1": ["a1*a2*(1-a2)*(a2-y)", "a1*sigma(z2)*(1-sigma(z2))*(a2-y)", "2*a1*a2*(1-a2)*(a2-y)", "a1*(a2-y)"],
    "ex-chain-2": ["w2*a2*(1-a2)*(a2-y)", "a1*a2*(1-a2)*(a2-y)", "w2*(a2-y)"],
    "ex-chain-3": ["x*a1*(1-a1)*w2*a2*(1-a2)*(a2-y)", "x*w2*a2*(1-a2)*(a2-y)", "a1*(1-a1)*w2*a2*(1-a2)*(a2-y)"],
    "ex-hidden-2": ["(a2_1-y_1)*a2_1*(1-a2_1)*a1_2", "a1_2*(a2_1 - a2_1^2)*(a2_1-y_1)", "(a2_1-y_1)*a1_2",
                    "2*(a2_1-y_1)*a2_1*(1-a2_1)*a1_2", "(a2_1-y_1)*a2_1*(1-a2_1)*a1_1", "(a2_1-y_1)*a2_1*a1_2",
                    "(a2_1-y_1)*a2_1*(1-a2_1)*a1_2*a1_1"],
    "ex-backward-1": ["(1-tanh(z1_1)^2)*(w2_11*d2_1 + w2_21*d2_2)", "(1-tanh(z1_1)^2)*(w2_11*d2_1 + w2_12*d2_2)",
                      "w2_11*d2_1 + w2_21*d2_2", "(1-tanh(z1_1))*(w2_11*d2_1 + w2_21*d2_2)",
                      "(1-tanh(z1_1)^2)*(w2_11*d2_1 + w2_22*d2_2)"],
    "ex-why-fast-1": ["2*(n_1*(n_0+1) + n_2*(n_1+1)) + 1", "2*n_0*n_1 + 2*n_1 + 2*n_1*n_2 + 2*n_2 + 1",
                      "2*(n_1*n_0+n_2*n_1)+1", "2*(n_1*(n_0+1) + n_2*(n_1+1))", "n_1*(n_0+1) + n_2*(n_1+1) + 1",
                      "n_1*(n_0+1) + n_2*(n_1+1)", "n_0*n_1*n_2"],
    "ex-why-fast-2": ["n_2 + n_2*n_1 + n_1 + n_1*n_0 + n_2*n_1", "n_2*n_1 + n_1*n_0 + n_2*n_1",
                      "n_2 + n_1 + n_1*n_0 + n_2*n_1", "n_1*n_0"],
    "ex-why-fast-3": ["2*(L-1)*n^(L-1) + 2", "2*(L-1)*n**(L-1) + 2.0", "(L-1)*n^(L-1)+2", "2*L*n^L+2",
                      "2*(L-1)*n^(L-1)", "n^L"],
    "ex-training-1": ["2/lam", "2*lam^-1", "1/lam", "lam/2", "2*lam", "1/(2*lam)", "2/lambda_"],
    "ex-training-3": ["sqrt(6/(n_in+n_out))", "sqrt(6)/sqrt(n_in+n_out)", "(6/(n_in+n_out))^(1/2)",
                      "sqrt(2/(n_in+n_out))", "sqrt(3/n_in)", "sqrt(6/n_in)", "6/(n_in+n_out)", "sqrt(1/n_in)"],
    "ex-ch08-1": ["1-tanh(z)^2", "4/(exp(z)+exp(-z))^2", "1-tanh(z)", "tanh(z)^2", "1 - tanh(z)^2 + 1e-6"],
    "ex-ch08-2": ["a-y", "-(y/a - (1-y)/(1-a))*a*(1-a)", "(a-y)*a*(1-a)", "y-a"],
    "ex-ch08-3": ["(a-y)*(1-a^2)", "(a-y)*(1-a)*(1+a)", "a-y", "(a-y)*a*(1-a)"],
    "ex-real-3": ["a_1 - y_1", "exp(z_1)/(exp(z_1)+exp(z_2)+exp(z_3)) - y_1", "a_1*(1-a_1)*(a_1-y_1)",
                  "a_1 - y_1 - y_2", "a_1 - y_3"],
    "ex-hist-3": ["sigma(s)", "exp(s)/(1+exp(s))", "1/(1+exp(-s))", "1/(1+exp(s))", "ln(1+exp(s))",
                  "sigma(s)*(1-sigma(s))"],
}


def _text(x) -> str:
    """An array as a reader types it: repr of each entry, brackets for rows."""
    if np.ndim(x) == 0:
        return repr(float(x))
    return "[" + ", ".join(_text(v) for v in x) + "]"


def numeric_cases(spec) -> list[tuple[str, object]]:
    """(typed text, the array Python judges) for one numeric exercise."""
    want = spec.value
    flat = want.ravel()
    nan = flat.copy()
    nan[0] = np.nan
    short = flat[:-1] if flat.size > 2 else np.r_[flat, flat]  # a wrong shape (one unbracketed number is a scalar)
    cases = [(_text(want), want), (", ".join(repr(float(v)) for v in flat), want),
             (_text(want * (1 + 1e-10)), want * (1 + 1e-10)), (_text(want * (1 + 1e-6)), want * (1 + 1e-6)),
             (_text(want + 0.25), want + 0.25), (", ".join(repr(float(v)) for v in short), short),
             (", ".join(["nan", *(repr(float(v)) for v in flat[1:])]), nan.reshape(want.shape)),
             ("[" + _text(want) + "]", want[None])]
    cases += [(_text(np.asarray(m.answer)), np.asarray(m.answer)) for m in spec.mistakes()]
    return cases


def cases() -> list[dict]:
    out = []
    for spec in all_answers():
        if spec.kind == "symbolic":
            pairs = [(t, spec.parse(t)) for t in SYMBOLIC[spec.label]]
        else:
            pairs = numeric_cases(spec)
        for text, value in pairs:
            r = spec.check(value)
            out.append({"label": spec.label, "text": text, "correct": r.correct, "message": r.message})
    return out


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    data = {"specs": export_answers(), "cases": cases()}
    (outdir / "answers.json").write_text(json.dumps(data, indent=1, allow_nan=False), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fixtures"))
