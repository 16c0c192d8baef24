"""The widgets: live ones react to their controls (the state they send changes) and turn bad or extreme input
into a message; static ones are self-contained, deterministic and small."""
from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import bpnet
import bpnet.widgets.explorer as explorer
import bpnet.widgets.weights as weights_mod
from bpnet.widgets import (
    Explorer,
    Stepper,
    Surface,
    Weights,
    static_explorer,
    static_stepper,
    static_surface,
    static_weights,
)
from bpnet.widgets.common import lr_grid
from bpnet.widgets.embed import MAX_BYTES, NO_SCRIPT
from bpnet.widgets.format import fmt, fmt_lr


def values(widget, eid):
    return widget.sent_doc()["runs"][0]["steps"][0]["values"][eid]


# ---- widget 1: the stepper -------------------------------------------------------------------------------------
def test_stepper_learning_rate_recomputes_the_update():
    s = Stepper()
    old = values(s, "w2_0_0")
    assert old == {"w": "0.4000", "dw": "0.08217", "w_new": "0.3589"}
    s.lr = 2.0
    state, doc = s.get_state(), s.sent_doc()
    assert doc["runs"][0]["lr_text"] == "2"
    assert values(s, "w2_0_0")["w_new"] == fmt(0.4 - 2.0 * 0.0821670405)
    assert doc["controls"]["lr"]["labels"][state["lr_index"]] == "2"
    s.lr_index = 0  # what the front end's slider sends
    assert s.lr == s.sent_doc()["controls"]["lr"]["values"][0] == 0.001


def test_stepper_steps_and_phase():
    s = Stepper(steps=1)
    n = s.n_frames
    s.phase = n - 1
    s.steps = 3
    assert s.n_frames == 3 * n and len(s.sent_doc()["runs"][0]["steps"]) == 3
    s.steps = 1
    assert s.phase == n - 1


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_stepper_bad_learning_rate_is_a_message(bad):
    s = Stepper()
    before = values(s, "w2_0_0")
    s.lr = bad
    assert "learning rate" in s.message and s.sent_doc()["message"] == s.message
    assert values(s, "w2_0_0") == before  # the last good numbers stay
    s.lr = 0.5
    assert s.message == ""


def test_stepper_extreme_values():
    net, x, y = bpnet.worked_example()
    for p in net.weights:
        p[...] = 50.0
    s = Stepper(net, x, y, lr=100.0)
    assert values(s, "cost")["C_new"]
    assert repr(s) == "Stepper(sizes=[2, 2, 2], lr=100, steps=1)"


# ---- widget 2: weights and learning rate -------------------------------------------------------------------
def test_weights_edit_recomputes_everything():
    w = Weights()
    before = w.sent_doc()
    w.set_param("w2_0_0", 1.0)
    after = w.sent_doc()
    v = after["runs"][0]["steps"][0]["values"]
    assert v["w2_0_0"]["w"] == "1.000"
    assert v["n2_0"]["a"] != before["runs"][0]["steps"][0]["values"]["n2_0"]["a"]
    assert v["cost"]["C"] != before["runs"][0]["steps"][0]["values"]["cost"]["C"]
    assert v["w2_0_0"]["num"] == v["w2_0_0"]["dw"]
    assert next(p for p in after["params"] if p["id"] == "w2_0_0")["value"] == "1.000"
    net = w.net
    assert net.weights[1][0, 0] == 1.0
    w.set_param("b1_1", -0.25)
    assert w.net.biases[0][1] == -0.25


def test_weights_front_end_message_and_lr():
    w = Weights()
    sent = []
    w.send = lambda content, buffers=None: sent.append(content)
    w._on_msg(w, {"type": "set", "id": "w1_0_1", "value": "0.7"}, [])
    assert values(w, "w1_0_1")["w"] == "0.7000"
    w._on_msg(w, {"type": "set", "id": "w1_0_1", "value": "abc"}, [])  # refused, with a message; still answered
    assert "number" in w.message
    assert sent == [{"type": "done"}, {"type": "done"}]  # the front end sends its next edit only after this
    w.lr = 10.0
    assert w.sent_doc()["runs"][0]["lr_text"] == "10"


