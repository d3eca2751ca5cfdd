#!/usr/bin/python3
# collect-server.py DIR [tls]: a stand-in for the model servers of
# tests/cli/collect.sh.  Listens on 127.0.0.1 only, on a free port that it
# writes to DIR/port; speaks openai-chat (POST .../chat/completions) and
# anthropic-messages (POST /v1/messages) closely enough to exercise the
# client.  What it does is chosen by the request's model id, MODE or
# MODE:ARG:
#   ok             answer "answer from MODEL to: LAST USER TURN"
#   slow:S         the same after S seconds
#   429:N 500:N    the first N requests of each conversation get that
#                  status (429 with Retry-After: 1), then an answer
#   drop:N         the first N close the connection without a word
#   400:N          the first N get 400 with a message, then an answer
#   401            always 401
#   length         an answer cut off at the token limit
#   malformed      200 with a body that is not JSON
#   huge           200 with a 9 MiB body
#   moved          307 to /elsewhere on this server
# With tls it speaks HTTPS with DIR/cert.pem and DIR/key.pem.
# Every request is recorded: DIR/bodies holds each body exactly as it came,
# one a line; DIR/requests a line "path model authorization x-api-key
# anthropic-version active" (tab-separated; active: this model's requests
# in progress, this one included).
import hashlib
import http.server
import json
import os
import socket
import ssl
import sys
import threading
import time

DIR = sys.argv[1]
lock = threading.Lock()
seen = {}
active = {}
count = [0]


def record(path, model, headers, body, n):
    with lock:
        with open(os.path.join(DIR, "bodies"), "ab") as f:
            f.write(body + b"\n")
        with open(os.path.join(DIR, "requests"), "a", encoding="utf-8") as f:
            f.write("\t".join([path, model, headers.get("Authorization", "-"),
                               headers.get("x-api-key", "-"),
                               headers.get("anthropic-version", "-"), str(n)]) + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in two writes; without this the second
        # waits for the client's delayed acknowledgement (40 ms).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def done(self):
        # Out of the count before the answer goes: once the client has it,
        # it may send the next request before this thread runs again.
        if getattr(self, "counted", None) is not None:
            with lock:
                active[self.counted] -= 1
            self.counted = None

    def send(self, status, obj, extra=None):
        data = obj if isinstance(obj, bytes) else json.dumps(obj, ensure_ascii=False).encode()
        self.done()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def answer(self, anthropic, model, msgs, length):
        last = [m["content"] for m in msgs if m["role"] == "user"][-1]
        text = "answer from %s to: %s" % (model, last)
        with lock:
            count[0] += 1
            n = count[0]
        if anthropic:
            self.send(200, {"id": "msg_%d" % n, "type": "message", "role": "assistant",
                            "model": model + "-20250101",
                            "content": [{"type": "text", "text": text}],
                            "stop_reason": "max_tokens" if length else "end_turn",
                            "usage": {"input_tokens": 11, "output_tokens": 7}},
                      {"request-id": "req_a%d" % n})
        else:
            self.send(200, {"id": "chatcmpl-%d" % n, "object": "chat.completion",
                            "model": model + "-2024",
                            "choices": [{"index": 0, "message": {"role": "assistant",
                                                                 "content": text},
                                         "finish_reason": "length" if length else "stop"}],
                            "usage": {"prompt_tokens": 11, "completion_tokens": 7}},
                      {"x-request-id": "req_o%d" % n})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        req = json.loads(body)
        model = req.get("model", "")
        mode, _, arg = model.partition(":")
        with lock:
            active[model] = active.get(model, 0) + 1
            n = active[model]
        self.counted = model
        try:
            record(self.path, model, self.headers, body, n)
            self.serve(req, model, mode, arg)
        finally:
            self.done()

    def serve(self, req, model, mode, arg):
        anthropic = self.path == "/v1/messages"
        msgs = req.get("messages", [])
        key = hashlib.sha256(json.dumps([model, msgs]).encode()).hexdigest()
        with lock:
            seen[key] = seen.get(key, 0) + 1
            tries = seen[key]
        first = mode in ("429", "500", "400", "drop") and tries <= int(arg)
        if mode == "slow":
            time.sleep(float(arg))
        elif mode == "429" and first:
            return self.send(429, {"error": {"message": "slow down"}}, {"Retry-After": "1"})
        elif mode == "500" and first:
            return self.send(500, {"error": {"message": "internal trouble"}})
        elif mode == "400" and first:
            return self.send(400, {"error": {"message": "messages: the test server refuses this once"}})
        elif mode == "drop" and first:
            self.close_connection = True
            return
        elif mode == "401":
            return self.send(401, {"error": {"message": "invalid api key"}})
        elif mode == "malformed":
            return self.send(200, b"{\"choices\": [not json")
        elif mode == "moved":
            return self.send(307, {}, {"Location": "/elsewhere"})
        elif mode == "huge":
            return self.send(200, b"{\"pad\": \"" + b"x" * (9 * 1024 * 1024) + b"\"}")
        self.answer(anthropic, model, msgs, mode == "length")


class Server(http.server.ThreadingHTTPServer):
    # 64 clients connecting at once must not overflow the listen queue.
    request_queue_size = 256


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
if sys.argv[2:] == ["tls"]:
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(os.path.join(DIR, "cert.pem"), os.path.join(DIR, "key.pem"))
    server.socket = tls.wrap_socket(server.socket, server_side=True)
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
