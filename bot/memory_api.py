"""An in-memory Bot API: answers python-telegram-bot's requests without a network.

The offline console and the tests run the real application against it. It keeps chats and
message ids like Telegram does, records every call (``calls``), feeds ``getUpdates`` from a
queue, and lets a subclass or a test inject failures (``fail_next``) such as 429 or 403.
Methods are handled by ``_m_<methodName>``; a subclass adds or overrides them.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER: dict[str, Any] = {
    "id": 100000001,
    "is_bot": True,
    "first_name": "Newsroom",
    "username": "newsroom_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
_TAG = re.compile(r"<[^>]+>")
# Files are downloaded from ``<base_file_url><token>/<file_path>``; our file paths start so.
FILE_PATH_MARK = "/files/"


class BotApiError(Exception):
    """A Bot API error reply: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, **parameters: Any) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


@dataclass(slots=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


def plain_text(html_text: str) -> str:
    """What a Telegram client shows for an HTML-formatted message: tags gone, entities read."""
    return html.unescape(_TAG.sub("", html_text))


def _decode(params: dict[str, Any]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, str) and value[:1] in "[{":
            try:
                decoded[key] = json.loads(value)
                continue
            except ValueError:
                pass
        decoded[key] = value
    return decoded


@dataclass(frozen=True, slots=True)
class Upload:
    """A file the bot sent (``sendDocument``)."""

    file_name: str
    data: bytes
    mime_type: str


def _uploads(request_data: RequestData) -> dict[str, Upload]:
    uploads = {}
    for name, (file_name, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        uploads[name] = Upload(str(file_name), data, mime_type)
    return uploads


class InMemoryBotApi(BaseRequest):
    """A fake Bot API server living in this process."""

    def __init__(self, bot_user: dict[str, Any] | None = None) -> None:
        self.bot_user = dict(bot_user or BOT_USER)
        self.calls: list[ApiCall] = []
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.chats: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.chat_admins: defaultdict[int, set[int]] = defaultdict(set)
        self.failures: defaultdict[str, list[BotApiError]] = defaultdict(list)
        self._next_message_id: defaultdict[int, int] = defaultdict(lambda: 1)
        self._update_id = 0
        self.files: dict[str, bytes] = {}
        self.documents: list[tuple[int, Upload, str]] = []  # chat, file, caption shown

    # BaseRequest ---------------------------------------------------------------------------
    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if FILE_PATH_MARK in url:
            return self.download(url.split(FILE_PATH_MARK, 1)[1])
        api_method = url.rsplit("/", 1)[-1]
        params = _decode(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            params.update(_uploads(request_data))
        return await self.handle(api_method, params)

    def download(self, file_path: str) -> tuple[int, bytes]:
        """A file download (``<file base url><token>/<file_path>``), as getFile named it."""
        self.calls.append(ApiCall("downloadFile", {"file_path": file_path}))
        file_id = file_path.rsplit("/", 1)[-1]
        if file_id not in self.files:
            return 404, b'{"ok": false, "error_code": 404, "description": "Not Found"}'
        return 200, self.files[file_id]

    async def handle(self, api_method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        """Answer one Bot API call: HTTP status and JSON body, as Telegram would."""
        if api_method != "getUpdates":
            self.calls.append(ApiCall(api_method, params))
        try:
            pending = self.failures.get(api_method)
            if pending:
                raise pending.pop(0)
            handler = getattr(self, f"_m_{api_method}", None)
            if handler is None:
                raise BotApiError(404, f"Not Found: method {api_method} is not simulated")
            result = await handler(params)
        except BotApiError as error:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.parameters:
                body["parameters"] = error.parameters
            return error.status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # Helpers for tests and the console ------------------------------------------------------
    def fail_next(self, method: str, error: BotApiError) -> None:
        """Make the next call of ``method`` fail with ``error``."""
        self.failures[method].append(error)

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    def chat(self, chat_id: int) -> dict[str, Any]:
        """The chat with this id; unknown ids become private chats (> 0) or groups (< 0)."""
        if chat_id not in self.chats:
            if chat_id > 0:
                self.chats[chat_id] = {"id": chat_id, "type": "private", "first_name": "User"}
            else:
                self.chats[chat_id] = {"id": chat_id, "type": "supergroup", "title": "Group"}
        return self.chats[chat_id]

    def add_chat(self, chat_id: int, kind: str, title: str, username: str | None = None) -> None:
        self.chats[chat_id] = {"id": chat_id, "type": kind, "title": title}
        if username:
            self.chats[chat_id]["username"] = username

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for ``getUpdates``; returns its ``update_id``."""
        self._update_id += 1
        self.updates.put_nowait({"update_id": self._update_id, **update})
        return self._update_id

    def user_message(
        self,
        chat_id: int,
        user: dict[str, Any],
        text: str,
        *,
        reply_to: dict[str, Any] | None = None,
        via_bot: bool = False,
    ) -> dict[str, Any]:
        """A message a user sends in ``chat_id``, stored like Telegram would store it.

        A leading ``/command`` gets its ``bot_command`` entity, as Telegram clients send it.
        """
        message_id = self._next_message_id[chat_id]
        self._next_message_id[chat_id] += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if via_bot:
            message["via_bot"] = self.bot_user
        self.messages[(chat_id, message_id)] = message
        return message

    def forwarded_post(
        self,
        chat_id: int,
        user: dict[str, Any],
        text: str,
        *,
        channel: dict[str, Any],
        post_id: int,
        posted_at: int,
    ) -> dict[str, Any]:
        """A channel post that ``user`` forwards into ``chat_id`` (``forward_origin``)."""
        message = self.user_message(chat_id, user, text)
        message["forward_origin"] = {
            "type": "channel",
            "chat": {"type": "channel", **channel},
            "message_id": post_id,
            "date": posted_at,
        }
        return message

    def add_file(self, data: bytes) -> str:
        """Keep ``data`` as a file the bot may download; returns its ``file_id``."""
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        return file_id

    def user_document(
        self,
        chat_id: int,
        user: dict[str, Any],
        file_name: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        file_size: int | None = None,
    ) -> dict[str, Any]:
        """A document ``user`` sends into ``chat_id``; ``file_size`` may claim another size."""
        message = self.user_message(chat_id, user, "")
        del message["text"]
        file_id = self.add_file(data)
        document: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "file_size": len(data) if file_size is None else file_size,
        }
        if mime_type:
            document["mime_type"] = mime_type
        message["document"] = document
        return message

    def last_bot_message(self, chat_id: int) -> dict[str, Any] | None:
        """The newest message the bot sent (or edited) in ``chat_id``."""
        own = [
            m
            for (chat, _), m in self.messages.items()
            if chat == chat_id and m["from"]["id"] == self.bot_user["id"]
        ]
        return max(own, key=lambda m: m["message_id"]) if own else None

    def _resolve_chat_id(self, raw: Any) -> int:
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self.chats.values():
                if chat.get("username", "").casefold() == raw[1:].casefold():
                    return int(chat["id"])
            raise BotApiError(400, "Bad Request: chat not found")
        return int(raw)

    def _message_key(self, params: dict[str, Any]) -> tuple[int, int]:
        """The stored message an edit names, or the error Telegram gives when there is none."""
        key = (self._resolve_chat_id(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise BotApiError(400, "Bad Request: message to edit not found")
        return key

    def _message(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        message_id = self._next_message_id[chat_id]
        self._next_message_id[chat_id] += 1
        text = str(params.get("text", ""))
        shown = plain_text(text) if params.get("parse_mode") == "HTML" else text
        if not shown.strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        if len(shown) > 4096:
            raise BotApiError(400, "Bad Request: message is too long")
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.bot_user,
            "text": shown,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message_id)] = message
        return message

    # Simulated methods ------------------------------------------------------------------------
    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        timeout = float(params.get("timeout") or 0)
        updates: list[dict[str, Any]] = []
        try:
            if self.updates.empty() and timeout > 0:
                updates.append(await asyncio.wait_for(self.updates.get(), min(timeout, 1.0)))
            while not self.updates.empty():
                updates.append(self.updates.get_nowait())
        except TimeoutError:
            pass
        return updates

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        return self._message(self._resolve_chat_id(params["chat_id"]), params)

    async def _m_sendDocument(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat_id(params["chat_id"])
        upload = params.get("document")
        if not isinstance(upload, Upload):
            raise BotApiError(400, "Bad Request: there is no document in the request")
        if len(upload.data) > 50 * 1024 * 1024:
            raise BotApiError(413, "Request Entity Too Large")
        caption = str(params.get("caption", ""))
        shown = plain_text(caption) if params.get("parse_mode") == "HTML" else caption
        if len(shown) > 1024:
            raise BotApiError(400, "Bad Request: message caption is too long")
        message_id = self._next_message_id[chat_id]
        self._next_message_id[chat_id] += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.bot_user,
            "document": {
                "file_id": f"doc{len(self.documents) + 1}",
                "file_unique_id": f"udoc{len(self.documents) + 1}",
                "file_name": upload.file_name,
                "mime_type": upload.mime_type,
                "file_size": len(upload.data),
            },
        }
        if shown:
            message["caption"] = shown
        self.messages[(chat_id, message_id)] = message
        self.documents.append((chat_id, upload, shown))
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        if "inline_message_id" in params:
            return True
        key = self._message_key(params)
        text = str(params.get("text", ""))
        shown = plain_text(text) if params.get("parse_mode") == "HTML" else text
        message = dict(self.messages[key], text=shown)
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[key] = message
        return message

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        key = self._message_key(params)
        message = dict(self.messages[key])
        message["reply_markup"] = params.get("reply_markup")
        self.messages[key] = message
        return message

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            raise BotApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(self.files[file_id]),
            "file_path": f"{FILE_PATH_MARK.strip('/')}/{file_id}",
        }

    async def _m_getChat(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat_id(params["chat_id"])
        if chat_id not in self.chats and chat_id < 0:
            raise BotApiError(400, "Bad Request: chat not found")
        # getChat answers a ChatFullInfo, which has required fields a plain Chat lacks.
        return {
            **self.chat(chat_id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        chat_id = self._resolve_chat_id(params["chat_id"])
        user_id = int(params["user_id"])
        status = "administrator" if user_id in self.chat_admins[chat_id] else "member"
        user = (
            self.bot_user
            if user_id == self.bot_user["id"]
            else {
                "id": user_id,
                "is_bot": False,
                "first_name": "User",
            }
        )
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_messages=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
            )
        return member
