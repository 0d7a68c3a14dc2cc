"""An offline console chat: the real application and handlers over an in-memory Bot API.

Type what an editor would send in a private chat with the bot::

    /summary long 3        a command
    @ azimova              an inline query (``more`` asks for its next page)
    2                      press button 2 of the last reply, or choose inline result 2
    ^ /people              send a command as a reply to the bot's last message

Replies print as plain text with numbered buttons. Input is read line by line, so a script
can be piped in; the console ends at end of input.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from dataclasses import dataclass
from typing import Any, TextIO

from telegram import Update
from telegram.ext import Application

from bot.memory_api import InMemoryBotApi, plain_text

CONSOLE_USER_ID = 1000
BLOCK_MARK = '"""'  # a line of three double quotes opens and closes a message of several lines
ANSWER_WAIT_SECONDS = 60.0
CONSOLE_USER: dict[str, Any] = {
    "id": CONSOLE_USER_ID,
    "is_bot": False,
    "first_name": "Console",
    "username": "console_editor",
}


@dataclass(slots=True)
class Choice:
    """Something a number can pick: a button of a message, or an inline result."""

    label: str
    callback_data: str | None = None
    message_key: tuple[int, int] | None = None
    inline_result: dict[str, Any] | None = None


class Console:
    def __init__(
        self,
        app: Application,
        api: InMemoryBotApi,
        stdout: TextIO,
        user: dict[str, Any] | None = None,
    ) -> None:
        self.app = app
        self.api = api
        self.out = stdout
        self.user = dict(user or CONSOLE_USER)
        self.chat_id = int(self.user["id"])
        self.api.chats[self.chat_id] = {
            "id": self.chat_id,
            "type": "private",
            "first_name": self.user["first_name"],
        }
        self.choices: list[Choice] = []
        self._seen = 0
        self._ids = itertools.count(1)
        self._inline: tuple[str, str] | None = None  # last query and its next_offset
        self._block: list[str] | None = None  # lines of a """ message being typed

    # Input ---------------------------------------------------------------------------------
    async def handle_line(self, line: str) -> None:
        if self._block is not None:  # inside a """ … """ message
            if line.strip() == BLOCK_MARK:
                text, self._block = "".join(self._block).strip("\n"), None
                if text.strip():
                    await self.send_and_wait(text)
            else:
                self._block.append(line)
            return
        line = line.strip()
        if not line:
            return
        if line == BLOCK_MARK:
            self._block = []
            return
        if line.isdigit():
            await self.choose(int(line))
        elif line.startswith("@"):
            words = line[1:].strip()
            username = str(self.api.bot_user.get("username", ""))
            if username and words.casefold().startswith(username.casefold()):
                words = words[len(username) :].strip()
            await self.inline(words, "")
        elif line.casefold() == "more" and self._inline and self._inline[1]:
            await self.inline(*self._inline)
        elif line.startswith("^"):
            await self.send(line[1:].strip(), reply=True)
        else:
            await self.send(line)

    async def send(self, text: str, *, reply: bool = False) -> None:
        replied = self.api.last_bot_message(self.chat_id) if reply else None
        if reply and replied is None:
            self._print("(nothing to reply to yet)")
            return
        message = self.api.user_message(self.chat_id, self.user, text, reply_to=replied)
        await self._process({"message": message})

    async def send_and_wait(self, text: str) -> None:
        """Send a message of several lines (a pasted article) and wait for the bot's answer,
        which comes once the paste is complete and analysed."""
        before = len(self.api.calls)
        await self.send(text)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ANSWER_WAIT_SECONDS
        while loop.time() < deadline and not any(
            c.method == "sendMessage" for c in self.api.calls[before:]
        ):
            await asyncio.sleep(0.1)
        self._show_new_calls()

    async def inline(self, words: str, offset: str) -> None:
        query = {
            "id": str(next(self._ids)),
            "from": self.user,
            "query": words,
            "offset": offset,
            "chat_type": "private",
        }
        self._inline = (words, "")
        await self._process({"inline_query": query})

    async def choose(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self._print(f"(no choice {number}: the last reply has {len(self.choices)})")
            return
        choice = self.choices[number - 1]
        if choice.inline_result is not None:
            await self._post_inline(choice.inline_result)
            return
        assert choice.message_key is not None
        query = {
            "id": str(next(self._ids)),
            "from": self.user,
            "chat_instance": str(self.chat_id),
            "data": choice.callback_data,
            "message": self.api.messages[choice.message_key],
        }
        await self._process({"callback_query": query})

    async def _post_inline(self, result: dict[str, Any]) -> None:
        content = result.get("input_message_content", {})
        text = str(content.get("message_text", ""))
        shown = plain_text(text) if content.get("parse_mode") == "HTML" else text
        self.api.user_message(self.chat_id, self.user, shown, via_bot=True)
        self._print(f"you (via @{self.api.bot_user['username']}):\n{shown}")
        chosen = {"result_id": result["id"], "from": self.user, "query": self._inline_query()}
        await self._process({"chosen_inline_result": chosen})

    def _inline_query(self) -> str:
        return self._inline[0] if self._inline else ""

    async def _process(self, payload: dict[str, Any]) -> None:
        self.api.push_update(payload)
        raw = self.api.updates.get_nowait()
        await self.app.process_update(Update.de_json(raw, self.app.bot))
        self._show_new_calls()

    # Output --------------------------------------------------------------------------------
    def _print(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def _show_new_calls(self) -> None:
        calls = self.api.calls[self._seen :]
        self._seen = len(self.api.calls)
        for call in calls:
            params = call.params
            if call.method in ("sendMessage", "editMessageText"):
                self._show_message(call.method, params)
            elif call.method == "answerCallbackQuery" and params.get("text"):
                kind = "alert" if params.get("show_alert") else "notice"
                self._print(f"[{kind}] {params['text']}")
            elif call.method == "answerInlineQuery":
                self._show_inline(params)
            elif call.method == "sendDocument":
                self._show_document(params)

    def _show_document(self, params: dict[str, Any]) -> None:
        document = params.get("document")
        name = getattr(document, "file_name", "file")
        size = len(getattr(document, "data", b""))
        caption = str(params.get("caption", ""))
        shown = plain_text(caption) if params.get("parse_mode") == "HTML" else caption
        self._print(f"bot: 📎 {name} ({size:,} bytes)\n{shown}\n")

    def _show_message(self, method: str, params: dict[str, Any]) -> None:
        text = str(params.get("text", ""))
        shown = plain_text(text) if params.get("parse_mode") == "HTML" else text
        prefix = "bot (edited):" if method == "editMessageText" else "bot:"
        lines = [prefix, shown]
        keyboard = (params.get("reply_markup") or {}).get("inline_keyboard")
        if keyboard:
            key = (int(params["chat_id"]), self._message_id(params))
            self.choices = []
            for row in keyboard:
                cells = []
                for button in row:
                    self.choices.append(Choice(button["text"], button.get("callback_data"), key))
                    cells.append(f"[{len(self.choices)}] {button['text']}")
                lines.append("   " + "   ".join(cells))
        self._print("\n".join(lines) + "\n")

    def _message_id(self, params: dict[str, Any]) -> int:
        if "message_id" in params:
            return int(params["message_id"])
        last = self.api.last_bot_message(int(params["chat_id"]))
        return int(last["message_id"]) if last else 0

    def _show_inline(self, params: dict[str, Any]) -> None:
        results = params.get("results") or []
        next_offset = str(params.get("next_offset") or "")
        self._inline = (self._inline_query(), next_offset)
        lines = [f"inline results ({len(results)}):"]
        self.choices = []
        for result in results:
            self.choices.append(Choice(str(result.get("title")), inline_result=result))
            description = result.get("description")
            line = f"  {len(self.choices)}. {result.get('title')}"
            lines.append(line + (f"\n     {description}" if description else ""))
        button = params.get("button")
        if button:
            lines.append(f"  [{button.get('text')}]")
        if not results and not button:
            lines.append("  (nothing matches)")
        if next_offset:
            lines.append("  (type 'more' for the next page)")
        self._print("\n".join(lines) + "\n")

    # Loop ----------------------------------------------------------------------------------
    async def run(self, stdin: TextIO) -> int:
        interactive = stdin.isatty()
        if interactive:
            self._print(
                "Newsroom bot console — commands like /help, '@ words' for inline, "
                'a number to press a button, an article between two lines of """ to add '
                "it. Ctrl-D quits."
            )
        lines = _read_lines(stdin)
        while True:
            if interactive:
                self.out.write("> ")
                self.out.flush()
            line = await lines.get()
            if line is None:
                return 0
            if not interactive and line.strip():
                self._print(f"> {line.strip()}")
            await self.handle_line(line)


def _read_lines(stdin: TextIO) -> asyncio.Queue[str | None]:
    """Lines of ``stdin`` as they come, ``None`` at the end.

    A daemon thread does the blocking reads, so Ctrl-C ends the console at once instead of
    waiting for a worker thread stuck in ``readline``.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        try:
            for line in iter(stdin.readline, ""):
                loop.call_soon_threadsafe(lines.put_nowait, line)
        finally:
            with contextlib.suppress(RuntimeError):  # the loop may be gone already
                loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    return lines
