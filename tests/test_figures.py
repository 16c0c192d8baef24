"""bpnet.figures: the text height a reader sees, and the refusal of a figure too small to read."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (after matplotlib.use('Agg'))
import pytest  # noqa: E402 (after matplotlib.use('Agg'))

from bpnet.figures import COLUMN_PX, glue_figure, smallest_text_px  # noqa: E402 (after matplotlib.use('Agg'))


def test_text_height_follows_points_dpi_and_the_column():
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)  # 400 px wide: shown at its own size
    ax.set_title("t", fontsize=12)
    ax.tick_params(labelsize=10)
    assert smallest_text_px(fig) == pytest.approx(10 * 100 / 72)
    fig.set_size_inches(COLUMN_PX / 50, 3)  # twice the column wide: shown at half size
    assert smallest_text_px(fig) == pytest.approx(10 * 100 / 72 / 2)
    plt.close(fig)


def test_a_figure_too_small_to_read_is_refused():
    fig, ax = plt.subplots(figsize=(12, 3), dpi=100)
    ax.tick_params(labelsize=7)
    with pytest.raises(ValueError, match="smallest text is .* px tall on a 1280 px page"):
        glue_figure("too-small", fig)
    plt.close(fig)
