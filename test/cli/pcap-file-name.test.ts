import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { pcapFileName } from '../../src/cli/pcap-file-name.js';
import { cli, ensureBuilt } from '../acceptance/helpers.js';

/** The inverse of pcapFileName, to show that it loses nothing. */
function interfaceOf(file: string): string {
  const body = file.slice(0, -'.pcap'.length);
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length > 0) out += new TextDecoder().decode(new Uint8Array(bytes.splice(0)));
  };
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '%') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out += body[i] === '_' ? '/' : body[i];
  }
  flush();
  return out;
}

describe('pcap file names', () => {
  test('the usual names read as before: / becomes _', () => {
    expect(['host1/tap0', 'sw1/p3', 'vm1/eth0', 'host1/eth0.100'].map(pcapFileName)).toEqual(['host1_tap0.pcap', 'sw1_p3.pcap', 'vm1_eth0.pcap', 'host1_eth0.100.pcap']);
  });

  test('two interfaces that used to share a file no longer do', () => {
    expect(pcapFileName('h/x_eth0')).toBe('h_x%5Feth0.pcap');
    expect(pcapFileName('h_x/eth0')).toBe('h%5Fx_eth0.pcap');
  });

  test('one-to-one: every name comes back from its file name', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 24 }), (name) => {
      expect(interfaceOf(pcapFileName(name))).toBe(name);
    }), { numRuns: 2000 });
  });
});

describe('vnetsim run --pcap', () => {
  beforeAll(() => ensureBuilt());

  test('h/x_eth0 and h_x/eth0 each get their own whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetsim-pcap-names-'));
    try {
      const file = join(dir, 'names.yaml');
      writeFileSync(file, `name: pcap-names
duration: 1s
hosts:
  - { name: h, nics: [x_eth0], commands: ["ip addr add 10.0.0.1/24 dev x_eth0", "ip link set x_eth0 up"] }
  - { name: h_x, nics: [eth0], commands: ["ip addr add 10.0.0.2/24 dev eth0", "ip link set eth0 up"] }
links: [{ a: h/x_eth0, b: h_x/eth0 }]
traffic:
  - ping: { from: h, to: h_x, count: 2, interval: 100ms, start: 10ms }
`);
      const r = await cli(['run', file, '--pcap', join(dir, 'out')]);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(join(dir, 'out')).sort()).toEqual(['h%5Fx_eth0.pcap', 'h_x%5Feth0.pcap']);
      // Each file holds its own interface's frames: ARP request and reply, two echoes and two replies, each seen once per end.
      for (const f of readdirSync(join(dir, 'out'))) {
        const bytes = readFileSync(join(dir, 'out', f));
        let frames = 0;
        for (let at = 24; at < bytes.length; frames++) at += 16 + bytes.readUInt32LE(at + 8);
        expect(frames, f).toBe(6);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
