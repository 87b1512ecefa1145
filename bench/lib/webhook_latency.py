#!/usr/bin/env python3
"""Part of bench/run.sh: the time from a write through the gateway to its webhook arriving.

Starts an HTTP receiver on 127.0.0.1:<port>, registers it as a webhook endpoint of the admin
(topics membership.organization.created; the notifications service must run with
IRIS_WEBHOOK_ALLOW_CIDRS covering 127.0.0.0/8), then creates organisations one by one through
the gateway at a steady rate and notes when each request was sent. The receiver notes when the
webhook naming each organisation arrives, answers 204 and checks its Standard Webhooks
signature against the secret the creation answered. The endpoint is deleted at the end.
Prints one line:

    sent=N delivered=N duplicates=N bad_signatures=N write_p50_ms=.. write_p99_ms=..
    p50_ms=.. p99_ms=.. max_ms=..

(write_*: the POST's own answer time; p50/p99/max: request sent -> webhook arrived, so the
write itself is included). Percentiles are nearest-rank. Standard library only; every request
is a real HTTP request to the real gateway. Exits 1 with the reason on stderr when the gateway
refuses a request.
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import math
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


def percentile(sorted_values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def signature_ok(secret, headers, body):
    """Standard Webhooks: some "v1,<b64>" of the header is HMAC-SHA256(key, id.timestamp.body)."""
    if not secret.startswith("whsec_"):
        return False
    key = base64.b64decode(secret[len("whsec_"):])
    signed = "%s.%s." % (headers.get("webhook-id", ""), headers.get("webhook-timestamp", ""))
    expected = base64.b64encode(
        hmac.new(key, signed.encode() + body, hashlib.sha256).digest()).decode()
    for candidate in headers.get("webhook-signature", "").split():
        version, _, sig = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(sig, expected):
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)  # the gateway, http://127.0.0.1:PORT
    ap.add_argument("--token", required=True)  # an admin's JWT
    ap.add_argument("--port", type=int, required=True)  # the receiver's
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--rate", type=float, default=20.0)  # writes per second
    ap.add_argument("--wait", type=float, default=30.0)  # for the last webhooks, seconds
    args = ap.parse_args()

    arrived = {}  # organisation id -> first arrival (monotonic)
    counts = {"duplicates": 0, "bad_signatures": 0}
    secret = [""]  # set once the endpoint exists (no delivery can come before)
    lock = threading.Lock()

    class Receiver(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a partner's server would

        def do_POST(self):
            now = time.monotonic()
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            self.send_response(204)
            self.end_headers()
            try:
                subject = json.loads(body)["data"]["id"]
            except (ValueError, KeyError, TypeError):
                return
            ok = signature_ok(secret[0], self.headers, body)
            with lock:
                if not ok:
                    counts["bad_signatures"] += 1
                if subject in arrived:
                    counts["duplicates"] += 1
                else:
                    arrived[subject] = now

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Receiver)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def call(method, path, body=None):
        req = urllib.request.Request(
            args.base + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": "Bearer " + args.token,
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                text = r.read()
        except urllib.error.HTTPError as e:
            sys.exit("%s %s answered %d: %s" % (method, path, e.code, e.read()[:500].decode(
                errors="replace")))
        return json.loads(text) if text else {}

    endpoint = call("POST", "/v1/webhooks", {
        "url": "http://127.0.0.1:%d/hook" % args.port,
        "topics": ["membership.organization.created"],
        "description": "bench: write-to-webhook latency"})
    secret[0] = endpoint.get("secret", "")

    sent = {}  # organisation id -> when its POST was sent (monotonic)
    answered = []  # each POST's own time, ms
    start = time.monotonic()
    for i in range(args.count):
        due = start + i / args.rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t0 = time.monotonic()
        org = call("POST", "/v1/organizations", {
            "name": "Webhook bench %s" % uuid.uuid4().hex[:12], "country": "RS",
            "kind": "member_cso"})
        answered.append((time.monotonic() - t0) * 1000.0)
        sent[org["id"]] = t0

    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline:
        with lock:
            if all(k in arrived for k in sent):
                break
        time.sleep(0.05)
    # A duplicate would come later than the first delivery: give it a moment to show.
    time.sleep(0.5)
    server.shutdown()
    call("DELETE", "/v1/webhooks/" + endpoint["id"])

    with lock:
        latencies = sorted((arrived[k] - t0) * 1000.0 for k, t0 in sent.items() if k in arrived)
        dup, bad = counts["duplicates"], counts["bad_signatures"]
    answered.sort()
    print("sent=%d delivered=%d duplicates=%d bad_signatures=%d write_p50_ms=%.1f "
          "write_p99_ms=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f" % (
              len(sent), len(latencies), dup, bad, percentile(answered, 50),
              percentile(answered, 99), percentile(latencies, 50), percentile(latencies, 99),
              latencies[-1] if latencies else float("nan")))


if __name__ == "__main__":
    main()
