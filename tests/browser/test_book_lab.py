"""The lab of the static book in headless Chromium, every non-local request aborted: the training explorer trains in
the page (engine.js) and its numbers are bpnet's; the cost surface recomputes gradient descent's path for an η that
no precomputed grid held, and its points are bpnet's. Served over HTTP, and opened from file:// too."""
from __future__ import annotations

import numpy as np
import pytest

from bpnet.errors import DivergenceError
from bpnet.widgets import static_explorer, static_surface
from bpnet.widgets.explorer import OUTPUTS, load, make_network, train
from bpnet.widgets.surface import SURFACE_LRS, descend, surface_problem
from browser_support import browser, open_page, widget_site  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    outs = [static_explorer(), static_surface()]
    with widget_site(root, outs, title="lab") as origin:
        yield origin, root


@pytest.fixture
def page(browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    origin, _ = site
    pg, log = open_page(browser, origin)
    pg.goto(f"{origin}/index.html")
    pg.locator("[data-bpnet-widget=surface] svg.bp-svg").wait_for(timeout=15_000)
    yield pg
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()


RUN = "kind => { const r = document.querySelector(`[data-bpnet-widget=${kind}]`).__bpnet.run; " \
      "return {epoch: r.epoch, costs: r.costs, eta: r.eta, message: r.message}; }"
SURFACE_PATH = "() => { const p = document.querySelector('[data-bpnet-widget=surface]').__bpnet.path; " \
               "return {eta: p.eta, points: p.points, costs: p.costs}; }"


def close(got, want, rel=1e-12) -> bool:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    return got.shape == want.shape and float(np.max(np.abs(got - want))) <= rel * float(np.max(np.abs(want)))


def test_explorer_trains_in_the_page_until_the_cost_falls_with_bpnet_s_numbers(page):
    root = page.locator("[data-bpnet-widget=explorer]")
    train_button = root.locator("button[data-action=train]")
    train_button.click()
    page.wait_for_function("() => +document.querySelector('[data-bpnet-widget=explorer] .bp-mount').dataset.epoch "
                           ">= 40", timeout=20_000)
    train_button.click()  # pause
    assert train_button.get_attribute("aria-pressed") == "false"
    run = page.evaluate(RUN, "explorer")
    assert run["epoch"] >= 40 and run["costs"][-1] < 0.8 * run["costs"][0] and not run["message"]
    # full batch has no shuffling: every epoch's cost is bpnet's (bpnet.widgets.explorer.train, the live widget's)
    X, Y = load("moons")
    costs, _ = train(make_network(8, "tanh"), X, Y, epochs=run["epoch"], lr=0.3)
    assert close(run["costs"], costs, 1e-11)
    caption = root.locator(".bp-side").inner_text()
    assert caption.startswith(f"moons, 8 tanh units, sigmoid output, cross-entropy, η = 0.3, full batch: epoch "
                              f"{run['epoch']}, cost 0.601 → ") and "of points classified right" in caption
    # the two classes differ by shape as well as color: circles for class 0, triangles for class 1
    labels = Y[:, 0] > 0.5
    assert root.locator(".bp-lab-points circle.bp-c0").count() == int(np.sum(~labels))
    assert root.locator(".bp-lab-points path.bp-c1").count() == int(np.sum(labels))
    assert root.locator(".bp-lab-points circle.bp-c1, .bp-lab-points path.bp-c0").count() == 0
    assert root.locator("path.bp-lab-boundary").get_attribute("d").startswith("M")


def test_explorer_controls_step_reset_and_divergence_with_bpnet_s_message(page):
    root = page.locator("[data-bpnet-widget=explorer]")
    mount = root.locator(".bp-mount")
    root.locator("select[data-control=dataset]").select_option(label="spirals")
    root.locator("select[data-control=batch]").select_option(label="8")
    hidden = root.locator("input[data-control=hidden]")
    hidden.focus()
    hidden.press("ArrowLeft")  # 7 units
    root.locator("button[data-action=step]").click()
    assert mount.get_attribute("data-epoch") == "1"
    assert root.locator(".bp-side").inner_text().startswith("spirals, 7 tanh units, sigmoid output, cross-entropy, "
                                                            "η = 0.3, 8: epoch 1")
    root.locator("button[data-action=reset]").click()
    assert mount.get_attribute("data-epoch") == "0"
    # an identity output with squared error at η = 10 grows until the cost overflows: bpnet's DivergenceError
    root.locator("select[data-control=dataset]").select_option(label="moons")
    root.locator("select[data-control=batch]").select_option(label="full batch")
    hidden.focus()
    hidden.press("ArrowRight")  # 8 units again
    root.locator("select[data-control=output]").select_option(label="identity output, squared error")
    box = root.locator("input[data-control=lr-text]")
    box.fill("10")
    box.press("Enter")
    slider = root.locator("input[data-control=lr]")
    assert slider.get_attribute("aria-valuetext") == "η = 10"
    root.locator("select[data-control=speed]").select_option(index=2)
    root.locator("button[data-action=train]").click()
    message = root.locator(".bp-message")
    message.wait_for(state="visible", timeout=20_000)
    X, Y = load("moons")
    net = make_network(8, "tanh", **dict(zip(("output_activation", "loss"), OUTPUTS["identity output, squared error"])))
    with pytest.raises(DivergenceError) as exc:
        net.fit(X, Y, epochs=2000, lr=10.0)
    assert message.inner_text().startswith(str(exc.value)), message.inner_text()
    assert root.locator("button[data-action=train]").get_attribute("aria-pressed") == "false"
    run = page.evaluate(RUN, "explorer")
    assert all(np.isfinite(run["costs"])) and run["epoch"] == exc.value.epoch - 2
    box.fill("abc")
    box.press("Enter")
    assert "the learning rate η must be a number from 0.001 to 100" in message.inner_text()


def surface_labels(page) -> list[str]:
    return page.locator("[data-bpnet-widget=surface] circle.bp-lab-step title").all_text_contents()


def bpnet_path(eta: float):
    net, X, Y, free, start, extent = surface_problem()
    return descend(net, X, Y, free, start, eta, 30, extent)


def test_surface_any_eta_gives_bpnet_s_path(page):
    root = page.locator("[data-bpnet-widget=surface]")
    assert 0.37 not in SURFACE_LRS  # a value the old precomputed grid did not hold
    box = root.locator("input[data-control=lr-text]")
    box.fill("0.37")
    box.press("Enter")
    path, message = bpnet_path(0.37)
    got = page.evaluate(SURFACE_PATH)
    assert got["eta"] == 0.37 and close(got["points"], path.points) and close(got["costs"], path.costs)
    # the strings on screen (each point's title, the caption) as bpnet.widgets.surface formats them
    want = static_labels(path)
    assert surface_labels(page) == want and not message
    assert root.locator(".bp-side").inner_text() == f"{want[-1]} — good: the path runs down into the valley and settles"
    # the keyboard: the slider's next value, any η of its grid, recomputed in the page
    slider = root.locator("input[data-control=lr]")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    eta = page.evaluate(SURFACE_PATH)["eta"]
    assert eta != 0.37 and slider.get_attribute("aria-valuetext") == f"η = {eta:g}"
    path, message = bpnet_path(eta)
    assert close(page.evaluate(SURFACE_PATH)["points"], path.points)
    assert surface_labels(page)[:5] == static_labels(path)[:5]
    # a divergent η: bpnet's message
    box.fill("1.37")
    box.press("Enter")
    path, message = bpnet_path(1.37)
    assert message and root.locator(".bp-message").inner_text() == message
    assert root.locator(".bp-side").inner_text().endswith("the cost grows")


def static_labels(path) -> list[str]:
    from bpnet.widgets.format import fmt

    return [f"step {i}: w⁽¹⁾₁₁ = {fmt(a, 4)}, w⁽¹⁾₁₂ = {fmt(b, 4)}, C = {fmt(c, 4)}"
            for i, ((a, b), c) in enumerate(zip(path.points, path.costs))]


def test_surface_player(page):
    root = page.locator("[data-bpnet-widget=surface]")
    svg = root.locator("svg.bp-svg")
    assert svg.get_attribute("data-step") == "0"
    root.locator("button[data-action=step]").click()
    assert svg.get_attribute("data-step") == "1"
    root.locator("button[data-action=play]").click()
    page.wait_for_function("() => document.querySelector('[data-bpnet-widget=surface] svg.bp-svg').dataset.step >= 3",
                           timeout=5_000)
    scrub = root.locator("input[data-control=scrub]")
    scrub.focus()
    scrub.press("End")
    assert svg.get_attribute("data-step") == scrub.get_attribute("max") == "30"


def test_from_file_url(browser, site):  # noqa: F811 (pytest fixture imported by name from browser_support)
    """Opened from file:// (Chromium blocks ES-module imports there): the classic script mounts and trains."""
    _, root_dir = site
    pg, log = open_page(browser, "file://")
    pg.goto((root_dir / "index.html").as_uri())
    root = pg.locator("[data-bpnet-widget=explorer]")
    root.locator("button[data-action=step]").click()
    root.locator("button[data-action=step]").click()
    assert root.locator(".bp-mount").get_attribute("data-epoch") == "2"
    box = pg.locator("[data-bpnet-widget=surface] input[data-control=lr-text]")
    box.fill("0.0173")
    box.press("Enter")
    assert surface_labels(pg) == static_labels(bpnet_path(0.0173)[0])
    assert not log.problems(), "\n".join(log.problems())
    pg.context.close()
