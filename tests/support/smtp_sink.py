#!/usr/bin/env python3
"""A real SMTP server on loopback for tests: stores each accepted mail as <dir>/<n>.eml (the
envelope first, as X-Sink-Mail-From / X-Sink-Rcpt-To lines, then the data exactly as received)
and can refuse the first N mails to one recipient with 451 (a temporary failure) to test
retries. smtpd hands the data over with its lines joined by LF; they are stored with CRLF, as
they were on the wire.

  smtp_sink.py --dir DIR --port-file FILE [--refuse RCPT --refuse-times N]

Binds 127.0.0.1 on a free port and writes the port to FILE once it listens. Uses Python
3.11's smtpd (Debian 12's python3; deprecated upstream, still shipped).
"""
import argparse
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import asyncore  # noqa: E402
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    def __init__(self, directory, refuse, refuse_times):
        super().__init__(("127.0.0.1", 0), None, decode_data=False)
        self.directory = directory
        self.refuse = refuse
        self.refuse_left = refuse_times
        self.count = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        if self.refuse in rcpttos and self.refuse_left > 0:
            self.refuse_left -= 1
            return "451 4.3.0 Try again later"
        self.count += 1
        head = "X-Sink-Mail-From: %s\r\nX-Sink-Rcpt-To: %s\r\n" % (mailfrom, ",".join(rcpttos))
        path = os.path.join(self.directory, "%06d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(head.encode("ascii") + data.replace(b"\n", b"\r\n"))
        os.rename(path + ".tmp", path)
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--refuse", default="")
    parser.add_argument("--refuse-times", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir, args.refuse, args.refuse_times)
    port = sink.socket.getsockname()[1]
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)
    print("smtp sink listening on 127.0.0.1:%d" % port, flush=True)
    asyncore.loop(timeout=0.2)


if __name__ == "__main__":
    sys.exit(main())
