"""The reply design's rules, asserted on every card kind for Slack and Teams, as built
from real replies of the real core (bot.card_gallery, the same cards as docs/gallery).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.card_gallery import UNTRUSTED, Example, examples
from tests.card_parts import slack_buttons, slack_texts, teams_actions, teams_nodes, teams_texts

REPO_CONFIG = "docs/gallery/host-config.json"
NUMBER = "07968 149916"
TEAMS_LABEL_MAX = 20  # Teams does not wrap button text at chat width
TEAMS_ROW_MAX = 48  # characters of labels side by side in one row of buttons
SLACK_LABEL_MAX = 30
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


@pytest.fixture(scope="module")
def gallery(core: Any) -> list[Example]:
    return examples(core.assistant)


def _surfaces(gallery: list[Example]) -> list[tuple[str, str, list[str]]]:
    out = []
    for ex in gallery:
        if ex.teams is not None:
            out.append((ex.name, "teams", teams_texts(ex.teams)))
        if ex.slack is not None:
            out.append((ex.name, "slack", slack_texts(ex.slack)))
    return out


def _norm(sentence: str) -> str:
    return re.sub(r"[*_>“”‘’\"…]|—.*$", "", sentence).strip().lower()


def test_the_gallery_covers_every_reply_kind(gallery: list[Example]) -> None:
    names = {ex.name for ex in gallery}
    for kind in ("answer", "not-covered", "small-talk", "draft-result", "report-media-held"):
        assert kind in names
    assert {"alert-open", "alert-acknowledged", "alert-resolved", "alert-reminder"} <= names


def test_no_sentence_is_shown_twice(gallery: list[Example]) -> None:
    for name, surface, texts in _surfaces(gallery):
        seen: dict[str, int] = {}
        for text in texts:
            for sentence in _SENTENCE.split(text):
                key = _norm(sentence)
                if len(key) >= 40:
                    seen[key] = seen.get(key, 0) + 1
        repeated = [s for s, n in seen.items() if n > 1]
        assert not repeated, f"{name} ({surface}) repeats: {repeated}"


def test_the_contact_number_at_most_once_per_card(gallery: list[Example]) -> None:
    for name, surface, texts in _surfaces(gallery):
        if name.startswith("alert"):
            continue  # the reporter's words are theirs
        count = sum(t.count(NUMBER) for t in texts)
        assert count <= 1, f"{name} ({surface}) gives the number {count} times"


def test_nothing_that_stays_says_now(gallery: list[Example]) -> None:
    for ex in gallery:
        labels = [str(a.get("title", "")) for a in teams_actions(ex.teams or {})]
        labels += [b["text"]["text"] for b in slack_buttons(ex.slack or [])]
        texts = (teams_texts(ex.teams) if ex.teams else []) + slack_texts(ex.slack or [])
        found = [t for t in texts + labels if re.search(r"\bnow\b", t, re.I)]
        assert not found, f"{ex.name}: {found}"


def test_button_labels_fit(gallery: list[Example]) -> None:
    for ex in gallery:
        for node in teams_nodes(ex.teams or {}):
            row = [a for a in node.get("actions") or [] if isinstance(a, dict)]
            titles = [str(a.get("title", "")) for a in row]
            assert all(len(t) <= TEAMS_LABEL_MAX for t in titles), (ex.name, titles)
            assert sum(len(t) for t in titles) <= TEAMS_ROW_MAX, (ex.name, titles)
        for element in slack_buttons(ex.slack or []):
            assert len(element["text"]["text"]) <= SLACK_LABEL_MAX, (ex.name, element)


def test_every_input_is_labelled(gallery: list[Example]) -> None:
    for ex in gallery:
        for node in teams_nodes(ex.teams or {}):
            if str(node.get("type", "")).startswith("Input."):
                assert node.get("label"), (ex.name, node)
        for block in ex.slack or []:
            if block.get("type") == "input":
                assert block["label"]["text"], (ex.name, block)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _texts_on_backgrounds(node: Any, style: str = "default") -> list[tuple[dict, str]]:
    out = []
    if isinstance(node, dict):
        style = (
            node.get("style") if node.get("type") == "Container" and node.get("style") else style
        )
        if node.get("type") in ("TextBlock", "RichTextBlock"):
            out.append((node, style))
        for key in ("body", "items", "columns", "inlines"):
            for child in node.get(key) or []:
                out += _texts_on_backgrounds(child, style)
        for action in node.get("actions") or []:
            if isinstance(action.get("card"), dict):
                out += _texts_on_backgrounds(action["card"], "default")
    return out


def test_teams_text_meets_contrast_in_light_and_dark(gallery: list[Example]) -> None:
    config = json.loads(Path(REPO_CONFIG).read_text(encoding="utf-8"))
    assert contrast("#92C353", "#FFFFFF") < 4.5  # why "good" never colours text
    for theme in ("light", "dark"):
        palette = config[theme]
        for ex in gallery:
            for node, style in _texts_on_backgrounds(ex.teams or {}):
                colour = str(node.get("color", "default")).lower()
                shade = "subtle" if node.get("isSubtle") else "default"
                fg = palette["foregroundColors"][colour][shade]
                bg = palette["containerStyles"][style]["backgroundColor"]
                assert contrast(fg, bg) >= 4.5, (theme, ex.name, node.get("text"), fg, bg)


def test_someone_elses_words_are_never_markdown(gallery: list[Example]) -> None:
    shown = [ex for ex in gallery if ex.untrusted]
    assert len(shown) >= 5
    probe = "**14 year old**"
    for ex in shown:
        if ex.teams is not None:
            for node in teams_nodes(ex.teams):
                if node.get("type") == "TextBlock":
                    assert probe not in node["text"] and "evil.example" not in node["text"]
            runs = " ".join(n["text"] for n in teams_nodes(ex.teams) if n.get("type") == "TextRun")
            assert ex.untrusted.split("\n")[0][:40] in runs, ex.name
        if ex.slack is not None:
            for block in ex.slack:
                if block.get("type") != "rich_text":
                    markdown = json.dumps(block, ensure_ascii=False)
                    assert "**" + "14" not in markdown and "<!here>" not in markdown, ex.name
            rich = [b for b in ex.slack if b.get("type") == "rich_text"]
            assert rich, ex.name
    assert UNTRUSTED.startswith("In #research")


def test_the_safeguarding_card_says_delete_your_post_when_made_in_a_channel(
    gallery: list[Example],
) -> None:
    [channel] = [ex for ex in gallery if ex.name == "report-safeguarding-sent"]
    assert channel.from_channel
    for texts in (teams_texts(channel.teams or {}), slack_texts(channel.slack or [])):
        assert any("Delete your message in the channel" in t for t in texts)
    private = [ex for ex in gallery if ex.name.startswith("report-") and not ex.from_channel]
    for ex in private:
        assert not any("Delete your message" in t for t in teams_texts(ex.teams or {}))


def test_report_cards_put_the_status_and_button_before_the_quote(gallery: list[Example]) -> None:
    for name in ("report-media-held", "report-media-sent"):
        [ex] = [e for e in gallery if e.name == name]
        body = (ex.teams or {})["body"]
        kinds = [b["type"] for b in body]
        quote_at = max(i for i, b in enumerate(body) if b.get("style") == "emphasis")
        status_at = 2 if name.endswith("held") else 1
        assert kinds[status_at] in ("ActionSet", "Container") and status_at < quote_at
        assert (ex.slack or [])[0]["block_id"] == "report_state"