@pytest.mark.parametrize("pid, value, match", [
    ("w2_0_0", "nan", "finite"), ("w2_0_0", float("inf"), "finite"), ("w2_0_0", "abc", "number"),
    ("w9_0_0", 1.0, "unknown parameter"), ("x", 1.0, "unknown parameter"), ("w1_5_0", 1.0, "unknown parameter"),
])
def test_weights_bad_input_is_a_message(pid, value, match):
    w = Weights()
    before = values(w, "w2_0_0")
    assert match in w.set_param(pid, value)
    assert values(w, "w2_0_0") == before


@pytest.mark.parametrize("v", [50.0, -50.0])
def test_weights_extreme_values_are_a_message(v):
    w = Weights()
    message = w.set_param("b1_0", v)  # z of unit 1 of layer 1 is about v: saturated
    assert message.startswith(f"b⁽¹⁾₁ = {fmt(v)}: unit a⁽¹⁾₁ is saturated") and "σ′(z) = " in message
    net, x, _ = bpnet.worked_example()
    net.biases[0][0] = v
    assert values(w, "n1_0")["a"] == fmt(net.forward(x).a(1)[0, 0])
    w.lr = 100.0
    assert np.isfinite(float(values(w, "cost")["C_new"]))


def test_weights_saturation_note_says_what_is_true_of_the_unit():
    """A large weight whose unit is not saturated gets no warning (w = 12 on an input of 0.05 leaves a = 0.76); a
    saturated unit gets its z, a and sigma'(z) in the book's symbols, and a link to Chapter 8 that resolves."""
    w = Weights()
    assert w.set_param("w1_0_0", 12.0) == "" and w.doc["message_link"] is None
    net, x, _ = bpnet.worked_example()
    net.weights[0][0, 0] = 12.0
    a = net.forward(x).a(1)[0, 0]
    assert 0.7 < a < 0.8 and bpnet.activations.sigmoid_prime(np.log(a / (1 - a))) > 0.1 * 0.25
    note = w.set_param("w2_1_0", 30.0)
    z = w.net.forward(bpnet.worked_example()[1]).z(2)[0, 1]
    assert note.startswith("w⁽²⁾₂₁ = 30.00: unit a⁽²⁾₂ is saturated") and f"z⁽²⁾₂ = {fmt(z)}" in note
    assert "w2_1_0" not in note and "Chapter 9" not in note
    link = w.sent_doc()["message_link"]
    assert (Path(__file__).resolve().parents[1] / "chapters" / link["href"]).is_file() and "Chapter 8" in link["text"]


def test_weights_nudge_shows_the_digits_it_divides():
    """The nudge line's two costs carry enough digits that their difference divided by 2 eps gives the nudge shown,
    and a nudge that round-off can move by more than BUG_THRESHOLD says so (the x 10 setting: gradients ~1e-9)."""
    net, x, y = bpnet.worked_example()
    settings = weights_mod.default_settings(net)
    doc = weights_mod.weights_trace(net, x, y, [0.5], settings=settings, eps=1e-6)
    flagged = 0
    for run in doc["runs"]:
        for eq in run["steps"][0]["equations"][0]:
            line = next((t for t in eq["lines"] if t.startswith("nudge:")), None)
            if line is None:
                continue
            number = r"([-\d.e]+)"
            plus, minus, shown = re.fullmatch(rf"nudge: .* = \({number} − {number}\)/2e-6 = {number}", line).groups()
            from_digits = (float(plus) - float(minus)) / 2e-6
            assert from_digits == pytest.approx(float(shown), rel=2e-3, abs=1e-300), line
            flagged += any(t.startswith("too small for the nudge") for t in eq["lines"])
    assert flagged >= 9  # the saturated setting's tiny gradients
    assert not any(t.startswith("too small") for eq in doc["runs"][0]["steps"][0]["equations"][0] for t in eq["lines"])


