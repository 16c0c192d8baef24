// The lab of the static book: the training explorer trains in the page and the cost surface descends for any η.
// The numbers come from lab_model.js (engine.js, bpnet's second implementation); this module draws them and wires
// the controls. mount.js hands the explorer and surface documents (bpnet/widgets/explorer.py, surface.py) here.
//
//   mountExplorer(root, doc)   data set, hidden width, activation, η, batch size; train/pause, step, reset; a live
//                              cost curve and decision boundary (class 0 circles, class 1 triangles)
//   mountSurface(root, doc)    the contour image, the descent path for the η chosen, and a player over its steps
// Both return a handle that tests and benchmarks use (root.__bpnet in the book).
import { newRun, trainEpoch, accuracyOf, gridPoints, boundaryGrid, contour, descentPath, toPixel, parseLr, percent }
  from "./lab_model.js";
import { DivergenceError } from "./engine.js";
import { fmt, fmtLr } from "./format.js";
import { lrControl } from "./inpage.js";

const SVG = "http://www.w3.org/2000/svg";
const QUIET = "data-lm-suppress-shortcuts"; // JupyterLab leaves arrow keys to a focused element carrying it
const PLANE = 240, CURVE = [300, 240], PAD = [46, 10, 10, 30]; // curve padding: left, top, right, bottom
const SPEEDS = [["1 epoch a frame", 1], ["5 epochs a frame", 5], ["25 epochs a frame", 25]];
const BLUE = [33, 102, 172], RED = [178, 24, 43], MID = [247, 247, 247];

function make(tag, attrs = {}, text = null, ns = null) {
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== null) e.textContent = text;
  return e;
}
const svgEl = (tag, attrs = {}, text = null) => make(tag, attrs, text, SVG);
const quiet = (e) => (e.setAttribute(QUIET, ""), e);
/** A button whose accessible name starts with the word it shows ("step: train one epoch"), as WCAG 2.5.3 asks. */
const labButton = (action, text, label) => {
  const word = text.replace(/[^\p{L}\p{N} ]/gu, "").trim(), name = label.startsWith(word) ? label : `${word}: ${label}`;
  return quiet(make("button", { type: "button", "data-action": action, "aria-label": name, title: label }, text));
};
function choice(name, options, value, label) {
  const s = quiet(make("select", { "data-control": name, "aria-label": label }));
  options.forEach(([text], i) => s.append(make("option", { value: i }, text)));
  s.value = String(Math.max(0, options.findIndex(([, v]) => v === value)));
  return s;
}
const field = (text, ...inputs) => {
  const l = make("label", { class: "bp-field" });
  l.append(make("span", {}, text), ...inputs);
  return l;
};

/** The η control: inpage.js's log-scale slider with labeled ticks, and a box to type any η (Enter). `say` shows
 * why a typed value was refused, and clears that once a value is taken. */
function etaControl(ctl, onChange, say) {
  const take = (v) => { box.value = fmtLr(v); say(""); onChange(v); };
  const slider = lrControl(ctl, take, { el: make, control: quiet });
  const box = quiet(make("input", { type: "text", inputmode: "decimal", size: 6, "data-control": "lr-text",
    "aria-label": "type a learning rate η, then Enter" }));
  box.value = fmtLr(ctl.value);
  const apply = () => {
    let v;
    try { v = parseLr(box.value, ctl.min, ctl.max); } catch (exc) { say(exc.message); return; }
    slider.set(v);
    take(v);
  };
  box.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); apply(); } });
  box.addEventListener("change", apply);
  return { el: field("learning rate η", slider.el, box), set: (v) => { slider.set(v); box.value = fmtLr(v); } };
}

/** The widget's frame: control rows, a body, a caption and a status line (bpnet's messages). */
function frame(root, kind) {
  root.classList.add("bpnet-root", "bp-lab");
  root.innerHTML = "";
  const parts = { bar: make("div", { class: "bp-controls", role: "group", "aria-label": `${kind} controls` }),
    bar2: make("div", { class: "bp-controls", role: "group", "aria-label": "learning rate" }),
    body: make("div", { class: "bp-body" }), side: make("div", { class: "bp-side bp-caption" }),
    msg: make("div", { class: "bp-message", role: "status", hidden: "" }) };
  root.append(parts.bar, parts.bar2, parts.body, parts.side, parts.msg);
  parts.say = (text) => { parts.msg.textContent = text; parts.msg.hidden = !text; };
  return parts;
}

// a^(L) as a pale diverging color: blue for class 0, white at 0.5, red for class 1 (the data points stay visible)
function heat(p, rgba, o) {
  const t = Math.max(-1, Math.min(1, 2 * p - 1)), end = t < 0 ? BLUE : RED, u = Math.abs(t) * 0.85;
  for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(0.55 * (MID[c] + (end[c] - MID[c]) * u) + 0.45 * 255);
  rgba[o + 3] = 255;
}

