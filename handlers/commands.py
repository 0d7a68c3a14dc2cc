"""The command surface in one data structure: ``/help`` and ``setMyCommands`` read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandSpec:
    command: str
    description: str
    usage: str = ""
    admin: bool = False  # kept out of the public menu; /help shows it to admins
    editor: bool = False  # /help shows it to editors too


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "What this bot does and your Telegram id"),
    CommandSpec("help", "The commands"),
    CommandSpec("latest", "Newest articles", "[N]"),
    CommandSpec("summary", "Summary of an article (short or long)", "[short|long] [article]"),
    CommandSpec("quotes", "Quotes of a person or an article, or quotes with words", "<who|what>"),
    CommandSpec("people", "People in an article or with a name", "[article|name]"),
    CommandSpec("person", "A person's roles, articles and latest quotes", "<name>"),
    CommandSpec("search", "Articles matching words", "<words>"),
    CommandSpec(
        "subscribe",
        "Daily digest in this chat, at a time and zone you choose",
        "[HH:MM] [Area/City] (bot admins: [@channel])",
    ),
    CommandSpec("unsubscribe", "Stop this chat's daily digest", "(bot admins: [@channel])"),
    CommandSpec("digest", "This chat's digest so far (the schedule stays)"),
    CommandSpec(
        "settings",
        "Digest settings: time, zone, days, items, keywords",
        "[time|zone|days|items|include|exclude|empty <value>]",
    ),
    CommandSpec(
        "watch", "Be told when a new article names a person or has words", "<person|words>"
    ),
    CommandSpec("unwatch", "Stop a watch", "<number|text>"),
    CommandSpec("watches", "This chat's watches"),
    CommandSpec(
        "export",
        "A CSV file of quotes (of a person or an article) or of people",
        "quotes <person|article> | people [article]",
    ),
    CommandSpec("allow", "Let a user or chat use the bot", "<id> [label]", admin=True),
    CommandSpec("deny", "Remove a user or chat", "<id>", admin=True),
    CommandSpec("members", "Who may use the bot", admin=True),
    CommandSpec("addfeed", "Poll an RSS or Atom feed", "<url>", admin=True, editor=True),
    CommandSpec("removefeed", "Stop polling a feed", "<number|url>", admin=True, editor=True),
    CommandSpec("feeds", "The feeds polled and how they fare", admin=True, editor=True),
)
