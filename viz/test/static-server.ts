import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".jsonl": "application/x-ndjson", ".svg": "image/svg+xml", ".wasm": "application/wasm",
  ".yaml": "text/yaml; charset=utf-8", ".map": "application/json",
};

/** A running static server: its base URL and a way to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 at a random free port, as any plain file server would (no
 * rewrites, no special headers), plus extra in-memory files, so the tests see the built site
 * exactly as a user's server would serve it.
 */
export async function serveStatic(root: string, extra: Record<string, { body: Buffer | string; type?: string }> = {}): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const mem = extra[path];
    if (mem) {
      res.writeHead(200, { "content-type": mem.type ?? TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(mem.body);
      return;
    }
    const file = normalize(join(base, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
