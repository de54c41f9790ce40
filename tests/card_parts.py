"""Walk rendered cards and blocks: every action, input and text a person can see.

Shared by the Slack and Teams tests and by the card-rule tests (tests/unit/test_card_rules.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def teams_nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every element, action and nested card of an Adaptive Card, depth first."""
    if isinstance(node, dict):
        yield node
        for key in ("body", "items", "actions", "columns", "inlines"):
            for child in node.get(key) or []:
                yield from teams_nodes(child)
        if isinstance(node.get("card"), dict):
            yield from teams_nodes(node["card"])
    elif isinstance(node, list):
        for child in node:
            yield from teams_nodes(child)


def teams_actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in teams_nodes(card) if str(n.get("type", "")).startswith("Action.")]


def teams_action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    [found] = [a for a in teams_actions(card) if a.get("verb") == verb]
    return found


def teams_texts(card: dict[str, Any]) -> list[str]:
    out = []
    for node in teams_nodes(card):
        if node.get("type") in ("TextBlock", "TextRun") and node.get("text"):
            out.append(str(node["text"]))
        for fact in node.get("facts") or []:
            out += [str(fact.get("title", "")), str(fact.get("value", ""))]
    return out


def slack_texts(blocks: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                out.append(node["text"])
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return out


def slack_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for block in blocks:
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found.append(element)
    return found
