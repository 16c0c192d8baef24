"""bpnet.diagram: the numbers the drawings print are bpnet's (draw_network's basics are in test_tables.py)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import numpy as np  # noqa: E402 (after matplotlib.use('Agg'))
import pytest  # noqa: E402 (after matplotlib.use('Agg'))

import bpnet  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.diagram import NEGATIVE, POSITIVE, draw_backward, draw_network  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.figures import MIN_TEXT_PX, smallest_text_px  # noqa: E402 (after matplotlib.use('Agg'))


@pytest.fixture
def worked():
    net, x, y = bpnet.worked_example()
    trace = net.forward(x)
    return net, x, y, trace, net.backward(trace, y)


@pytest.fixture
def ax():
    fig, axes = plt.subplots(figsize=(8, 5.5), dpi=100)
    yield axes
    plt.close(fig)


def joined(texts) -> str:
    return " | ".join(t.get_text() for t in texts)


def test_labeled_network_shows_inputs_targets_and_biases(worked, ax):
    net, x, y, _, _ = worked
    text = joined(draw_network(ax, net, x=x, y=y))
    for part in ("x_{1}=0.05", "x_{2}=0.10", "y_{1}=0.01", "y_{2}=0.99", "b^{(1)}_{1}=0.35", "b^{(2)}_{2}=0.60",
                 "w^{(1)}_{12}=0.20", "w^{(2)}_{21}=0.50"):
        assert part in text, part
    assert "a=" not in text and "delta" not in text  # no pass has run yet


def test_backward_edges_carry_w_times_delta_and_units_their_sum(worked, ax):
    net, x, y, trace, grads = worked
    texts = draw_backward(ax, net, trace, grads, y)
    text = joined(texts)
    W2, d2, d1 = net.W(2), grads.delta(2)[0], grads.delta(1)[0]
    for k in range(2):
        for j in range(2):
            assert f"w^{{(2)}}_{{{k + 1}{j + 1}}}\\,\\delta^{{(2)}}_{{{k + 1}}}={W2[k, j] * d2[k]:.4f}$" in text
    sums = W2.T @ d2
    sp1 = bpnet.activations.sigmoid_prime(trace.z(1)[0])
    np.testing.assert_allclose(sums * sp1, d1, rtol=1e-12)  # the sum times sigma' is the hidden delta
    for j in range(2):
        assert f"\\Sigma={sums[j]:.4f}$" in text and f"\\sigma'(z)={sp1[j]:.4f}$" in text
        assert f"\\delta={d1[j]:.4f}$" in text
        assert f"a-y={trace.a(2)[0, j] - y[j]:.4f}$" in text and f"\\delta={d2[j]:.4f}$" in text
    edge_colors = {t.get_color() for t in texts if t.get_text().startswith("$w^")}
    assert edge_colors == {POSITIVE, NEGATIVE}  # both signs occur in the worked example


def test_focus_shows_the_paths_into_one_unit_then_their_sum(worked, ax):
    net, x, y, trace, grads = worked
    texts = draw_backward(ax, net, trace, grads, y, focus=(1, 0), digits=6)
    text = joined(texts)
    terms = net.W(2)[:, 0] * grads.delta(2)[0]
    assert [f"{t:.6f}" for t in terms] == ["0.055399", "-0.019049"]  # Mazur's two numbers, computed
    assert f"\\Sigma=0.055399+(-0.019049)={terms.sum():.6f}$" in text
    assert "=0.40\\times0.138499$\n$=0.055399$" in text and "=0.50\\times(-0.038098)$\n$=-0.019049$" in text
    assert sum(t.get_text().startswith("$w^") for t in texts) == 2  # only the two paths into a^(1)_1 are labeled
    assert "a-y" not in text and f"{grads.delta(1)[0, 1]:.6f}" not in text  # the other hidden unit stays quiet


def test_other_activations_write_phi_prime_and_softmax_has_none(ax):
    net = bpnet.Network([2, 3, 2, 2], activation="tanh", output_activation="identity", seed=0)
    X, Y = np.array([[0.3, -0.2]]), np.array([[0.5, -0.1]])
    trace = net.forward(X)
    text = joined(draw_backward(ax, net, trace, net.backward(trace, Y), Y))
    assert "\\varphi'(z)" in text and "\\sigma'" not in text and "w^{(3)}_{12}" in text and "w^{(2)}_{23}" in text
    soft = bpnet.Network([2, 2, 3], output_activation="softmax", loss="cross_entropy", seed=1)
    Ys = np.array([[0.0, 1.0, 0.0]])
    tr = soft.forward(X)
    text = joined(draw_backward(ax, soft, tr, soft.backward(tr, Ys), Ys))
    assert "\\partial C/\\partial a" in text and "\\varphi'(z)=" not in text.split("a^{(2)}")[-1]


def test_draw_backward_rejects_what_it_cannot_draw(worked, ax):
    net, x, y, trace, grads = worked
    with pytest.raises(ValueError, match="focus must be"):
        draw_backward(ax, net, trace, grads, y, focus=(2, 0))
    with pytest.raises(ValueError, match="deltas"):
        draw_backward(ax, net, trace, bpnet.numerical_gradients(net, x, y), y)
    with pytest.raises(ValueError, match="targets"):
        draw_backward(ax, net, trace, grads, [0.5])
    with pytest.raises(ValueError, match="sizes"):
        other = bpnet.Network([2, 3, 2], seed=0)
        draw_backward(ax, other, trace, grads, y)


@pytest.mark.parametrize("kind", ["labeled", "step", "backward", "focus"])
def test_the_books_diagrams_are_readable(worked, kind):
    """At the sizes the chapters draw them, every text is at least MIN_TEXT_PX tall on a 1280 px page."""
    net, x, y, trace, grads = worked
    fig, axes = plt.subplots(figsize=(6.5, 3.6) if kind == "focus" else (6.88, 4.7), dpi=100)
    {"labeled": lambda: draw_network(axes, net, x=x, y=y), "step": lambda: draw_network(axes, net, trace, grads),
     "backward": lambda: draw_backward(axes, net, trace, grads, y),
     "focus": lambda: draw_backward(axes, net, trace, grads, y, focus=(1, 0), digits=6)}[kind]()
    assert smallest_text_px(fig) >= MIN_TEXT_PX
    plt.close(fig)


def test_focus_in_a_deeper_network_shows_the_senders_deltas(ax):
    net = bpnet.Network([2, 3, 2, 2], seed=0)
    X, Y = np.array([[0.3, -0.2]]), np.array([[0.2, 0.9]])
    trace = net.forward(X)
    grads = net.backward(trace, Y)
    texts = draw_backward(ax, net, trace, grads, Y, focus=(1, 2))
    text = joined(texts)
    terms = net.W(2)[:, 2] * grads.delta(2)[0]  # the two paths into hidden unit 3 of layer 1
    shown = [f"{t:.4f}" if t >= 0 else f"({t:.4f})" for t in terms]  # a negative term in parentheses
    assert f"\\Sigma={shown[0]}+{shown[1]}={terms.sum():.4f}$" in text
    assert sum(t.get_text().startswith("$w^") for t in texts) == 2
    for k in range(2):  # the senders, layer 2, show their deltas; the output layer and other hidden units do not
        assert f"\\delta={grads.delta(2)[0, k]:.4f}$" in text
    assert "a-y" not in text and "x_{1}" not in text
