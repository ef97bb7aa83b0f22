#!/usr/bin/env python3
"""Relay Alertmanager webhooks to DingTalk and WeCom group robots (Python 3 standard library only).

Alertmanager posts its webhook JSON to http://LISTEN/dingtalk or http://LISTEN/wecom; the relay renders the
alerts as markdown and posts them to the robot whose URL is read (on every request) from ROBOTS_DIR:
  dingtalk.url     https://oapi.dingtalk.com/robot/send?access_token=...
  dingtalk.secret  optional "加签" secret (SEC...): the request is signed with timestamp and HMAC-SHA256
  wecom.url        https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...
A robot that does not answer 200 with errcode 0 makes the relay answer 502, so Alertmanager retries.

  robot-relay.py [--listen 127.0.0.1:9095] [--robots-dir /etc/tmuxagent/robots]
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WECOM_MAX_BYTES = 4096


def render(payload):
    """(title, markdown) for an Alertmanager webhook payload."""
    alerts = payload.get("alerts") or []
    status = (payload.get("status") or "firing").upper()
    name = (payload.get("commonLabels") or {}).get("alertname") or "TmuxAgent alert"
    title = f"[{status}:{len(alerts)}] {name}"
    lines = [f"### {title}"]
    for a in alerts:
        labels, notes = a.get("labels") or {}, a.get("annotations") or {}
        who = labels.get("branch") or labels.get("instance") or ""
        sev = labels.get("severity", "")
        lines.append(f"- **{who}** ({sev}, {a.get('status', '')}): {notes.get('summary', labels.get('alertname', ''))}")
        if notes.get("runbook_url"):
            lines.append(f"  [runbook]({notes['runbook_url']})")
    return title, "\n".join(lines)


def read(robots_dir, name):
    path = Path(robots_dir) / name
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def dingtalk_request(robots_dir, title, text):
    url = read(robots_dir, "dingtalk.url")
    if not url:
        raise LookupError("dingtalk.url is missing in " + str(robots_dir))
    secret = read(robots_dir, "dingtalk.secret")
    if secret:
        ts = str(int(time.time() * 1000))
        digest = hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"timestamp": ts, "sign": base64.b64encode(digest).decode()})
    return url, {"msgtype": "markdown", "markdown": {"title": title, "text": text}}


def wecom_request(robots_dir, title, text):
    url = read(robots_dir, "wecom.url")
    if not url:
        raise LookupError("wecom.url is missing in " + str(robots_dir))
    content = text.encode("utf-8")[:WECOM_MAX_BYTES].decode("utf-8", "ignore")
    return url, {"msgtype": "markdown", "markdown": {"content": content}}


ROBOTS = {"/dingtalk": dingtalk_request, "/wecom": wecom_request}


def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
                                 headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        answer = json.loads(resp.read() or b"{}")
    if answer.get("errcode", 0) != 0:
        raise RuntimeError(f"robot answered {answer}")


class Relay(BaseHTTPRequestHandler):
    robots_dir = "/etc/tmuxagent/robots"

    def do_POST(self):
        build = ROBOTS.get(self.path.rstrip("/"))
        if build is None:
            return self.answer(404, "unknown robot; use /dingtalk or /wecom")
        try:
            payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            url, body = build(self.robots_dir, *render(payload))
        except (ValueError, AttributeError) as e:
            return self.answer(400, f"not an Alertmanager webhook: {e}")
        except LookupError as e:
            return self.answer(503, str(e))
        try:
            post(url, body)
        except Exception as e:  # the robot failed: let Alertmanager retry
            return self.answer(502, f"robot failed: {e}")
        self.answer(200, "sent")

    def answer(self, code, text):
        data = (text + "\n").encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        sys.stderr.write("robot-relay: " + (fmt % args) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", default="127.0.0.1:9095", help="host:port to listen on")
    ap.add_argument("--robots-dir", default="/etc/tmuxagent/robots", help="folder with dingtalk.url, dingtalk.secret, wecom.url")
    args = ap.parse_args(argv)
    host, _, port = args.listen.rpartition(":")
    Relay.robots_dir = args.robots_dir
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), Relay)
    print(f"robot-relay listening on {host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
