"""Exercises checked in the built book's page (bpnet/widgets/static/answers.js on the data _ext/bpnet_book/answers.py
writes), served locally and opened from file://, every non-local request aborted: a right answer is accepted, a
wrong one gets the checker's hint and a known wrong one its own hint, each message exactly what bpnet's Python
checker prints; Enter checks like the button; the expected numbers are not in the page's text until the solution is
opened; axe-core finds nothing serious in an exercise box with its answer shown, light, dark and at 390 px."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from test_accessibility import FAILING, describe, run_axe

from bpnet.exercises.page import answer
from browser_support import REPO, browser, open_page, serve_book  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

BUILD = Path(os.environ.get("BPNET_BOOK_HTML") or REPO / "_build" / "html")


@pytest.fixture(scope="module")
def site():
    yield from serve_book(BUILD)


def _opener(scheme: str, browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """open(chapter page, mode, width) -> page, from the served build or from file://; no problems logged."""
    opened = []

    def open_(path: str, mode: str = "light", width: int = 1280):
        origin, url = (site, f"{site}/{path}") if scheme == "http" else ("file://", (BUILD / path).as_uri())
        page, log = open_page(browser, origin, viewport={"width": width, "height": 900})
        page.add_init_script(f"localStorage.setItem('mode', '{mode}');")
        page.goto(url)
        page.locator("form.bpnet-answer").first.wait_for(timeout=15_000)
        opened.append((page, log))
        return page

    yield open_
    for page, log in opened:
        assert not log.problems(), "\n".join(log.problems())
        page.context.close()


