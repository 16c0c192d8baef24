"""bpnet.tables and bpnet.diagram: the numbers they print are bpnet's."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import pytest  # noqa: E402 (after matplotlib.use('Agg'))

import bpnet  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.diagram import draw_network, unit_positions  # noqa: E402 (after matplotlib.use('Agg'))
from bpnet.tables import bias_table, delta_table, forward_table, markdown_table, num, symbol, trace_table, weight_table  # noqa: E402 (after matplotlib.use('Agg'))


@pytest.fixture
def step():
    net, x, y = bpnet.worked_example()
    trace = net.forward(x)
    grads = net.backward(trace, y)
    after = net.copy()
    after.step(grads, 0.5)
    return net, trace, grads, after


def test_num_and_symbol():
    assert num(0.5932699921) == "0.593270"
    assert num(-0.0380982, 4) == "-0.0381"
    assert "e" in num(4.2e-18)
    assert symbol("w", 2, 0, 1) == "w^{(2)}_{12}"
    assert symbol("x", None, 1) == "x_{2}"
    assert symbol("w", 1, 9, 0) == "w^{(1)}_{10,1}"


def test_markdown_table_shape_and_errors():
    t = markdown_table(["a", "b"], [["1", "2"]])
    assert t.splitlines() == ["| a | b |", "|:--|--:|", "| 1 | 2 |"]
    with pytest.raises(ValueError, match="2 cells"):
        markdown_table(["a", "b"], [["1"]])
    with pytest.raises(ValueError, match="align"):
        markdown_table(["a", "b"], [["1", "2"]], align="x")


def test_tables_hold_bpnets_numbers(step):
    net, trace, grads, after = step
    f = forward_table(net, trace)
    assert "0.593270" in f and "1.105906" in f and "$a^{(2)}_{2}$" in f
    d = delta_table(net, grads)
    assert num(grads.deltas[0][0, 1]) in d and r"$\delta^{(1)}_{2}$" in d
    w = weight_table(net, grads, after, trace)
    assert len(w.splitlines()) == 2 + 8 and num(after.weights[1][0, 0]) in w and num(grads.weights[0][1, 0]) in w
    b = bias_table(net, grads, after)
    assert num(after.biases[1][1]) in b
    t = trace_table(net, trace, grads)
    assert num(grads.deltas[1][0, 0]) in t


def test_tables_reject_mismatch(step):
    net, trace, grads, _ = step
    with pytest.raises(ValueError, match="example"):
        forward_table(net, trace, example=3)
    other = bpnet.Network([2, 3, 2], seed=0)
    with pytest.raises(ValueError, match="sizes"):
        forward_table(other, trace)
    with pytest.raises(ValueError, match="shapes"):
        weight_table(other, grads)


def test_draw_network(step):
    net, trace, grads, _ = step
    assert unit_positions([2, 1])[1] == [(unit_positions([2, 1])[1][0][0], 0.0)]
    fig, ax = plt.subplots()
    texts = draw_network(ax, net, trace, grads)
    joined = " ".join(t.get_text() for t in texts)
    assert "0.5933" in joined and "0.1385" in joined and "w^{(2)}_{12}" in joined
    plt.close(fig)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="sizes"):
        draw_network(ax, bpnet.Network([2, 3, 2], seed=0), trace)
    # edges, unit names, bias lines
    assert len(draw_network(ax, bpnet.Network([3, 4, 1], seed=0))) == (3 * 4 + 4) + 8 + 5
    plt.close(fig)


def test_every_column_has_header_text():
    with pytest.raises(ValueError, match="every column needs header text"):
        markdown_table(["", "value"], [["a", "1"]])
