"""How fast the widgets answer: measured numbers and their ratio to the goals (not a timed test).

1. kernel: the recomputation behind one slider change (a weight or η of the Weights widget, η of the Stepper),
   goal <= 5 ms median; median of 200 calls, the best of 3 rounds (other tenants of a shared machine only ever
   add time; the worst round is printed beside it);
2. JupyterLab in Chromium: key press on a slider of the live Weights widget (η, and a weight's value) -> updated
   diagram (a MutationObserver on the diagram, timestamps taken in the page), goal <= 20 ms median. The front end
   draws a change first from the page's engine (engine.js, document.js) and then from the kernel's document
   (bpnet), so two latencies are printed: to the first redraw, and to the kernel-confirmed one (the event
   `bpnet-confirmed`, which also says whether the two drawings were equal, and when the change was sent and its
   answer arrived). Where the kernel's path spends its time: one message's round trip through the server (a
   "ping"), the kernel's recomputation (1.), the transfer and the front end's parse and patch. The server runs with
   bpnet.widgets.server.NoDelayConnection, as `make lab` starts it;
3. the book's page (no kernel): a weight edit or an η key press -> the step recomputed in the page (engine.js,
   document.js) and the diagram redrawn, goal <= 16 ms median (one frame);
4. animation: frames per second of the stepper's player with no step skipped, static page and live JupyterLab,
   goal >= 10 fps.

    .venv/bin/python benchmarks/bench_widgets.py [--no-lab | --lab-only]   (CHROMIUM=/path overrides /usr/bin/chromium)
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the JupyterLab server shared with tests/lab

import bpnet  # noqa: E402 (after tests/ is put on sys.path)
from bpnet.widgets import Stepper, Weights, static_stepper  # noqa: E402 (after tests/ is put on sys.path)
from browser_bench import ARGS, CHROMIUM, report  # noqa: E402 (the benchmarks folder is on sys.path)
from lab_server import LabServer  # noqa: E402 (after tests/ is put on sys.path)

GOAL_KERNEL_MS, GOAL_LAB_MS, GOAL_FPS, GOAL_PAGE_MS = 5.0, 20.0, 10.0, 16.0



def median_ms(fn, n: int = 200, rounds: int = 3) -> tuple[tuple[float, float], tuple[float, float]]:
    """(best, worst) over ``rounds`` of the median wall-clock and CPU (this thread) milliseconds of n calls.
    ``fn(i)`` gets a call number that never repeats, so no call is answered from a cache."""
    fn(-1)
    medians, i = [], 0
    for _ in range(rounds):
        wall, cpu = [], []
        for _ in range(n):
            t, c = time.perf_counter(), time.thread_time()
            fn(i)
            cpu.append((time.thread_time() - c) * 1e3)
            wall.append((time.perf_counter() - t) * 1e3)
            i += 1
        medians.append((statistics.median(wall), statistics.median(cpu)))
    return min(medians), max(medians)


def report_both(name: str, times) -> None:
    (wall, cpu), (worst_wall, _) = times
    report(name + " (wall)", wall, GOAL_KERNEL_MS, "ms")
    report("    same, CPU time of the kernel thread", cpu, GOAL_KERNEL_MS, "ms")
    print(f"    (worst round's median: {worst_wall:.2f} ms wall)")


def bench_kernel() -> None:
    print(f"kernel (Python) recomputation per control change, median of 200 "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    w, s = Weights(), Stepper()
    report_both("Weights: edit one weight (trace, nudges, JSON)", median_ms(  # a new value each time: no cache hit
        lambda i=0: w.set_param("w2_0_0", 0.4 + 1e-5 * i)))
    report_both("Weights: move η one notch", median_ms(lambda i=0: setattr(w, "lr_index", 5 + i % 10)))
    report_both("Stepper: move η one notch (12 phases)", median_ms(lambda i=0: setattr(s, "lr_index", 5 + i % 10)))
    net, x, y = bpnet.worked_example()
    report_both("  for scale: bpnet forward + backward + step alone", median_ms(
        lambda i=0: net.copy().step(net.gradients(x, y), 0.5), 500))


def _launch(p):
    return p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None, args=ARGS)


FPS_JS = """async ([sel, interval, ms]) => {
  const root = document.querySelector(sel);
  const w = root.__bpnet || root.querySelector('.bp-mount').__w;
  const seen = [];
  const on = (e) => seen.push([performance.now(), e.detail.t]);
  root.addEventListener('bpnet-render', on);
  w.state.interval = interval; w.setPos(0); w.play(true);
  await new Promise((r) => setTimeout(r, ms));
  w.play(false); root.removeEventListener('bpnet-render', on);
  return seen;
}"""


def fps_of(seen) -> tuple[float, int]:
    seen = seen[1:]  # the first render is the reset to frame 0
    if len(seen) < 2:
        return 0.0, 0
    skipped = sum(1 for (_, a), (_, b) in zip(seen, seen[1:]) if b - a != 1)
    return (len(seen) - 1) / ((seen[-1][0] - seen[0][0]) / 1e3), skipped


def bench_static_fps() -> None:
    from playwright.sync_api import sync_playwright

    print("animation in a static book page (no kernel): the stepper's player, 40 frames:")
    out = static_stepper(steps=4)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_path = out.save(Path(tmp) / "stepper.html")
        b = _launch(p)
        page = b.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(page_path.as_uri())
        page.wait_for_function("() => document.querySelector('[data-bpnet-widget]').__bpnet")
        sel = "[data-bpnet-widget=stepper]"
        redraw = page.evaluate("""(sel) => { const w = document.querySelector(sel).__bpnet, t = [];
            for (let i = 0; i < 200; i++) {
              const s = performance.now(); w.setPos(i % 40); t.push(performance.now() - s);
            }
            t.sort((a, b) => a - b); return t[100]; }""", sel)
        print(f"  one redraw (diagram + equations), median                    {redraw:8.2f} ms")
        fps, skipped = fps_of(page.evaluate(FPS_JS, [sel, 100, 2000]))
        print(f"  player at the 'faster' speed (100 ms per frame): {fps:.2f} fps, steps skipped: {skipped}")
        for interval in (50, 25):  # the fastest speed the controls offer, and twice that
            fps, skipped = fps_of(page.evaluate(FPS_JS, [sel, interval, 2000]))
            report(f"player at {interval} ms per frame: fps (steps skipped: {skipped})", fps, GOAL_FPS, "fps", True)
        b.close()


LATENCY_SETUP = """() => {
  const root = document.querySelector('.bpnet-widget[data-bpnet-widget=weights]');
  const view = root.querySelector('.bp-view');
  window.__bp = { down: [], svg: [], confirmed: [] };
  root.addEventListener('keydown', () => window.__bp.down.push(performance.now()), true);
  root.addEventListener('bpnet-confirmed', (e) => window.__bp.confirmed.push({ ...e.detail, at: performance.now() }));
  new MutationObserver(() => window.__bp.svg.push(performance.now()))
    .observe(view, { childList: true, subtree: true, characterData: true, attributes: true });
}"""


LIVE_PLAYER_JS = """async () => {
  const root = document.querySelector('.bpnet-widget[data-bpnet-widget=stepper]');
  const seen = [], on = (e) => seen.push([performance.now(), e.detail.t]);
  const speed = root.querySelector('[data-control=speed]');
  speed.value = String(speed.options.length - 1); speed.dispatchEvent(new Event('change'));
  root.querySelector('[data-action=first]').click();
  root.addEventListener('bpnet-render', on);
  const play = root.querySelector('[data-action=play]');
  play.click();  // from frame 0 to the last frame, where the player stops by itself
  const t0 = performance.now();
  while (play.getAttribute('aria-pressed') === 'true' && performance.now() - t0 < 10000) {
    await new Promise((r) => setTimeout(r, 50));
  }
  root.removeEventListener('bpnet-render', on);
  return [[t0, 0], ...seen]; }"""


def press_latency(page, selector: str, n: int) -> dict[str, list]:
    """For each of n key presses on ``selector``, milliseconds from the key press to the first change of the
    diagram after it ("first"), to the kernel's document drawn ("confirmed"), and the parts of the latter: key
    press to message sent ("send"), sent to the kernel's answer received ("kernel"), received to drawn ("draw");
    "same": whether the kernel's drawing equaled the first."""
    slider = page.locator(selector)
    slider.focus()
    out: dict[str, list] = {"first": [], "confirmed": [], "send": [], "kernel": [], "draw": [], "same": []}
    for i in range(n):
        k, c = page.evaluate("() => [window.__bp.svg.length, window.__bp.confirmed.length]")
        slider.press("ArrowRight" if (i // 5) % 2 == 0 else "ArrowLeft")
        page.wait_for_function(f"() => window.__bp.svg.length > {k} && window.__bp.confirmed.length > {c}",
                               timeout=10_000)
        page.wait_for_timeout(30)
        down, svg, conf = page.evaluate(
            "() => [window.__bp.down.at(-1), window.__bp.svg, window.__bp.confirmed.at(-1)]")
        out["first"].append(min(t for t in svg if t >= down) - down)
        out["confirmed"].append(conf["drawn"] - down)
        out["send"].append(conf["sent"] - down)
        out["kernel"].append(conf["received"] - conf["sent"])
        out["draw"].append(conf["drawn"] - conf["received"])
        out["same"].append(conf["same"])
    return out


PING_JS = """async (n) => { const root = document.querySelector('.bpnet-widget[data-bpnet-widget=weights]');
  const t = []; for (let i = 0; i < n; i++) t.push(await root.__bpnetPing()); return t; }"""


def bench_breakdown(page, n: int = 40) -> None:
    """Where the kernel's path spends its time: one message there and back, and the document's size."""
    ping = page.evaluate(PING_JS, n)
    print(f"    the weights widget's document: {len(Weights().doc_json.encode()) / 1e3:.1f} kB of JSON per change")
    print(f"    one comm message to the kernel and back (ping/pong, no computing), median of {n}: "
          f"{statistics.median(ping):.1f} ms (min {min(ping):.1f}, max {max(ping):.1f})")


def held_key_lag(page, root: str, presses: int = 30) -> float:
    """Milliseconds from the last of ``presses`` ArrowRight presses ~33 ms apart (a held key's auto-repeat) on the
    selected weight's slider to the first diagram change after which the weight table shows that press's value."""
    slider = page.locator(f"{root} input[data-control=value]")
    slider.focus()
    for _ in range(presses):
        slider.press("ArrowRight")
        page.wait_for_timeout(33)
    want = f"{float(slider.input_value()):.4f}"
    row = page.locator(f"{root} tr.bp-sel td").first
    page.wait_for_function("([el, v]) => el.textContent === v", arg=[row.element_handle(), want], timeout=30_000)
    page.wait_for_timeout(200)
    down, svg = page.evaluate("() => [window.__bp.down.at(-1), window.__bp.svg]")
    return max(t for t in svg if t >= down) - down  # the last redraw: the one that shows the final value


def bench_lab(n: int = 40) -> None:
    import nbformat
    from playwright.sync_api import sync_playwright

    print(f"JupyterLab in Chromium (live widgets, kernel on the same machine; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell("from bpnet.widgets import Weights, Stepper\nWeights()"),
                    nbformat.v4.new_code_cell("Stepper(steps=4)")]
        nbformat.write(nb, Path(tmp) / "bench.ipynb")
        lab = LabServer(Path(tmp), Path(tmp) / ".scratch", env={"PYTHONPATH": str(REPO)})
        try:
            with sync_playwright() as p:
                b = _launch(p)
                page = b.new_page(viewport={"width": 1400, "height": 1100})
                origin = lab.origin
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((origin, "data:", "blob:"))
                           else r.abort())
                page.goto(lab.url("bench.ipynb"))
                page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
                select = page.locator('.jp-Dialog button:has-text("Select")')
                try:  # JupyterLab may ask which kernel to start
                    select.wait_for(timeout=8_000)
                    select.click()
                except Exception:  # noqa: BLE001  no dialog
                    pass
                page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(timeout=90_000)
                page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
                page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
                page.locator(".bpnet-widget[data-bpnet-widget=stepper] .bp-svg").wait_for(timeout=120_000)
                page.evaluate(LATENCY_SETUP)
                bench_breakdown(page)
                med = statistics.median
                for control, label in (("lr", "η slider"), ("value", "weight-value slider")):
                    lat = press_latency(page, f".bpnet-widget[data-bpnet-widget=weights] input[data-control={control}]",
                                        n)
                    first, confirmed = lat["first"], lat["confirmed"]
                    report(f"key press on the {label} -> first redraw (page's engine), median of {n}", med(first),
                           GOAL_LAB_MS, "ms")
                    print(f"    (min {min(first):.1f}, max {max(first):.1f} ms)")
                    report(f"key press on the {label} -> kernel-confirmed redraw (bpnet), median of {n}",
                           med(confirmed), GOAL_LAB_MS, "ms")
                    print(f"    (min {min(confirmed):.1f}, max {max(confirmed):.1f} ms; of which key press -> sent "
                          f"{med(lat['send']):.1f}, sent -> kernel's answer received {med(lat['kernel']):.1f}, "
                          f"received -> drawn {med(lat['draw']):.1f} ms; kernel's drawing equal to the first in "
                          f"{sum(lat['same'])} of {n}; load average {os.getloadavg()[0]:.1f})")
                lag = held_key_lag(page, ".bpnet-widget[data-bpnet-widget=weights]")
                report("held arrow key on the weight slider (30 presses 33 ms apart): last press -> its value drawn",
                       lag, GOAL_LAB_MS, "ms")
                # live stepper: the player runs in the browser and sends the frame it stops on to the kernel
                seen = page.evaluate(LIVE_PLAYER_JS)
                fps, skipped = fps_of(seen)
                report(f"live stepper player, fastest speed (50 ms): fps (skipped {skipped}, {len(seen) - 1} frames)",
                       fps, GOAL_FPS, "fps", True)
                b.close()
        finally:
            lab.stop()


PAGE_LATENCY_SETUP = """(sel) => {
  const root = document.querySelector(sel), view = root.querySelector('.bp-view');
  window.__bp = { down: [], svg: [], frame: [] };
  root.addEventListener('keydown', () => {
    window.__bp.down.push(performance.now());
    requestAnimationFrame(() => window.__bp.frame.push(performance.now()));  // the next frame, drawn after it
  }, true);
  new MutationObserver(() => window.__bp.svg.push(performance.now()))
    .observe(view, { childList: true, subtree: true, characterData: true, attributes: true });
}"""


def page_press_latency(page, root: str, selector: str, keys: tuple[str, str], n: int) -> tuple[list, list]:
    """(ms to the patched diagram, ms to the next animation frame) for n key presses on ``selector`` inside
    ``root``: each recomputes the step in the page (engine.js, document.js) and redraws."""
    page.evaluate(PAGE_LATENCY_SETUP, root)
    control = page.locator(f"{root} {selector}")
    control.focus()
    redraw, frame = [], []
    for i in range(n):
        k = len(page.evaluate("() => window.__bp.frame"))
        control.press(keys[(i // 5) % 2])
        page.wait_for_function(f"() => window.__bp.frame.length > {k}", timeout=10_000)
        down, svg, fr = page.evaluate("() => [window.__bp.down.at(-1), window.__bp.svg, window.__bp.frame.at(-1)]")
        after = [t for t in svg if t >= down]
        if after:  # (a key at the end of the scale changes nothing)
            redraw.append(min(after) - down)
            frame.append(fr - down)
    return redraw, frame


def bench_book_inpage(n: int = 60) -> None:
    """The built page (chapter 4 of _build/html, else a standalone page with the same script) from file:// in
    Chromium: a weight edit or an η key press -> the step recomputed in the page and the diagram redrawn."""
    from playwright.sync_api import sync_playwright

    from bpnet.widgets.embed import page as standalone
    from bpnet.widgets.stepper import static_stepper as stepper
    from bpnet.widgets.weights import static_weights

    built = REPO / "_build" / "html" / "chapters" / "04_hidden_layer.html"
    print(f"in the book's page (no kernel; {'the built chapter 4' if built.is_file() else 'a standalone page'}), "
          f"key press -> step recomputed in the page and diagram redrawn, median of {n} (goal <= {GOAL_PAGE_MS:g} ms, "
          "one frame):")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = built
        if not built.is_file():
            path = Path(tmp) / "page.html"
            path.write_text(standalone([stepper(), static_weights()]), encoding="utf-8")
        b = _launch(p)
        page = b.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(path.as_uri())
        page.locator("[data-bpnet-widget=weights] .bp-svg").wait_for(timeout=30_000)
        weights, stepper_root = ".bpnet-widget[data-bpnet-widget=weights]", ".bpnet-widget[data-bpnet-widget=stepper]"
        page.locator(f"{stepper_root} input[data-control=scrub]").focus()
        page.keyboard.press("End")  # the stepper at its last phase: the cost after the step
        value, lr = ("input[data-control=value]", ("ArrowUp", "ArrowDown")), ("input[data-control=lr]",
                                                                              ("ArrowRight", "ArrowLeft"))
        for root, (selector, keys), label in ((weights, value, "weights view: weight edit (arrow key)"),
                                              (weights, lr, "weights view: η key press"),
                                              (stepper_root, value, "stepper: weight edit (arrow key)"),
                                              (stepper_root, lr, "stepper: η key press")):
            redraw, frame = page_press_latency(page, root, selector, keys, n)
            report(f"{label} -> diagram patched", statistics.median(redraw), GOAL_PAGE_MS, "ms")
            print(f"    (min {min(redraw):.1f}, max {max(redraw):.1f} ms; to the next animation frame: median "
                  f"{statistics.median(frame):.1f} ms)")
        b.close()


def main() -> None:
    if "--lab-only" not in sys.argv:
        bench_kernel()
        bench_book_inpage()
        bench_static_fps()
    if "--no-lab" not in sys.argv:
        bench_lab()


if __name__ == "__main__":
    main()
