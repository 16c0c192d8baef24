"""How fast the lab of the static book runs (static/lab.js on engine.js), in Chromium: measured numbers and their
ratio to the goals (not a timed test).

1. explorer training with a redraw after every epoch (the default network: moons, 8 tanh units, full batch, the
   default speed of one epoch a frame): epochs per second over 5 s of the page's own train loop, goal >= 30;
   and the work of one epoch plus its redraw (decision boundary on a 48 x 48 grid, boundary line, cost curve,
   caption) with the layout it causes, median ms: what bounds the rate when the display does not;
2. the same loop at the fastest speed (25 epochs a frame), epochs per second;
3. the cost surface: a new η -> the 30-step path recomputed and redrawn, median ms (goal <= 16 ms, one frame).

    .venv/bin/python benchmarks/bench_lab.py       (CHROMIUM=/path overrides /usr/bin/chromium)
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bpnet.widgets import static_explorer, static_surface  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.assets import BUNDLE_NAME, classic  # noqa: E402 (after the repository is put on sys.path)
from bpnet.widgets.embed import page as page_of  # noqa: E402 (after the repository is put on sys.path)
from browser_bench import ARGS, CHROMIUM, report  # noqa: E402 (the benchmarks folder is on sys.path)

GOAL_STEPS, GOAL_FRAME_MS = 30.0, 16.0



TRAIN_JS = """async ([speed, ms]) => {
  const root = document.querySelector('[data-bpnet-widget=explorer]'), w = root.__bpnet;
  w.reset();
  const sel = root.querySelector('select[data-control=speed]');
  sel.value = String(speed); sel.dispatchEvent(new Event('change'));
  let frames = 0;
  const on = () => { frames += 1; };
  root.addEventListener('bpnet-render', on);
  const e0 = w.run.epoch, t0 = performance.now();
  w.play();
  w.state.stopAt = Infinity;  // no pause after the document's number of epochs
  await new Promise((r) => setTimeout(r, ms));
  w.pause();
  const t = performance.now() - t0, epochs = w.run.epoch - e0;
  root.removeEventListener('bpnet-render', on);
  return { epochs, frames, seconds: t / 1e3, message: w.run.message };
}"""

STEP_COST_JS = """(n) => {
  const root = document.querySelector('[data-bpnet-widget=explorer]'), w = root.__bpnet, t = [];
  w.reset();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    w.trainAndDraw(1);
    root.getBoundingClientRect(); document.body.offsetHeight;  // the style and layout the redraw causes
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return [t[Math.floor(n / 2)], t[Math.floor(0.9 * n)]];
}"""

SURFACE_JS = """(etas) => {
  const root = document.querySelector('[data-bpnet-widget=surface]'), w = root.__bpnet, t = [];
  for (const eta of etas) {
    const s = performance.now();
    w.setLr(eta);
    root.getBoundingClientRect(); document.body.offsetHeight;
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return [t[Math.floor(t.length / 2)], t.at(-1)];
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    print(f"the lab in a static book page, Chromium (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
          "cores):")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        root = Path(tmp)
        (root / BUNDLE_NAME).write_text(classic(), "utf-8")
        (root / "lab.html").write_text(page_of([static_explorer(), static_surface()], script=BUNDLE_NAME), "utf-8")
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None, args=ARGS)
        page = b.new_page(viewport={"width": 1280, "height": 1000})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto((root / "lab.html").as_uri())
        page.wait_for_function("() => document.querySelector('[data-bpnet-widget=surface]').__bpnet")
        page.evaluate(STEP_COST_JS, 50)  # warm up
        r = page.evaluate(TRAIN_JS, [0, 5000])
        report(f"explorer: epochs per second, each redrawn ({r['frames']} frames in {r['seconds']:.1f} s)",
               r["epochs"] / r["seconds"], GOAL_STEPS, "/s", True)
        median, p90 = page.evaluate(STEP_COST_JS, 300)
        print(f"    one epoch + its redraw and layout: median {median:.2f} ms, 90th percentile {p90:.2f} ms "
              f"(at most {1e3 / median:.0f} epochs a second, each drawn, where the display allows)")
        r = page.evaluate(TRAIN_JS, [2, 5000])
        report(f"explorer at 25 epochs a frame: epochs per second ({r['frames']} frames)", r["epochs"] / r["seconds"],
               GOAL_STEPS, "/s", True)
        etas = [round(0.001 * 1.07 ** i, 6) for i in range(140)]  # 0.001 .. about 13, clipped to the control's 10
        median, worst = page.evaluate(SURFACE_JS, [min(e, 10.0) for e in etas])
        report("surface: new η -> 30-step path recomputed and redrawn, median", median, GOAL_FRAME_MS, "ms")
        print(f"    (slowest {worst:.2f} ms)")
        b.close()


if __name__ == "__main__":
    main()
