/**
 * Where the docs' commands run: one scratch directory per doc file, so that a later example can
 * read what an earlier one wrote (`--pcap pcap01`, then `ls pcap01`), with `scenarios/` and
 * `test/` of the repository visible under their own names, and `vnetsim`, `npx vnetsim` and
 * `node bin/vnetsim.js` all running the built CLI. Commands that only read repository files are
 * run once per test run and their output is shared between docs (the cache).
 */
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Ran {
  /** What the terminal shows: standard output and standard error as they were written. */
  readonly output: string;
  readonly status: number;
}

/** The three spellings the docs use for the CLI, all meaning the built bin/vnetsim.js. */
export function asShellCommand(command: string): string {
  return command.replace(/^(npx vnetsim|node bin\/vnetsim\.js)\b/, 'vnetsim').replace(/([|;&]\s*)(npx vnetsim|node bin\/vnetsim\.js)\b/g, '$1vnetsim');
}

/** A command whose output depends only on the repository's files (no writes, no sandbox files). */
function cacheable(command: string): boolean {
  if (!/^vnetsim (run|validate) /.test(command) || /[|>;&`$]|--pcap|--trace/.test(command)) return false;
  return command.split(/\s+/).slice(2).every((w) => w.startsWith('-') || /^(scenarios|test)\//.test(w) || /^\d/.test(w));
}

const cache = new Map<string, Promise<Ran>>();

export class Sandbox {
  readonly dir: string;
  private readonly bin: string;

  constructor(private readonly root: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'vnetsim-docs-'));
    this.bin = join(this.dir, '.bin');
    mkdirSync(this.bin);
    const shim = join(this.bin, 'vnetsim');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/vnetsim.js')}" "$@"\n`);
    chmodSync(shim, 0o755);
    for (const d of ['scenarios', 'test']) symlinkSync(join(root, d), join(this.dir, d));
  }

  /** Copies a repository file into the sandbox under the name the doc uses for it. */
  place(name: string, from: string): void {
    copyFileSync(join(this.root, from), join(this.dir, name));
  }

  run(command: string): Promise<Ran> {
    const shell = asShellCommand(command);
    if (!cacheable(shell)) return this.exec(shell);
    let p = cache.get(shell);
    if (p === undefined) { p = this.exec(shell); cache.set(shell, p); }
    return p;
  }

  private exec(shell: string): Promise<Ran> {
    return new Promise((resolve) => {
      execFile('bash', ['-c', `exec 2>&1\n${shell}`], {
        cwd: this.dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000,
        env: { ...process.env, PATH: `${this.bin}:${process.env.PATH ?? ''}`, LC_ALL: 'C.UTF-8', COLUMNS: '200' },
      }, (err, stdout) => {
        const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ output: stdout, status });
      });
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
