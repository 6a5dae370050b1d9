// A minimal reverse proxy for running several Murmur nodes on one machine.
// Sticky by client address (like nginx's ip_hash): Socket.IO's HTTP long-polling needs
// every request of one session on the same node; WebSockets are piped as they are.
import http from "node:http";
import net from "node:net";
import crypto from "node:crypto";

export function pickBackend(backends, clientAddress) {
  const hash = crypto
    .createHash("sha1")
    .update(clientAddress ?? "")
    .digest()
    .readUInt32BE(0);
  return backends[hash % backends.length];
}

/** backends: [{host, port}]; returns the listening http.Server. */
export function startStickyProxy({ port, host = "0.0.0.0", backends }) {
  const server = http.createServer((req, res) => {
    const target = pickBackend(backends, req.socket.remoteAddress);
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, "x-forwarded-for": req.socket.remoteAddress } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("upstream unavailable");
    });
    req.pipe(upstream);
  });
  server.on("upgrade", (req, socket, head) => {
    const target = pickBackend(backends, req.socket.remoteAddress);
    const upstream = net.connect(target.port, target.host, () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`);
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", close);
    socket.on("error", close);
  });
  server.listen(port, host);
  return server;
}
