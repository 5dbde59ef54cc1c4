/**
 * The view server's safety: it serves only its own files and the file it was given (no `..`,
 * encoded or not), answers only to its loopback address, and listens on 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { ensureBuilt, serve, type Served } from './serve.js';

/** A raw GET (the path is sent exactly as written, without normalisation). */
function get(url: string, path: string, host?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET', headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += String(d); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('vnetsim view server', () => {
  let s: Served;
  const scenario = 'scenarios/01-one-host-bridge.yaml';

  beforeAll(async () => {
    await ensureBuilt();
    s = await serve(scenario);
  }, 120_000);
  afterAll(async () => { await s?.stop(); });

  it('prints a loopback URL and serves the page, its scripts and the given file', async () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(s.url, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<canvas id="topo"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(s.url, '/app.js')).status).toBe(200);
    expect((await get(s.url, '/worker.js')).status).toBe(200);
    const file = await get(s.url, '/file');
    expect(file.body).toBe(readFileSync(join(ROOT, scenario), 'utf8'));
    expect(JSON.parse((await get(s.url, '/file-info')).body)).toMatchObject({ name: '01-one-host-bridge.yaml', kind: 'scenario' });
  });

  it('serves nothing else: no traversal, encoded or not', async () => {
    const attempts = [
      '/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/web/dist/../../package.json',
      '/file/../package.json', '/file/..%2f..%2fpackage.json', '//etc/passwd', '/etc/passwd', '/..\\package.json', '/%5c..%5cpackage.json',
      '/app.js/../../package.json', '/index.html%00.js', '/scenarios/01-one-host-bridge.yaml', '/src/index.ts', '/dist/cli.js',
      '/.git/config', '/web/build.mjs', '/package.json', '/file?../../package.json'.replace('?', '/'), 'http://127.0.0.1/../../etc/passwd',
    ];
    for (const path of attempts) {
      const r = await get(s.url, path);
      expect([403, 404], `${path} gave ${r.status}`).toContain(r.status);
      expect(r.body).not.toContain('"name": "vnetsim"');
      expect(r.body).not.toContain('root:');
    }
  });

  it('answers only to its own address (no DNS rebinding) and only GET', async () => {
    expect((await get(s.url, '/', 'evil.example:80')).status).toBe(403);
    expect((await get(s.url, '/file', `attacker.test:${new URL(s.url).port}`)).status).toBe(403);
    expect((await get(s.url, '/', `localhost:${new URL(s.url).port}`)).status).toBe(200);
  });

  it('listens on loopback only', async () => {
    const port = Number(new URL(s.url).port);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
    for (const addr of others) {
      const outcome = await new Promise<string>((resolve) => {
        const c = connect({ host: addr, port, timeout: 1000 });
        c.on('connect', () => { c.destroy(); resolve('connected'); });
        c.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        c.on('timeout', () => { c.destroy(); resolve('timeout'); });
      });
      expect(outcome, `reachable on ${addr}`).not.toBe('connected');
    }
  });

  it('refuses a missing file and a bad port', async () => {
    await expect(serve('no-such-file.yaml')).rejects.toThrow(/no such file/);
    await expect(serve(null, ['--port', 'http'])).rejects.toThrow(/--port takes a port number/);
  });
});
