"""The offline console: a piped script of commands in, readable replies out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Config
from bot.runner import run_bot
from storage import Store
from tests.bot_kit import newsroom
from tests.conftest import REPO

SCRIPT = """/start
/summary
1
/quotes Azimova
/people 1
1
/person Azimvoa
@ azimova
2
@ nothing-matches-this
/allow 555 Jane
/members
^ /quotes
/nonsense
9
"""


async def transcript(store: Store, script: str) -> str:
    out = io.StringIO()
    assert await run_bot(Config(), store, stdin=io.StringIO(script), stdout=out) == 0
    return out.getvalue()


async def test_a_piped_script_prints_readable_replies(store: Store) -> None:
    await newsroom(store)
    text = await transcript(store, SCRIPT)
    blocks = ("\n" + text).split("\n> ")[1:]
    pairs = [tuple(block.split("\n", 1)) for block in blocks]
    assert [command for command, _ in pairs] == SCRIPT.splitlines()
    replies = dict(pairs)  # the last reply for a repeated line
    first_press, profile = pairs[2][1], pairs[5][1]
    assert text.startswith("> /start\nbot:\n")
    assert "Your Telegram user id: 1000 (admin)" in text  # the console user is a local admin
    summary = replies["/summary"]
    assert summary.startswith("bot:\n#3 · Budget for 2027 passes with a narrow majority\n")
    assert "   [1] Short   [2] Long\n   [3] Quotes   [4] People" in summary
    assert first_press.startswith("bot (edited):\n#3 · Budget") and "short summary" in first_press
    assert (
        "“courts need more money”\n— Elvira Azimova · Budget for 2027" in replies["/quotes Azimova"]
    )
    assert "[1] Elvira Azimova" in replies["/people 1"]
    assert replies["/people 1"].count("[") == 2  # two people, one button each
    assert profile.startswith("bot:\n👤 Elvira Azimova")  # button 1 of the people list
    assert "Did you mean Elvira Azimova?\n   [1] Elvira Azimova" in replies["/person Azimvoa"]
    inline = replies["@ azimova"]
    assert inline.startswith("inline results (") and "  1. Elvira Azimova" in inline
    assert replies["2"].startswith("you (via @newsroom_bot):\n")
    assert "inline results (0):\n  (nothing matches)" in replies["@ nothing-matches-this"]
    assert replies["/allow 555 Jane"] == "bot:\nAllowed user 555 (Jane)."
    assert "user 555 — Jane" in replies["/members"]
    assert replies["^ /quotes"].startswith("bot:\n#3 · Budget")  # reply to the last message
    assert "I don't know that command" in replies["/nonsense"]
    assert replies["9"].startswith("(no choice 9")


async def test_end_of_input_ends_the_console(store: Store) -> None:
    assert await transcript(store, "") == ""
    assert "No articles yet" in await transcript(store, "/summary\n")


def test_newsroom_bot_run_reads_piped_lines(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "NEWSROOM_"))
    }
    env["NEWSROOM_DB"] = str(tmp_path / "console.db")
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--seed-dir", str(REPO / "seeds")],
        input="/summary\n/quotes Azimova\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("> /summary\nbot:\n#1 · ")
    assert "> /quotes Azimova\nbot:\n" in done.stdout
    assert "Azimova" in done.stdout.split("> /quotes Azimova")[1]


async def test_an_article_pasted_between_triple_quotes_is_added(store: Store) -> None:
    article = (REPO / "seeds" / "000_0f55b7b5fa43bf67.txt").read_text(encoding="utf-8")
    out = await transcript(store, f'"""\n{article}\n"""\n/latest 1\n')
    assert "Added as #1" in out
    assert (await store.stats()).articles == 1
    assert "#1 ·" in out.split("> /latest 1", 1)[1]