function marker(x, y, c) { // class 0: a circle; class 1: a triangle (shape as well as color)
  return c === 0 ? svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 3.2, class: "bp-pt bp-c0" })
    : svgEl("path", { d: `M${x.toFixed(1)} ${(y - 4.2).toFixed(1)}l3.8 6.6h-7.6z`, class: "bp-pt bp-c1" });
}

/** The training explorer. */
export function mountExplorer(root, doc) {
  const o = doc.options, s0 = doc.settings, n = doc.grid;
  const st = { ...s0, speed: 1, playing: false, timer: 0, frames: 0, stopAt: 0 };
  const ui = frame(root, "explorer");
  const c = {
    dataset: choice("dataset", o.dataset.map((d, i) => [d, i]), st.dataset, "data set"),
    hidden: quiet(make("input", { type: "range", min: o.hidden[0], max: o.hidden.at(-1), step: 1, value: st.hidden,
      "data-control": "hidden", "aria-label": "hidden units" })),
    hiddenOut: make("output", { class: "bp-readout" }),
    activation: choice("activation", o.activation.map((a) => [a, a]), st.activation, "hidden activation"),
    output: choice("output", o.output.map(([label], i) => [label, i]), st.output, "output layer and cost"),
    batch: choice("batch", o.batch, st.batch, "batch size"),
    train: labButton("train", "▶ train", "train or pause"), step: labButton("step", "▶| step", "train one epoch"),
    reset: labButton("reset", "↺ reset", "start again from bpnet's initial weights"),
    speed: choice("speed", SPEEDS, 1, "epochs per frame while training"),
  };
  const eta = etaControl(doc.controls.lr, (v) => { st.lr = v; run.eta = v; draw(); }, ui.say);
  ui.bar.append(field("data set", c.dataset), field("hidden units", c.hidden, c.hiddenOut), field("activation",
    c.activation), field("output, cost", c.output), field("batch size", c.batch));
  ui.bar2.append(eta.el, c.train, c.step, c.reset, field("speed", c.speed));

  // decision boundary: a canvas of a^(L) under an SVG of the 0.5 level and the points; cost curve: an SVG
  const canvas = make("canvas", { width: n, height: n, class: "bp-lab-heat", "aria-hidden": "true" });
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(n, n);
  const plane = svgEl("svg", { viewBox: `0 0 ${PLANE} ${PLANE}`, class: "bp-lab-over", role: "img" });
  const boundary = svgEl("path", { class: "bp-lab-boundary", d: "" }), points = svgEl("g", { class: "bp-lab-points" });
  const frameRect = svgEl("rect", { x: 0.5, y: 0.5, width: PLANE - 1, height: PLANE - 1, class: "bp-lab-box" });
  plane.append(boundary, points, frameRect);
  const planeBox = make("div", { class: "bp-lab-plane" });
  planeBox.append(canvas, plane);
  const legend = make("div", { class: "bp-lab-legend" });
  legend.innerHTML = '<span class="bp-c0">●</span> class 0 &nbsp;<span class="bp-c1">▲</span> class 1 &nbsp;' +
    "shading: the output a; line: a = 0.5";
  const left = make("div", { class: "bp-lab-panel" });
  left.append(planeBox, legend);
  const [cw, ch] = CURVE, [pl, pt, pr, pb] = PAD, box = [pl, pt, cw - pl - pr, ch - pt - pb];
  const curve = svgEl("svg", { viewBox: `0 0 ${cw} ${ch}`, width: cw, height: ch, class: "bp-svg bp-lab-curve",
    role: "img", "aria-label": "training cost per epoch" });
  const line = svgEl("polyline", { class: "bp-lab-cost", points: "" });
  // epoch 0, the last epoch, the top of the scale, 0, the cost now, the axis title
  const axis = [[pl, ch - 8, "start"], [cw - pr, ch - 8, "end"], [pl - 4, pt + 9, "end"], [pl - 4, pt + box[3], "end"],
    [cw - pr - 4, pt + 14, "end"], [pl - 4, pt + box[3] / 2 + 4, "end"]]
    .map(([x, y, a]) => svgEl("text", { x, y, "text-anchor": a, class: "bp-axis" }, ""));
  curve.append(svgEl("rect", { x: box[0], y: box[1], width: box[2], height: box[3], class: "bp-lab-box" }), line,
    ...axis);
  const right = make("div", { class: "bp-view", tabindex: 0, role: "region", "aria-label": "the network's picture", "data-lm-suppress-shortcuts": "" });
  right.append(curve);
  ui.body.append(left, right);

  let run, grid;
  function reset() {
    pause();
    st.hidden = Number(c.hidden.value);
    run = newRun(doc, st);
    grid = gridPoints(run.extent, n);
    const [x0, x1, y0, y1] = run.extent, sx = PLANE / (x1 - x0), sy = PLANE / (y1 - y0);
    points.replaceChildren(...run.X.map(([a, b], i) => marker((a - x0) * sx, (y1 - b) * sy, run.labels[i])));
    plane.setAttribute("aria-label", `${run.name}: ${run.X.length} points, class 0 as circles, class 1 as triangles`);
    ui.say("");
    draw();
  }
  function epochs(k, budget = Infinity) { // k epochs, fewer if the run diverges (bpnet's message: training stops)
    const t0 = performance.now(); // or once `budget` ms are spent, so that the page keeps answering
    for (let i = 0; i < k && performance.now() - t0 < budget; i++) {
      try { trainEpoch(run); } catch (exc) {
        if (!(exc instanceof DivergenceError)) throw exc;
        run.message = exc.message;
        ui.say(`${exc.message} Press reset to start again, or lower η and train on.`);
        pause();
        return false;
      }
    }
    return true;
  }
  function draw() {
    const p = boundaryGrid(run.net, grid);
    for (let i = 0; i < p.length; i++) heat(p[i], image.data, 4 * i);
    ctx.putImageData(image, 0, 0);
    boundary.setAttribute("d", contour(p, n, [0, 0, PLANE, PLANE]));
    // the cost curve: at most 300 of the epochs, evenly spread, on a scale from 0 to the largest cost
    const cs = run.costs, top = cs.reduce((a, b) => Math.max(a, b), 0) || 1, last = cs.length - 1;
    const k = Math.min(cs.length, 300), pts = [];
    for (let i = 0; i < k; i++) {
      const e = k === 1 ? 0 : Math.round((i * last) / (k - 1));
      const x = box[0] + (last ? (e / last) * box[2] : 0), y = box[1] + box[3] * (1 - cs[e] / top);
      pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
    }
    line.setAttribute("points", pts.join(" "));
    ["epoch 0", `epoch ${run.epoch}`, fmt(top, 3), "0", `C = ${fmt(cs[last], 4)}`, "cost C"].forEach((t, i) => {
      if (axis[i].textContent !== t) axis[i].textContent = t;
    });
    c.hiddenOut.textContent = String(st.hidden);
    c.hidden.setAttribute("aria-valuetext", `${st.hidden} hidden units`);
    const batch = o.batch.find(([, m]) => m === run.batch)[0];
    ui.side.textContent = `${run.name}, ${st.hidden} ${st.activation} units, ${o.output[st.output][0]}, ` +
      `η = ${fmtLr(run.eta)}, ${batch}: epoch ${run.epoch}, cost ${fmt(cs[0], 3)} → ${fmt(cs[last], 3)}, ` +
      `${percent(accuracyOf(run))} of points classified right`;
    root.dataset.epoch = String(run.epoch);
    root.dataset.cost = String(cs[last]);
    st.frames += 1;
    root.dispatchEvent(new CustomEvent("bpnet-render", { bubbles: true,
      detail: { epoch: run.epoch, frames: st.frames } }));
  }
  function tick() {
    st.timer = 0;
    if (!st.playing) return;
    const ok = epochs(Math.min(st.speed, st.stopAt - run.epoch), 12);
    draw();
    if (ok && run.epoch >= st.stopAt) {
      pause();
      ui.say(`Paused after ${doc.epochs} epochs: press train to go on.`);
    }
    if (st.playing) st.timer = requestAnimationFrame(tick);
  }
  function play() {
    if (st.playing) return;
    st.playing = true;
    st.stopAt = run.epoch + doc.epochs;
    ui.say("");
    c.train.textContent = "❚❚ pause";
    c.train.setAttribute("aria-pressed", "true");
    st.timer = requestAnimationFrame(tick);
  }
  function pause() {
    st.playing = false;
    if (st.timer) cancelAnimationFrame(st.timer);
    st.timer = 0;
    c.train.textContent = "▶ train";
    c.train.setAttribute("aria-pressed", "false");
  }
  c.train.onclick = () => (st.playing ? pause() : play());
  c.step.onclick = () => { pause(); epochs(1); draw(); };
  c.reset.onclick = reset;
  c.dataset.onchange = () => { st.dataset = Number(c.dataset.value); reset(); };
  c.hidden.oninput = reset;
  c.activation.onchange = () => { st.activation = o.activation[Number(c.activation.value)]; reset(); };
  c.output.onchange = () => { st.output = Number(c.output.value); reset(); };
  c.batch.onchange = () => { st.batch = o.batch[Number(c.batch.value)][1]; run.batch = st.batch; draw(); };
  c.speed.onchange = () => { st.speed = SPEEDS[Number(c.speed.value)][1]; };
  reset();
  return {
    state: st, draw, play, pause, reset, setLr: (v) => { eta.set(v); st.lr = v; run.eta = v; draw(); },
    get run() { return run; },
    /** For the benchmark: `k` epochs, each followed by a full redraw, synchronously. */
    trainAndDraw(k) { for (let i = 0; i < k && epochs(1); i++) draw(); },
    destroy: pause,
  };
}