def test_live_controls_start_at_exactly_the_given_learning_rate():
    for lr in (0.5, 0.4, 0.3, 0.25, 0.01):
        assert Stepper(lr=lr).lr == lr
        doc = Stepper(lr=lr).sent_doc()
        assert doc["controls"]["lr"]["labels"][doc["controls"]["lr"]["index"]] == fmt_lr(lr)
        assert Explorer(lr=lr, epochs_per_click=1).lr.value == lr
    assert Surface(lr=0.4).lr.value == 0.4
    grid = lr_grid()
    assert len(grid) >= 25 and grid[0] == 1e-3 and grid[-1] == 100.0
    assert np.all(np.diff(np.log10(grid)) > 0) and np.max(np.diff(np.log10(grid))) <= np.log10(2) + 1e-12


def test_weights_width_one():
    net = bpnet.Network([2, 1, 1], seed=0)
    w = Weights(net, [0.1, 0.2], [1.0])
    assert set(values(w, "w1_0_1")) == {"w", "dw", "num", "w_new"}


# ---- widget 3: training explorer ---------------------------------------------------------------------------
def test_explorer_controls_train_step_reset():
    e = Explorer(dataset="xor", hidden=4, epochs_per_click=30)
    s0 = e.state()
    e.train()
    s1 = e.state()
    assert s1["epochs"] == 30 and s1["cost"] < s0["cost"] and s1["image_bytes"] > 0
    e.step()
    assert e.state()["epochs"] == 31
    e.dataset.value = "circles"
    assert e.state() == {**e.state(), "dataset": "circles", "epochs": 0}
    e.hidden.value = 1  # width 1 trains, without error
    e.train(10)
    assert e.state()["epochs"] == 10 and e.message == ""


def test_explorer_bad_and_extreme_input_are_messages():
    assert "unknown data set" in Explorer(dataset="nope").message
    e = Explorer(lr=100.0, hidden=1, epochs_per_click=20)
    e.train()
    assert np.isfinite(e.state()["cost"])
    d = Explorer(output_activation="identity", loss="mse", activation="relu", lr=100.0, epochs_per_click=50)
    d.train()
    assert "diverged" in d.message and "Lower the learning rate" in d.message
    assert all(np.isfinite(d.costs))


# ---- widget 4: cost surface --------------------------------------------------------------------------------
def test_surface_regimes_and_messages():
    s = Surface(lr=0.02)
    regimes = {}
    for lr in (0.02, 0.3, 0.95, 1.5):  # 0.95 is no notch of the slider: redraw takes any value
        s.redraw(lr=lr)
        regimes[lr] = s.regime.split(":")[0]
    s.lr.value = 1.5  # a notch: the slider recomputes
    assert s.regime.startswith("divergent")
    assert regimes == {0.02: "slow", 0.3: "good", 0.95: "oscillating", 1.5: "divergent"}
    assert "diverged" in s.message
    s.redraw(lr=-1.0)
    assert "learning rate" in s.message
    s.redraw(lr=100.0)
    assert "diverged" in s.message


# ---- static outputs for the book ---------------------------------------------------------------------------
STATIC = {"stepper": static_stepper, "weights": static_weights, "explorer": static_explorer, "surface": static_surface}


@pytest.fixture(scope="module")
def outputs():
    return {k: f() for k, f in STATIC.items()}


