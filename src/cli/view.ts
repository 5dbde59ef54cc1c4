/**
 * `vnetsim view [FILE] [--port N] [--no-open]`: serves the visualizer (web/dist) on 127.0.0.1 and,
 * when given one, the scenario or trace FILE. The server answers only from a fixed table of its own
 * files plus `/file` and `/file-info`: a request path is looked up as is, never joined to a
 * directory, so no `..` or encoded trick can reach anything else. It listens on loopback only and
 * refuses requests whose Host is not its own address (DNS rebinding).
 */
import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliArgs } from './args.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

const CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface ViewServerOptions {
  /** The scenario or trace to offer at /file, or null. */
  readonly file: string | null;
  /** 0 lets the system choose a free port. */
  readonly port: number;
  /** The built page (web/dist). */
  readonly webRoot: string;
}

interface ViewServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** web/dist beside the running bundle (dist/cli.js) or the sources (src/cli/view.ts). */
function findWebRoot(): string | null {
  for (const rel of ['../web/dist/', '../../web/dist/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/** Whether a file is an NDJSON trace (its first line is the trace header). */
function isTraceFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const n = readSync(fd, buf, 0, 64, 0);
    return buf.subarray(0, n).toString('utf8').trimStart().startsWith('{"kind":"header"');
  } finally {
    closeSync(fd);
  }
}

function startViewServer(opts: ViewServerOptions): Promise<ViewServer> {
  // The table of what can be served: built once, looked up by exact path.
  const routes = new Map<string, string>();
  for (const name of readdirSync(opts.webRoot)) {
    const full = join(opts.webRoot, name);
    const ext = name.slice(name.lastIndexOf('.'));
    if (TYPES[ext] && statSync(full).isFile()) routes.set(`/${name}`, full);
  }
  routes.set('/', join(opts.webRoot, 'index.html'));
  const file = opts.file === null ? null : resolve(opts.file);
  const info = file === null ? null : { name: basename(file), kind: isTraceFile(file) ? 'trace' : 'scenario', size: statSync(file).size };
  let port = opts.port;

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const headers: Record<string, string> = {
      'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': CSP, 'X-Frame-Options': 'DENY', 'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(403, 'forbidden: this server answers only to its own loopback address\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    if (path === '/file-info') return send(200, JSON.stringify(info), 'application/json; charset=utf-8');
    let target: string | undefined;
    let type: string;
    if (path === '/file' && file !== null) {
      target = file;
      type = info!.kind === 'trace' ? 'application/x-ndjson; charset=utf-8' : 'text/plain; charset=utf-8';
    } else {
      target = routes.get(path);
      type = target ? TYPES[target.slice(target.lastIndexOf('.'))]! : '';
    }
    if (target === undefined) return send(404, 'not found\n');
    let size: number;
    try {
      size = statSync(target).size;
    } catch {
      return send(404, 'not found\n');
    }
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': size });
    if (req.method === 'HEAD') { res.end(); return; }
    const stream = createReadStream(target);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      port = typeof addr === 'object' && addr !== null ? addr.port : opts.port;
      resolvePromise({
        url: `http://127.0.0.1:${port}/`,
        port,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  try {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser opener here: the printed URL is enough.
  }
}

/** The `view` command. Returns an exit status for bad usage; otherwise serves until stopped. */
export function cmdView(args: CliArgs): number {
  if (args.files.length > 1) {
    process.stderr.write('vnetsim view: name at most one file (a scenario .yaml or a trace .ndjson)\n');
    return 2;
  }
  const portText = args.flags.get('port');
  let port = 0;
  if (portText !== undefined) {
    if (typeof portText !== 'string' || !/^\d+$/.test(portText) || Number(portText) > 65535) {
      process.stderr.write(`vnetsim view: --port takes a port number (0-65535), not "${String(portText)}"\n`);
      return 2;
    }
    port = Number(portText);
  }
  const file = args.files[0] ?? null;
  if (file !== null && (!existsSync(file) || !statSync(file).isFile())) {
    process.stderr.write(`${file}:1:1: no such file\n`);
    return 2;
  }
  const webRoot = findWebRoot();
  if (webRoot === null) {
    process.stderr.write('vnetsim view: the web app is not built (web/dist is missing); run "npm run build"\n');
    return 3;
  }
  startViewServer({ file, port, webRoot }).then((s) => {
    process.stdout.write(`vnetsim view: ${file === null ? 'pick a scenario' : `showing ${file}`} at ${s.url}\n`);
    process.stdout.write('Open that address in a browser; press Ctrl+C to stop.\n');
    if (!args.flags.has('no-open') && process.stdout.isTTY) openBrowser(s.url);
    const stop = () => { void s.close().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }, (e: NodeJS.ErrnoException) => {
    process.stderr.write(`vnetsim view: cannot listen on 127.0.0.1:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}\n`);
    process.exitCode = 2;
  });
  return 0;
}
