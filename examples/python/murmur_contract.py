#!/usr/bin/env python3
"""A contract suite for Murmur's public API, in a language and with libraries Murmur does not
use (Debian's python3-socketio, python3-requests, python3-websocket), written from the
published spec and the README alone.

    python3 examples/python/murmur_contract.py http://localhost:3000

It signs up two people, starts a chat, sends over HTTP and the socket, receives pushes,
reconnects and catches up, uploads a photo, and checks every error it provokes against the
error shape and codes the spec names. Exit status 0 when everything held.
"""
import json
import os
import queue
import secrets
import struct
import sys
import zlib

import requests
import socketio

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://localhost:3000"
PASSWORD = "correct horse battery staple"
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        raise AssertionError(what)


def spec_error_codes():
    """Every error code the OpenAPI document names (an enum that includes VALIDATION_FAILED)."""
    spec = requests.get(f"{BASE}/api/openapi.json", timeout=10)
    check(spec.status_code == 200, f"GET /api/openapi.json: {spec.status_code}")
    found = set()

    def walk(node):
        if isinstance(node, dict):
            enum = node.get("enum")
            if isinstance(enum, list) and "VALIDATION_FAILED" in enum:
                found.update(enum)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec.json())
    check(len(found) > 10, "the spec lists the error codes")
    return found


CODES = None


def expect_error(response, status, code):
    """An error is {"error": {"code", "message"}} with the status and a code the spec names."""
    check(response.status_code == status, f"{response.request.method} {response.request.url}: {response.status_code}, wanted {status}")
    body = response.json()
    check(isinstance(body.get("error"), dict), f"error shape: {body}")
    check(body["error"].get("code") == code, f"code {body['error'].get('code')}, wanted {code}")
    check(isinstance(body["error"].get("message"), str) and body["error"]["message"], "error message")
    check(code in CODES, f"{code} is in the spec")


class Person:
    def __init__(self, label, age=25, token=None, user_id=None):
        if token is None:
            self.username = f"py{label}{secrets.token_hex(4)}"
            birth_year = 2026 - age - 1
            signup = requests.post(f"{BASE}/api/auth/signup", json={"username": self.username, "displayName": label.title(), "password": PASSWORD, "birthDate": f"{birth_year}-01-15"}, timeout=10)
            check(signup.status_code == 201, f"sign-up: {signup.status_code} {signup.text}")
            login = requests.post(f"{BASE}/api/auth/token", json={"username": self.username, "password": PASSWORD}, timeout=10)
            check(login.status_code == 200, f"token: {login.status_code} {login.text}")
            token, user_id = login.json()["token"], login.json()["user"]["id"]
        self.token = token
        self.id = user_id
        self.http = requests.Session()
        self.http.headers["authorization"] = f"Bearer {self.token}"
        self.pushes = queue.Queue()
        self.hello = queue.Queue()
        self.sio = None

    def url(self, path):
        return f"{BASE}{path}"

    def get(self, path, **kw):
        return self.http.get(self.url(path), timeout=10, **kw)

    def post(self, path, body=None, **kw):
        return self.http.post(self.url(path), json=body, timeout=10, **kw)

    def connect(self):
        sio = socketio.Client(reconnection=False)

        # A push has one argument; *_rest keeps a handler working should a server add more.
        @sio.on("message:new")
        def on_message(data, *_rest):
            self.pushes.put(("message:new", data))

        @sio.on("conversation:new")
        def on_conversation(data, *_rest):
            self.pushes.put(("conversation:new", data))

        @sio.on("hello")
        def on_hello(data, *_rest):
            self.hello.put(data)

        sio.connect(BASE, auth={"token": self.token}, transports=["websocket"], wait_timeout=10)
        self.sio = sio
        hello = self.hello.get(timeout=10)
        check(hello["userId"] == self.id, "hello names the user")

    def next_push(self, event, message_id=None, timeout=10):
        """The next push of this event (for this message id): a sender's own socket is pushed its messages too."""
        while True:
            name, data = self.pushes.get(timeout=timeout)
            if name == event and (message_id is None or data["message"]["id"] == message_id):
                return data