@pytest.mark.parametrize("kind", list(STATIC))
def test_static_output_is_self_contained_small_and_deterministic(outputs, kind):
    out = outputs[kind]
    html = out._repr_mimebundle_()["text/html"]
    # Byte-for-byte determinism across runs is checked by nbval strict on chapters 3, 4 and 7, which store these
    # outputs (building each a second time here cost seconds and checked less: one process, not two runs).
    assert out.nbytes < MAX_BYTES
    assert re.match(rf'<div class="bpnet-widget" id="bp-{kind}-[0-9a-f]{{12}}" data-bpnet-widget="{kind}">', html)
    assert not re.search(r"""\s(src|href)=["'](?!data:|#)""", html), "no external resource"
    # the renderer loads once per site (bpnet/widgets/assets.py classic(), written by the book's extension): the
    # output holds its data, a one-line mount call, and a note for where that script does not run
    assert "<script type=\"module\">" not in html and "require(" not in html and "function networkTree" not in html
    assert f'window.bpnetWidgets.mountStatic("{out.uid}")' in html and NO_SCRIPT in html
    assert out._repr_mimebundle_()["text/plain"] == repr(out)


def test_static_stepper_and_weights_carry_what_the_page_recomputes_from(outputs):
    for kind in ("stepper", "weights"):  # any η: a log scale from 0.001 to 100, arrow keys through >= 25 values
        doc = outputs[kind].doc
        lr = doc["controls"]["lr"]
        assert lr["log"] and (lr["min"], lr["max"], lr["value"]) == (0.001, 100.0, 0.5)
        assert len(set(lr["grid"])) >= 25 and min(lr["grid"]) == 0.001 and max(lr["grid"]) == 100.0
        assert lr["ticks"] == [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]
        net, _, _ = bpnet.worked_example()  # the raw numbers the page recomputes from
        assert doc["model"]["weights"] == [w.tolist() for w in net.weights] and doc["model"]["x"] == [0.05, 0.1]
        assert len(doc["runs"]) == 1 and doc["editable"] and len(doc["params"]) == 12
    w = outputs["weights"].doc
    assert len(w["settings"]) >= 3 and [s["label"] for s in w["model"]["settings"]] == w["settings"]


def float64s(text: str) -> np.ndarray:
    """What lab_model.js's float64s reads from bpnet.widgets.explorer.float64_text."""
    return np.frombuffer(base64.b64decode(text), dtype="<f8")


def test_static_explorer_and_surface_carry_what_the_page_computes_with(outputs):
    """The page trains the explorer and descends the surface itself (static/lab.js, checked against bpnet by
    tests/js/lab.test.mjs): the documents hold the data, bpnet's initial parameters and a log-scale η control."""
    ex = outputs["explorer"].doc
    assert [d["name"] for d in ex["datasets"]] == ["xor", "moons", "circles", "spirals"]
    X, Y = explorer.load("moons")
    moons = ex["datasets"][ex["settings"]["dataset"]]
    assert np.array_equal(float64s(moons["X"]).reshape(-1, 2), X) and moons["labels"] == [int(y) for y in Y[:, 0]]
    assert len(ex["init"]) == len(ex["options"]["hidden"]) == 16
    net = explorer.make_network(8, "tanh")
    flat = [net.weights[0].ravel(), net.biases[0], net.weights[1].ravel(), net.biases[1]]
    assert ex["init"][7]["sizes"] == [2, 8, 1]
    assert np.array_equal(float64s(ex["init"][7]["params"]), np.concatenate(flat))
    assert ex["settings"] == {"dataset": 1, "hidden": 8, "activation": "tanh", "output": 0, "lr": 0.3, "batch": None}
    assert [o[1] for o in ex["options"]["output"]] == [{"output_activation": "sigmoid", "loss": "cross_entropy"},
                                                       {"output_activation": "identity", "loss": "mse"}]
    assert "runs" not in ex and "image" not in json.dumps(ex)
    sf = outputs["surface"].doc
    assert sf["problem"]["free"] == [[1, 0, 0], [1, 0, 1]] and len(sf["problem"]["X"]) == 64
    assert set(sf["regimes"]) == {"slow", "good", "oscillating", "divergent"} and "runs" not in sf
    for doc, hi, value in ((ex, 100.0, 0.3), (sf, 10.0, 0.4)):
        lr = doc["controls"]["lr"]
        assert lr["log"] and (lr["min"], lr["max"], lr["value"]) == (0.001, hi, value)
        assert len(set(lr["grid"])) >= 25 and lr["ticks"][0] == 0.001 and lr["ticks"][-1] == hi
    with pytest.raises(ValueError, match="learning rate"):
        static_surface(lr=50.0)
    with pytest.raises(ValueError, match="unknown dataset"):
        static_explorer(("xor", "nope"))


