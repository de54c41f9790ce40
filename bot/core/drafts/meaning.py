"""Draft signals by meaning: which sections a draft reads as breaking, from its embedding.

Beside the lexical rules, one logistic regression per section over the message's MiniLM
embedding (trained by `policybot train drafts` on the labelled drafts of the train
split; model card `weights/MEANING_CARD.md`). It catches what no word list names: a
veiled attack on a colleague, paid promotion, "DM us your date of birth". A section it
flags that no rule already flagged becomes a `review` finding quoting the section's
passage nearest to the draft: the model knows *that* the section applies, not which
sentence, so it asks for review and never says "do not post" on its own.

Two more regressions read how severe the draft is, whatever the section: the probability
that blind writers would judge it at least `review`, and `do_not_post`; and so do the
verdicts of the labelled drafts nearest in meaning (`neighbours.py`). They are features
of the learned verdict (`verdict.py`), never findings: a dig at a colleague or a leak
phrased in words no rule knows still reads as severe.

The same two readings are made again of the post alone (`post_severity`,
`post_neighbours`): the whole message mixes in the sender's story and ask ("is this too
much?", "a troll came at us, my reply: ..."), which says little of how severe the post
itself is. Both readings are features, side by side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from bot.core.ranking.model import LinearModel

from .neighbours import Neighbours, load_neighbours

WEIGHTS = Path(__file__).with_name("weights") / "meaning.json"
# The verdicts a severity regression is fitted for: P(verdict >= it).
SEVERITY = ("review", "do_not_post")
# Once the verdict says a draft is not ok, the sections over this lower bar are shown as
# its reasons: writers flag §3.1 (reputation, identifiable as HRA staff) on nearly every
# such draft, often where the model reads it at 0.4 to 0.55. Leave-one-file-out over the
# 32 blind batches: flag recall 0.865 -> 0.882, 86 more sections shown that writers did
# not flag over 1,080 drafts (0.3: 0.887, 174 more).
REASON_BAR = 0.4
# The severity features read of the post alone: their prefix, and the file of the
# labelled posts they are read among (beside `neighbours.npz`).
POST = "post "
POST_NEIGHBOURS = "neighbours_post.npz"


@dataclass(frozen=True)
class MeaningModel:
    sections: dict[str, LinearModel]
    bar: float  # one probability bar for every section, chosen on the dev split
    # P(verdict at least "review"), P(verdict "do_not_post"): `SEVERITY` names them.
    severity: dict[str, LinearModel] = field(default_factory=dict)
    neighbours: Neighbours | None = None
    # The same readings of the post alone (`POST` names their features).
    post_severity: dict[str, LinearModel] = field(default_factory=dict)
    post_neighbours: Neighbours | None = None

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        return _read(self.sections, vector)

    def severities(self, vector: np.ndarray, post: np.ndarray | None = None) -> dict[str, float]:
        """How severe the draft reads, by verdict (empty when none was trained), and
        how the nearest labelled drafts were judged; of the whole message, and of the
        post alone when its vector `post` is given."""
        found = _severity(self.severity, self.neighbours, vector)
        if post is not None:
            own = _severity(self.post_severity, self.post_neighbours, post)
            found |= {POST + name: p for name, p in own.items()}
        return found

    @property
    def reads_post(self) -> bool:
        """Whether the post alone is read (its vector worth computing)."""
        return bool(self.post_severity) or self.post_neighbours is not None

    def flagged(self, vector: np.ndarray) -> list[str]:
        """Sections over the bar, most probable first."""
        return self.over_bar(self.probabilities(vector))

    def over_bar(self, found: dict[str, float]) -> list[str]:
        """Of these probabilities, the sections over the bar, most probable first."""
        return sorted((s for s, p in found.items() if p >= self.bar), key=lambda s: -found[s])

    def reasons(self, found: dict[str, float]) -> list[str]:
        """Of these probabilities, the sections to show when the verdict is not ok: those
        over `REASON_BAR`, or else the most probable one (`check_draft` shows it only when
        nothing else is found: a check with no finding reads as "OK to post")."""
        ranked = sorted(found, key=lambda s: -found[s])
        # Never above the bar itself: the sections over it are always among the reasons.
        floor = min(REASON_BAR, self.bar)
        return [s for s in ranked if found[s] >= floor] or ranked[:1]

    def to_dict(self) -> dict[str, object]:
        return {
            "bar": round(self.bar, 6),
            "sections": {s: m.to_dict() for s, m in self.sections.items()},
            "severity": {v: m.to_dict() for v, m in self.severity.items()},
            "post_severity": {v: m.to_dict() for v, m in self.post_severity.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> MeaningModel:
        sections = data["sections"]
        assert isinstance(sections, dict)
        bar = data["bar"]
        assert isinstance(bar, float | int)
        severity = data.get("severity") or {}
        post = data.get("post_severity") or {}
        assert isinstance(severity, dict) and isinstance(post, dict)
        return cls(
            {s: LinearModel.from_dict(m) for s, m in sections.items()},
            float(bar),
            {v: LinearModel.from_dict(m) for v, m in severity.items()},
            post_severity={v: LinearModel.from_dict(m) for v, m in post.items()},
        )


def _read(models: dict[str, LinearModel], vector: np.ndarray) -> dict[str, float]:
    unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
    return {name: float(m.probability(unit[None, :])[0]) for name, m in models.items()}


def _severity(
    models: dict[str, LinearModel], neighbours: Neighbours | None, vector: np.ndarray
) -> dict[str, float]:
    found = _read(models, vector)
    if neighbours is not None:
        unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
        found |= neighbours.read(unit)
    return found


NONE = MeaningModel({}, 1.0)


def load_meaning(path: Path = WEIGHTS) -> MeaningModel:
    if not path.is_file():
        return NONE
    model = MeaningModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    neighbours = load_neighbours(path.with_name("neighbours.npz"))
    post = load_neighbours(path.with_name(POST_NEIGHBOURS))
    return replace(model, neighbours=neighbours, post_neighbours=post)