def png(width=64, height=64, rgb=(40, 90, 200)):
    """A small solid-colour PNG, made by hand."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def main():
    global CODES
    CODES = spec_error_codes()
    ana, owner, stranger = Person("ana"), Person("owner"), Person("stranger")
    # A bot account, made by its adult owner, speaking through a personal access token.
    made = owner.post("/api/me/bots", {"username": f"pybot{secrets.token_hex(4)}", "displayName": "Py Bot"})
    check(made.status_code == 201 and made.json()["bot"]["isBot"] is True, f"bot: {made.status_code} {made.text}")
    bot_id = made.json()["bot"]["id"]
    minted = owner.post(f"/api/me/bots/{bot_id}/tokens", {"name": "contract suite", "scopes": ["messages:read", "messages:write"], "expiresInDays": 7})
    check(minted.status_code == 201 and minted.json()["token"].startswith("mur_pat_"), f"bot token: {minted.text}")
    bot = Person("bot", token=minted.json()["token"], user_id=bot_id)
    me = bot.get("/api/me").json()["user"]
    check(me["id"] == bot_id and me["isBot"] is True, "the token speaks as the bot, and says it is one")
    check(ana.get("/api/me").json()["user"]["isBot"] is False, "a person is no bot")
    # Ana takes messages from anyone (adults may): the bot's first message is a request she accepts by answering.
    check(ana.http.patch(ana.url("/api/me/settings"), json={"dmPolicy": "everyone"}, timeout=10).status_code == 200, "dm policy")
    reader = owner.post(f"/api/me/bots/{bot_id}/tokens", {"name": "read only", "scopes": ["messages:read"], "expiresInDays": 7}).json()["token"]
    ana.connect()
    bot.connect()

    # A chat starts over HTTP; the other side is pushed the message.
    start = bot.post("/api/conversations", {"kind": "direct", "userId": ana.id, "message": {"clientId": "py-1", "text": "hello from Python"}})
    check(start.status_code == 201, f"start: {start.status_code} {start.text}")
    conversation = start.json()["conversation"]["id"]
    first = start.json()["message"]
    check(first["seq"] == 1 and first["text"] == "hello from Python", "the first message")
    pushed = ana.next_push("message:new")
    check(pushed["message"]["id"] == first["id"], "ana is pushed the first message")
    check(bot.next_push("message:new")["message"]["id"] == first["id"], "the sender's own socket is pushed it too")

    check(any(m["id"] == bot_id and m["isBot"] for m in start.json()["conversation"]["members"]), "the bot is marked as a bot")
    # A read-only token may read, not send.
    read_only = requests.Session()
    read_only.headers["authorization"] = f"Bearer {reader}"
    check(read_only.get(f"{BASE}/api/conversations/{conversation}/messages", timeout=10).status_code == 200, "a read-only token reads")
    expect_error(read_only.post(f"{BASE}/api/conversations/{conversation}/messages", json={"clientId": "py-ro", "text": "nope"}, timeout=10), 403, "INSUFFICIENT_SCOPE")
    # A reply over the socket, with an ack; the sender's own socket is pushed it too.
    ack = ana.sio.call("message:send", {"conversationId": conversation, "clientId": "py-2", "text": "hi bot"}, timeout=10)
    check(ack["ok"] is True and ack["message"]["seq"] == 2, f"socket send ack: {ack}")
    check(bot.next_push("message:new")["message"]["id"] == ack["message"]["id"], "bot is pushed the reply")
    # The same client id again: the original, not a second message.
    again = ana.post(f"/api/conversations/{conversation}/messages", {"clientId": "py-2", "text": "hi bot"})
    check(again.status_code == 200 and again.json()["message"]["id"] == ack["message"]["id"], "a retried client id returns the original")

    # The bot is away; three messages later it comes back and catches up after seq 2.
    bot.sio.disconnect()
    for i in range(3):
        sent = ana.post(f"/api/conversations/{conversation}/messages", {"clientId": f"py-away-{i}", "text": f"while away {i}"})
        check(sent.status_code == 201, f"send while away: {sent.status_code}")
    bot.pushes = queue.Queue()
    bot.connect()
    page = bot.get(f"/api/conversations/{conversation}/messages", params={"after": 2, "limit": 100})
    check(page.status_code == 200, "catch-up")
    check([m["seq"] for m in page.json()["messages"]] == [3, 4, 5], f"catch-up after 2: {[m['seq'] for m in page.json()['messages']]}")
    check([m["text"] for m in page.json()["messages"]] == ["while away 0", "while away 1", "while away 2"], "in order")

    # A photo: uploaded to the conversation, then sent; only members may fetch it.
    upload = ana.post(f"/api/media?conversationId={conversation}", files={"file": ("photo.png", png(), "image/png")})
    check(upload.status_code == 201, f"upload: {upload.status_code} {upload.text}")
    media = upload.json()["media"]
    photo = ana.post(f"/api/conversations/{conversation}/messages", {"clientId": "py-photo", "mediaIds": [media["id"]]})
    check(photo.status_code == 201 and photo.json()["message"]["kind"] == "visual", f"photo message: {photo.text}")
    seen = bot.next_push("message:new", photo.json()["message"]["id"])["message"]
    check(len(seen["media"]) == 1, "bot is pushed the photo")
    got = bot.get(seen["media"][0]["url"])
    check(got.status_code == 200 and got.headers["content-type"].startswith("image/"), f"the bot fetches the photo: {got.status_code}")
    expect_error(stranger.get(seen["media"][0]["url"]), 404, "NOT_FOUND")

    # Errors, each in the documented shape with a code the spec names.
    expect_error(requests.get(f"{BASE}/api/conversations", timeout=10), 401, "UNAUTHENTICATED")
    expect_error(requests.get(f"{BASE}/api/conversations", headers={"authorization": "Bearer not-a-token"}, timeout=10), 401, "UNAUTHENTICATED")
    expect_error(stranger.get(f"/api/conversations/{conversation}/messages"), 404, "NOT_FOUND")
    expect_error(stranger.post(f"/api/conversations/{conversation}/messages", {"clientId": "x", "text": "let me in"}), 404, "NOT_FOUND")
    expect_error(ana.post(f"/api/conversations/{conversation}/messages", {"clientId": "py-empty"}), 400, "VALIDATION_FAILED")
    expect_error(ana.post(f"/api/conversations/{conversation}/messages", data="not json", headers={"content-type": "text/plain"}), 415, "UNSUPPORTED_CONTENT_TYPE")
    expect_error(ana.get("/api/no/such/route"), 404, "NOT_FOUND")
    expect_error(ana.http.put(ana.url("/api/conversations"), json={}, timeout=10), 405, "METHOD_NOT_ALLOWED")
    expect_error(ana.post(f"/api/media?conversationId={conversation}", files={"file": ("notes.txt", b"plain text, not a photo", "text/plain")}), 415, "UNSUPPORTED_MEDIA")
    for event, payload, code in (
        ("message:send", {"conversationId": conversation, "clientId": "py-bad"}, "VALIDATION_FAILED"),
        ("no:such:event", {}, "UNKNOWN_EVENT"),
    ):
        refused = ana.sio.call(event, payload, timeout=10)
        check(refused["ok"] is False and refused["error"]["code"] == code and code in CODES, f"socket {event}: {refused}")
    stranger.connect()
    refused = stranger.sio.call("message:send", {"conversationId": conversation, "clientId": "py-x", "text": "hi"}, timeout=10)
    check(refused["ok"] is False and refused["error"]["code"] == "NOT_FOUND", f"a stranger's socket send: {refused}")

    for person in (ana, bot, stranger):
        person.sio.disconnect()
    print(json.dumps({"ok": True, "checks": checks}))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - the suite reports any failure the same way
        print(json.dumps({"ok": False, "checks": checks, "error": f"{type(error).__name__}: {error}"}), flush=True)
        os._exit(1)  # the socket clients' threads would keep the process alive