WITHOUT_WIDGET_LIBRARIES = """
import sys
sys.modules["anywidget"] = sys.modules["ipywidgets"] = None  # any import of them now raises ImportError
import importlib
from bpnet.widgets import StaticWidget, static_explorer, static_stepper, static_surface, static_weights
for name in ("stepper", "weights", "explorer", "surface", "document", "arrays", "equations", "format", "embed"):
    importlib.import_module("bpnet.widgets." + name)
outs = [static_stepper(lr=0.5), static_weights(lr=0.5), static_explorer(("xor",), (0.3, 3.0), epochs=2, grid=4),
        static_surface((0.1,), steps=2, n=8)]
assert [o.kind for o in outs] == ["stepper", "weights", "explorer", "surface"]
assert all(isinstance(o, StaticWidget) for o in outs) and outs[0].doc["runs"] and outs[2].doc["datasets"]
assert not [m for m in sys.modules if m.split(".")[0] in ("traitlets", "comm", "ipykernel")], "a live module loaded"
try:
    from bpnet.widgets import Stepper  # noqa: F401 (importing is the test: it must fail without anywidget)
except ImportError:
    print("ok")
"""


def test_documents_build_without_anywidget_or_ipywidgets():
    """The documents and their static factories need no widget library (only the live classes do): a process in
    which importing anywidget or ipywidgets fails imports every document module and builds all four outputs."""
    run = subprocess.run([sys.executable, "-c", WITHOUT_WIDGET_LIBRARIES], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-3000:]


def test_two_outputs_on_one_page_have_distinct_ids():
    a, b = static_stepper(lr=0.5), static_stepper(lr=2.0)
    assert a.uid != b.uid and a.uid == static_stepper(lr=0.5).uid


def test_too_wide_a_network_is_a_clear_error():
    net = bpnet.Network([64, 10, 10], seed=0)
    x, y = np.zeros(64), np.zeros(10)
    for make in (static_stepper, static_weights, Stepper, Weights):
        with pytest.raises(ValueError, match="at most 10 units per layer"):
            make(net, x, y)


def test_stepper_links_to_ipywidgets_controls():
    import ipywidgets as W

    s = Stepper()
    eta = W.FloatLogSlider(value=0.5, min=-3, max=2)
    W.link((eta, "value"), (s, "lr"))
    eta.value = 0.0316
    assert s.sent_doc()["runs"][0]["lr_text"] == "0.0316"
    assert s.sent_doc()["controls"]["lr"]["labels"][s.lr_index] == "0.03"  # the nearest notch of the front end
    play = W.Play(min=0, max=s.n_frames - 1)
    W.link((play, "value"), (s, "phase"))
    play.value = 5
    assert s.get_state()["phase"] == 5


# ---- what one control change costs on the wire -------------------------------------------------------------------
def front_end_sets(widget, **state) -> list[dict]:
    """Deliver a front-end state change as ipywidgets would; return the messages the widget sends back."""
    sent = []
    widget.comm.kernel = object()  # ipywidgets sends nothing while no kernel is attached
    widget._send = lambda msg, buffers=None: sent.append(msg)
    widget._handle_msg({"content": {"data": {"method": "update", "state": state, "buffer_paths": []}}, "buffers": []})
    return sent


