"""The command surface in one data structure: ``/help`` and ``setMyCommands`` read it.

A feature adds its commands with ``add_command`` when its handlers are registered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str
    usage: str = ""
    admin: bool = False


COMMANDS: list[CommandSpec] = [
    CommandSpec("start", "What this bot does and your Telegram id"),
    CommandSpec("help", "The commands"),
    CommandSpec("latest", "Newest articles", "[N]"),
    CommandSpec("summary", "Summary of an article (short or long)", "[short|long] [article]"),
    CommandSpec("quotes", "Quotes of a person or an article, or quotes with words", "<who|what>"),
    CommandSpec("people", "People in an article or with a name", "[article|name]"),
    CommandSpec("person", "A person's roles, articles and latest quotes", "<name>"),
    CommandSpec("search", "Articles matching words", "<words>"),
    CommandSpec("allow", "Let a user or chat use the bot", "<id> [label]", admin=True),
    CommandSpec("deny", "Remove a user or chat", "<id>", admin=True),
    CommandSpec("members", "Who may use the bot", admin=True),
]


def add_command(spec: CommandSpec) -> None:
    """Add (or replace) a command in the list shown by ``/help`` and ``setMyCommands``."""
    for index, existing in enumerate(COMMANDS):
        if existing.command == spec.command:
            COMMANDS[index] = spec
            return
    COMMANDS.append(spec)
