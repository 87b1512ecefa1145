// One HTTP exchange with a deadline: status, lower-cased headers, body bytes and time taken,
// or the reason there was no answer. Keep-alive connections, as a real client keeps them.
import http from "node:http";

const kMaxAnswerBytes = 32 << 20;

export class Client {
  constructor(baseUrl, { timeoutMs, connections }) {
    this.base = new URL(baseUrl);
    this.timeoutMs = timeoutMs;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  // `path` is already percent-encoded; `body` a Buffer or undefined.
  async send(request) {
    const first = await this.once(request);
    // A keep-alive connection the server closed just as we reused it: RFC 9112 §9.3.1 lets a
    // client retry on a new one (node's own advice for reusedSocket).
    if (first.error && first.reused && /ECONNRESET|EPIPE|socket hang up/.test(first.error)) {
      return this.once({ ...request, fresh: true });
    }
    return first;
  }

  once({ method, path, headers, body, localAddress, fresh }) {
    return new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const ms = () => Number((process.hrtime.bigint() - started) / 1000000n);
      let settled = false;
      const done = (result) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ms: ms(), ...result });
      };
      let req;
      try {
        req = http.request({
          host: this.base.hostname,
          port: this.base.port || 80,
          method,
          path,
          headers: body ? { ...headers, "Content-Length": body.length } : headers,
          agent: fresh ? false : this.agent,
          localAddress: localAddress || undefined,
        });
      } catch (e) {
        // node refused to write it (a header it cannot carry): nothing was sent.
        resolve({ unsendable: e.code ?? e.message });
        return;
      }
      // What had happened by the deadline, for the report: a "no answer" must say whether the
      // head came, and how much of the body the server had taken.
      let headersMs;
      let readBefore; // the socket's bytes read when this request got it (kept-alive: earlier ones)
      req.on("socket", (socket) => {
        readBefore = socket.bytesRead;
      });
      const timer = setTimeout(() => {
        // Timers run before I/O in each turn of node's loop: after the loop was held up (a
        // validator compiled, a collection), an answer already in the socket would lose to its
        // own deadline. One I/O pass first, so a timeout means the server was late, not us.
        const late = ms() - this.timeoutMs;
        setImmediate(() => {
          const socket = req.socket;
          const total = body ? body.length : 0;
          const read = socket && readBefore !== undefined ? socket.bytesRead - readBefore : "?";
          done({
            error: "timeout",
            detail:
              (headersMs === undefined ? "no status line" : `status line after ${headersMs} ms`) +
              `, ${read} bytes read from the server, local port ${socket?.localPort}` +
              (total ? `, ${socket?.bytesWritten ?? "?"} written on the socket (body ${total})` : "") +
              (fresh ? ", on a new connection after a reset" : req.reusedSocket ? ", kept-alive connection" : ", new connection") +
              (late > 50 ? `; the fuzzer's own loop was ${late} ms late` : ""),
          });
          req.destroy();
        });
      }, this.timeoutMs);
      req.on("response", (res) => {
        headersMs = ms();
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          size += c.length;
          if (size > kMaxAnswerBytes) {
            done({ error: `answer over ${kMaxAnswerBytes} bytes` });
            req.destroy();
          } else {
            chunks.push(c);
          }
        });
        res.on("end", () =>
          done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", (e) => done({ error: e.code ?? e.message, reused: req.reusedSocket }));
      });
      req.on("error", (e) => done({ error: e.code ?? e.message, reused: req.reusedSocket }));
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}
