"""The page-checkable exercises (bpnet.exercises.spec, collected by bpnet.exercises.page): every exercise with a
numeric or symbolic checker has exactly one spec, its Python checker accepts the expected answer and rejects a
perturbed one and every known mistake (with that mistake's hint), and the export is JSON with the values the page
compares at every point."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from bpnet import exercises as ex
from bpnet.exercises._core import POINT_FLOOR, POINT_RTOL, close_at_point
from bpnet.exercises.page import all_answers, answer, export_answers
from bpnet.exercises.spec import N_POINTS

REPO = Path(__file__).resolve().parent.parent
SPECS = all_answers()
N_PAGE_CHECKABLE = 22  # 4 numeric + 18 symbolic (the other 12 checkers run the reader's code: not in a page)


def exercise_checkers() -> dict[str, list[str]]:
    """label -> the bpnet.exercises checkers an exercise's text names, from the chapters' {exercise} directives."""
    out: dict[str, list[str]] = {}
    for nb in sorted((REPO / "chapters").glob("*.ipynb")):
        text = "\n".join("".join(c["source"]) for c in json.loads(nb.read_text("utf-8"))["cells"])
        for block in re.split(r"```\{exercise\}", text)[1:]:
            body = block.split("\n```\n\n", 1)[0].split("```{solution}", 1)[0]
            label = re.search(r":label: (\S+)", body)[1]
            out[label] = sorted(set(re.findall(r"exercises\.(check_\w+)", body)))
    return out


def runs_readers_code(name: str) -> bool:
    """A checker that calls the reader's function (check_function, or its own loop over cases) cannot run in a page."""
    src = inspect.getsource(getattr(ex, name))
    return "check_function" in src or "callable(fn)" in src or name == "check_project"


def test_every_numeric_or_symbolic_exercise_has_one_spec():
    checkers = exercise_checkers()
    want = sorted(label for label, names in checkers.items() if names and not all(map(runs_readers_code, names)))
    got = [s.label for s in SPECS]
    assert len(got) == len(set(got)), "two specs for one exercise"
    assert sorted(got) == want
    assert len(got) == N_PAGE_CHECKABLE, f"{len(got)} page-checkable exercises"
    assert sum(s.kind == "numeric" for s in SPECS) == 4 and sum(s.kind == "symbolic" for s in SPECS) == 18


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.label)
def test_checker_accepts_the_expected_answer_and_rejects_a_perturbed_one(spec):
    if spec.kind == "numeric":
        right, wrong = spec.value, spec.value * (1 + 1e-3) + 1e-3
    else:
        right = spec.parts.expected
        wrong = right * (1 + sp.Rational(1, 1000)) + sp.Rational(1, 1000)
    assert spec.check(right).correct, spec.check(right).message
    r = spec.check(wrong)
    assert not r.correct and f"Hint: {spec.hint}" in r.message
    for m in spec.mistakes() if spec.kind == "numeric" else spec.parts.mistakes:
        r = spec.check(m.answer)
        assert not r.correct and r.message == m.message(spec.what), r.message


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.label)
def test_export_is_json_and_holds_the_values_the_page_compares(spec):
    data = json.loads(json.dumps(spec.export(), allow_nan=False))
    assert data["label"] == spec.label and data["what"] == spec.what and data["hint"] == spec.hint
    if spec.kind == "numeric":
        assert data["shape"] == list(spec.value.shape)
        np.testing.assert_array_equal(np.reshape(data["expected"], data["shape"]), spec.value)
        assert [m["message"] for m in data["mistakes"]] == [m.message(spec.what) for m in spec.mistakes()]
        return
    p = spec.parts
    assert len(data["points"]) == len(data["expected"]) == N_POINTS
    names = [n["name"] for n in data["names"]]
    assert names == list(p.names) and all(n["meaning"] for n in data["names"])
    for point, want in zip(data["points"], data["expected"]):
        assert set(point) == set(names)
        # the expected expression written in the names agrees with the exported value at every point
        base = {}
        for n, (value, _) in p.names.items():
            if isinstance(value, sp.Symbol):
                base[value] = point[n]
        got = complex(sp.N(p.expected.subs(base)))
        assert close_at_point(got, want), (spec.label, got, want)
    assert data["rtol"] == POINT_RTOL and data["floor"] == POINT_FLOOR


def test_page_data_never_holds_an_answer_as_text():
    """Beyond the hints (the Python checker's own words), an exercise's data holds numbers, names and meanings."""
    for label, data in export_answers().items():
        spec = answer(label)
        text = json.dumps({k: v for k, v in data.items() if k not in ("hint", "mistakes")})
        if spec.kind == "symbolic":
            for form in (str(spec.parts.expected), sp.sstr(sp.simplify(spec.parts.expected))):
                assert form not in text, spec.label


def test_parse_reads_what_the_page_reads():
    spec = answer("ex-neuron-1")
    assert spec.check(spec.parse("(a - y)*a*(1 - a)*x_2")).correct
    assert spec.check(spec.parse("(sigma(z) - y)*sigma(z)*(1 - sigma(z))*x_2")).correct
    assert answer("ex-why-fast-3").check(answer("ex-why-fast-3").parse("2*(L-1)*n^(L-1) + 2")).correct
    assert not answer("ex-intro-1").check(answer("ex-intro-1").parse("pi*z")).correct  # "pi" is a name, as in the page
    with pytest.raises(KeyError, match="ex-neuron-1"):
        answer("ex-nowhere")


def test_close_at_point_is_relative_with_a_floor():
    assert close_at_point(1e6 + 1e-4, 1e6) and not close_at_point(1e6 + 1e-2, 1e6)
    assert close_at_point(1e-12, 0.0) and not close_at_point(1e-8, 0.0)
    assert not close_at_point(float("nan"), 1.0) and not close_at_point(float("inf"), float("inf"))


def test_the_page_script_links_only_what_answers_js_imports():
    from bpnet.widgets.assets import linked, needed

    assert needed("answers.js") == ("format.js", "answers.js")
    script = linked("answers.js")
    assert 'modules["answers.js"]' in script and 'modules["format.js"]' in script and "engine.js" not in script
    assert "eval(" not in script and "Function(" not in script
    with pytest.raises(ValueError, match="no module 'nope.js'.*answers.js"):
        needed("nope.js")