@pytest.fixture(params=["http", "file"])
def opener(request, browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    yield from _opener(request.param, browser, site)


@pytest.fixture
def served_opener(browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Served only: axe-core reads stylesheets with XMLHttpRequest, which file:// refuses."""
    yield from _opener("http", browser, site)


def verdict(page, label: str, text: str, enter: bool = False) -> str:
    box = page.locator(f"#{label}")
    box.get_by_role("textbox").fill(text)
    if enter:
        box.get_by_role("textbox").press("Enter")
    else:
        box.get_by_role("button", name="Check").click()
    return box.get_by_role("status").inner_text()


def python(label: str, value) -> str:
    """bpnet's verdict, as CheckResult prints it."""
    return repr(answer(label).check(value))


def typed(values) -> str:
    return ", ".join(repr(float(v)) for v in np.ravel(values))


def test_numeric_answer(opener):
    page = opener("chapters/02_neuron.html")
    spec = answer("ex-neuron-3")
    want = spec.value
    for label, text, value in [("ex-neuron-3", typed(want), want), ("ex-neuron-3", typed(want + 0.01), want + 0.01),
                               ("ex-neuron-3", typed(want[:2]), want[:2])]:
        assert verdict(page, label, text) == python(label, value)
    assert verdict(page, "ex-neuron-3", typed(want), enter=True).startswith("Correct: ")
    assert "Hint: " + spec.hint in python("ex-neuron-3", want + 0.01)


def test_numeric_known_mistake(opener):
    page = opener("chapters/04_hidden_layer.html")
    spec = answer("ex-hidden-3")
    stale, transposed = (m.answer for m in spec.mistakes())
    assert verdict(page, "ex-hidden-3", typed(spec.value)).startswith("Correct: ")
    for wrong in (stale, transposed):
        text = "[" + ", ".join("[" + typed(row) + "]" for row in wrong) + "]"
        got = verdict(page, "ex-hidden-3", text)
        assert got == python("ex-hidden-3", wrong) and got.startswith("Not yet: ") and "Hint: " in got


def test_symbolic_answer_and_known_mistake(opener):
    page = opener("chapters/04_hidden_layer.html")
    spec = answer("ex-hidden-2")
    cases = ["(a2_1 - y_1)*a2_1*(1 - a2_1)*a1_2", "a1_2*(a2_1 - a2_1^2)*(a2_1 - y_1)",  # right
             "(a2_1 - y_1)*a2_1*a1_2",  # wrong: the general hint
             "2*(a2_1 - y_1)*a2_1*(1 - a2_1)*a1_2", "(a2_1 - y_1)*a2_1*(1 - a2_1)*a1_1"]  # known mistakes
    got = [verdict(page, "ex-hidden-2", t, enter=k % 2 == 1) for k, t in enumerate(cases)]
    assert got == [python("ex-hidden-2", spec.parse(t)) for t in cases]
    assert got[0].startswith("Correct: ") and got[1].startswith("Correct: ")
    assert got[2].endswith("Hint: " + spec.hint)
    assert "twice too large" in got[3] and "wrong hidden activation" in got[4]
    assert "could not read your answer" in verdict(page, "ex-hidden-2", "2a2_1")


def test_symbolic_answer_in_chapter_2(opener):
    page = opener("chapters/02_neuron.html")
    spec = answer("ex-neuron-1")
    for text in ["(a - y)*a*(1 - a)*x_2", "(sigma(z) - y)*sigma(z)*(1 - sigma(z))*x_2", "(a - y)*x_2", "x*a"]:
        assert verdict(page, "ex-neuron-1", text) == python("ex-neuron-1", spec.parse(text))


@pytest.mark.parametrize("path, label", [("chapters/02_neuron.html", "ex-neuron-3"),
                                         ("chapters/04_hidden_layer.html", "ex-hidden-3")])
def test_expected_numbers_hidden_until_the_solution_opens(opener, path, label):
    """Neither the exercise box nor its form shows the expected numbers; the solution stays folded. (The chapters'
    own worked cells above these two exercises print the same numbers: that is the chapter's text, not the form's.)"""
    page = opener(path)
    spec = answer(label)
    forms = {f"{v:.4g}" for v in spec.value.ravel()} | {f"{v:.6f}" for v in spec.value.ravel()}
    box = page.locator(f"#{label}")
    assert not {f for f in forms if f in box.inner_text()}, f"{label}: the box shows the expected values"
    solution = page.locator(f".solution:has(> .admonition-title a[href='#{label}'])")
    assert solution.count() == 1 and not solution.locator("section").first.is_visible(), "the solution is not folded"
    assert not page.evaluate("() => document.body.innerHTML.includes('BPNET_ANSWERS')")


@pytest.mark.parametrize("view", [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)],
                         ids=["light", "dark", "light-390px", "dark-390px"])
def test_answer_box_has_no_serious_axe_finding(served_opener, view):
    mode, width = view
    page = served_opener("chapters/02_neuron.html", mode=mode, width=width)
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode
    verdict(page, "ex-neuron-1", "(a - y)*x_2")
    verdict(page, "ex-neuron-3", "1, 2, 3")
    for label in ("ex-neuron-1", "ex-neuron-3"):
        found = run_axe(page, context={"include": [[f"#{label}"]]})
        failing = [v for v in found if v["impact"] in FAILING]
        assert not failing, f"{label} ({mode}, {width} px):\n" + describe(failing)
    # the controls: named by their label and button text, a visible focus ring
    box = page.locator("#ex-neuron-1")
    assert box.get_by_role("textbox", name=f"Your answer: {answer('ex-neuron-1').what}").count() == 1  # ∂C/∂w₁₂
    box.get_by_role("textbox").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).outlineWidth")
    assert page.evaluate("() => document.activeElement.textContent") == "Check" and outline == "solid 3px"


def test_answer_scripts_once_per_site_and_only_where_an_exercise_is_checkable():
    """The two scripts are files of the site, fresh from bpnet; a page loads them (once) exactly when it holds a
    checkable exercise box, and every checkable exercise is in some page."""
    import re
    import sys

    sys.path.insert(0, str(REPO / "_ext"))
    from bpnet_book.answers import DATA, SCRIPT, answers_script, data_script

    from bpnet.exercises.page import all_answers

    for name, fresh in ((DATA, data_script()), (SCRIPT, answers_script())):
        path = BUILD / "_static" / name
        assert path.is_file() and path.read_text(encoding="utf-8") == fresh, f"{path} is stale: run `make book`"
    labels, seen = {a.label for a in all_answers()}, set()
    for page in sorted(BUILD.rglob("*.html")):
        if {"_static", "_sources", "_images"} & set(page.relative_to(BUILD).parts):
            continue
        html = page.read_text(encoding="utf-8")
        here = labels & set(re.findall(r'<div class="exercise[^"]*" id="([^"]+)"', html))
        seen |= here
        for name in (DATA, SCRIPT):
            n = len(re.findall(rf'<script src="[./]*_static/{re.escape(name)}[?"]', html))
            assert n == (1 if here else 0), f"{page.relative_to(BUILD)} loads {name} {n} times"
    assert seen == labels, f"checkable exercises on no page: {sorted(labels - seen)}"
