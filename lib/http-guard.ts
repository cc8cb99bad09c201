import { type IncomingMessage, Server, type ServerResponse } from "node:http";
import { isApiPath, keepEncodedDots } from "./paths";
import { SECURITY_HEADERS } from "./security-headers";

// Methods Node.js parses that the app serves. Next.js cannot even build a request for TRACE (the
// fetch standard forbids it) and fails with a bare 500; WebDAV and other methods would reach pages.
const SERVED = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const guarded = Symbol.for("semantix.http-guard");

/**
 * Guards every HTTP server of the process before Next.js sees a request: a method the app does
 * not serve answers 405 with the security headers, `%2E` segments keep naming the ids `.` and
 * `..` (lib/paths), and a response sent before its request body
 * was read to the end closes the connection. Next.js stops reading a server action body at the
 * size limit and answers on a keep-alive connection whose unread rest then blocks the next
 * request the client sends on it.
 */
export function guardHttpServers() {
  const proto = Server.prototype as Server & { [guarded]?: true };
  if (proto[guarded]) return;
  proto[guarded] = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (!SERVED.has(req.method ?? "")) return refuseMethod(req, res);
      if (req.url) req.url = keepEncodedDots(req.url);
      closeIfBodyUnread(req, res);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}

function refuseMethod(req: IncomingMessage, res: ServerResponse): true {
  const api = isApiPath(req.url ?? "");
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.writeHead(405, {
    allow: api ? "GET, HEAD, OPTIONS" : "GET, HEAD, POST",
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end("Method Not Allowed");
  return true;
}

function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    if (!req.complete) this.shouldKeepAlive = false;
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