/** The cost surface: the descent path for any η over the contours bpnet drew, and a player over its steps. */
export function mountSurface(root, doc) {
  const st = { k: 0, playing: false, timer: 0, frames: 0, lr: doc.controls.lr.value };
  const ui = frame(root, "cost surface");
  const c = { first: labButton("first", "|◀", "first step"), back: labButton("back", "◀", "step back"),
    play: labButton("play", "▶ play", "play or pause"), step: labButton("step", "▶|", "step forward"),
    scrub: quiet(make("input", { type: "range", min: 0, max: 1, step: 1, value: 0, "data-control": "scrub",
      "aria-label": "gradient-descent step" })) };
  const eta = etaControl(doc.controls.lr, (v) => setLr(v), ui.say);
  ui.bar.append(c.first, c.back, c.play, c.step, field("step", c.scrub));
  ui.bar2.append(eta.el);
  const [x, y, w, h] = doc.axes, clip = `${doc.uid}-clip`;
  const view = svgEl("svg", { viewBox: `0 0 ${doc.width} ${doc.height}`, width: doc.width, height: doc.height,
    class: "bp-svg", role: "img" });
  const clipPath = svgEl("clipPath", { id: clip });
  clipPath.append(svgEl("rect", { x, y, width: w, height: h }));
  const g = svgEl("g", { "clip-path": `url(#${clip})` }), line = svgEl("polyline", { class: "bp-lab-path" });
  const dots = svgEl("g");
  g.append(line, dots);
  view.append(svgEl("image", { href: doc.image, x: 0, y: 0, width: doc.width, height: doc.height }), clipPath, g);
  const holder = make("div", { class: "bp-view", tabindex: 0, role: "region", "aria-label": "the cost surface", "data-lm-suppress-shortcuts": "" });
  holder.append(view);
  ui.body.append(holder);
  let path, px;

  function setLr(v) {
    st.lr = v;
    path = descentPath(doc, v);
    px = path.points.map((p) => toPixel(doc, p).map((u) => u.toFixed(1)).join(","));
    dots.replaceChildren(...px.map((p, i) => {
      const [cx, cy] = p.split(","), dot = svgEl("circle", { cx, cy, r: 2.5, class: "bp-lab-step" });
      dot.append(svgEl("title", {}, path.labels[i]));
      return dot;
    }));
    c.scrub.max = String(path.points.length - 1);
    ui.say(path.message);
    show(path.points.length - 1); // a new η shows its whole path; play replays it step by step
  }
  function show(k) {
    st.k = Math.max(0, Math.min(path.points.length - 1, k | 0));
    line.setAttribute("points", px.slice(0, st.k + 1).join(" "));
    Array.from(dots.children).forEach((d, i) => {
      d.setAttribute("class", i === st.k ? "bp-lab-step bp-lab-now" : "bp-lab-step");
      d.setAttribute("r", i === st.k ? 4.5 : 2.5);
      d.style.display = i <= st.k ? "" : "none";
    });
    c.scrub.value = String(st.k);
    c.scrub.setAttribute("aria-valuetext", path.labels[st.k]);
    view.setAttribute("aria-label", path.labels[st.k]);
    view.dataset.step = String(st.k);
    ui.side.textContent = `${path.labels[st.k]} — ${path.regime}`;
    st.frames += 1;
    root.dispatchEvent(new CustomEvent("bpnet-render", { bubbles: true, detail: { k: st.k, frames: st.frames } }));
  }
  function play(on) {
    st.playing = on;
    clearInterval(st.timer);
    if (on) {
      if (st.k >= path.points.length - 1) show(0);
      st.timer = setInterval(() => (st.k >= path.points.length - 1 ? play(false) : show(st.k + 1)), 250);
    }
    c.play.textContent = on ? "❚❚ pause" : "▶ play";
    c.play.setAttribute("aria-pressed", String(on));
  }
  c.first.onclick = () => { play(false); show(0); };
  c.back.onclick = () => { play(false); show(st.k - 1); };
  c.step.onclick = () => { play(false); show(st.k + 1); };
  c.play.onclick = () => play(!st.playing);
  c.scrub.oninput = () => { play(false); show(Number(c.scrub.value)); };
  setLr(st.lr);
  show(0);
  return { state: st, show, play, setLr: (v) => { eta.set(v); setLr(v); }, get path() { return path; },
    destroy: () => play(false) };
}