@pytest.mark.parametrize("make", [Weights, Stepper])
def test_one_learning_rate_notch_sends_one_update(make):
    """A notch of the η slider comes back as one message holding the new document, η and the notch (no separate
    echo of the notch): every extra message is one more trip through the server on each key press."""
    w = make()
    sent = front_end_sets(w, lr_index=w.lr_index + 1)
    assert [m["method"] for m in sent] == ["update"]
    assert {"doc_json", "lr"} <= set(sent[0]["state"])
    assert w.sent_doc()["runs"][0]["lr"] == w.lr


def test_no_delay_connection_sets_tcp_nodelay_before_connecting(monkeypatch):
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    from bpnet.widgets.server import SERVER_ARGS, NoDelayConnection

    calls = []
    handler = KernelWebsocketHandler.__new__(KernelWebsocketHandler)  # no request: only set_nodelay is used
    handler.set_nodelay = calls.append
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: calls.append("connect"))
    NoDelayConnection(websocket_handler=handler).connect()
    assert calls == [True, "connect"]
    assert SERVER_ARGS == ["--ServerApp.kernel_websocket_connection_class=bpnet.widgets.server.NoDelayConnection"]


# ---- issue 13: the live widgets in JupyterLab ----------------------------------------------------------------------
@pytest.mark.parametrize("make", [Weights, Stepper])
def test_live_document_carries_the_numbers_the_front_end_redraws_from(make):
    """The front end draws a change first from `model` (engine.js), then from the kernel's document: `model` is the
    widget's network as it is now, and the example, after every edit."""
    w = make()
    if make is Weights:
        w.set_param("w2_0_1", 0.8125)
    m = w.sent_doc()["model"]
    net, x, y = bpnet.worked_example()
    if make is Weights:
        net.W(2)[0, 1] = 0.8125
        assert m["eps"] == 1e-6
    else:
        assert m["steps"] == 1
    assert m["weights"] == [W.tolist() for W in net.weights] and m["biases"] == [b.tolist() for b in net.biases]
    assert m["x"] == x.ravel().tolist() and m["y"] == y.ravel().tolist() and m["activation"] == "sigmoid"


def test_live_ping_is_answered_and_a_refusal_drops_the_saturation_link():
    w = Weights()
    sent = []
    w.send = lambda content, buffers=None: sent.append(content)
    w._on_msg(w, {"type": "ping", "n": 0.25}, [])
    assert sent == [{"type": "pong", "n": 0.25}]
    assert w.set_param("b1_0", 50.0) and w.sent_doc()["message_link"]  # saturated: the book says where to read on
    assert w.set_param("b1_0", "abc").startswith("Not applied")
    assert w.sent_doc()["message_link"] is None  # the link explained the saturation, not the refusal


def test_captions_tell_the_static_copy_from_the_live_widget():
    from bpnet.widgets.embed import LIVE_BADGE, STATIC_BADGE, badge

    html = static_weights().html
    assert 'data-bp-badge="static"' in html and "<strong>In-page copy</strong>: " in html
    assert STATIC_BADGE.startswith("In-page copy: ") and LIVE_BADGE.startswith("Live: ")
    assert Weights().badge == Stepper().badge == LIVE_BADGE
    assert badge(LIVE_BADGE, "live").startswith('<p class="bp-badge" data-bp-badge="live"')
    with pytest.raises(ValueError, match="'static' or 'live'; received 'book'"):
        badge(LIVE_BADGE, "book")


def test_live_plots_are_drawn_at_twice_their_css_size():
    from PIL import Image

    from bpnet.widgets.live_plots import HIDPI

    for widget in (Surface(lr=0.4, n=20), Explorer(epochs_per_click=1)):
        width, height = Image.open(io.BytesIO(widget.image.value)).size
        assert HIDPI >= 2 and width == HIDPI * int(widget.image.width) and height == HIDPI * int(widget.image.height)
