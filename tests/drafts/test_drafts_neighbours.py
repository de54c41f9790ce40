"""The nearest labelled drafts' verdicts, read as a severity of the draft."""

from __future__ import annotations

import numpy as np

from bot.core.drafts.meaning import MeaningModel
from bot.core.drafts.neighbours import fit_neighbours, shares


def test_acceptable_verdicts_share_a_drafts_weight():
    assert shares([{"ok"}, {"review", "do_not_post"}]).tolist() == [
        [1.0, 0.0, 0.0],
        [0.0, 0.5, 0.5],
    ]


def test_the_reading_follows_the_nearest_drafts_and_leaves_out_their_own_file():
    rows = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0]])
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    near = fit_neighbours(rows, [{"do_not_post"}, {"do_not_post"}, {"ok"}])
    near = type(near)(near.vectors, near.shares, k=2)
    close = near.read(np.array([1.0, 0.0]))
    assert close["neighbours do_not_post"] > 0.99
    # Out of fold: the first two drafts share a file, so each reads only the third.
    first = near.out_of_fold(["a", "a", "b"])[0]
    assert first == {"neighbours review": 0.0, "neighbours do_not_post": 0.0}


def test_the_post_alone_is_read_beside_the_whole_message():
    # A message whose story reads mild around a post that reads severe: both readings
    # reach the verdict, the post's under its own names.
    rows = np.array([[1.0, 0.0], [0.0, 1.0]])
    whole = fit_neighbours(rows, [{"ok"}, {"do_not_post"}])
    post = fit_neighbours(rows, [{"ok"}, {"do_not_post"}])
    model = MeaningModel({}, 0.5, neighbours=whole, post_neighbours=post)
    assert model.reads_post
    read = model.severities(np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    assert read["neighbours do_not_post"] < 0.01
    assert read["post neighbours do_not_post"] > 0.99
    # Without the post's vector, only the whole message is read.
    assert "post neighbours review" not in model.severities(np.array([1.0, 0.0]))
    assert not MeaningModel({}, 0.5, neighbours=whole).reads_post
