/** Patterns vnetsim expands itself when the shell did not: `*`, `?` and `**`, sorted, dot files left out. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expandPattern, isPattern } from '../../src/cli/glob.js';

let d = '';

beforeAll(() => {
  d = mkdtempSync(join(tmpdir(), 'vnetsim-glob-'));
  for (const f of ['a/01-x.yaml', 'a/02-y.yaml', 'a/10-z.yml', 'a/notes.txt', 'a/.hidden.yaml', 'a/b/03-w.yaml', 'a/b/c/04-v.yaml', 'a/.git/05.yaml']) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), '');
  }
  mkdirSync(join(d, 'a/dir.yaml'));
});

afterAll(() => {
  if (d) rmSync(d, { recursive: true, force: true });
});

test('* matches within one directory, files only, sorted, not dot files', () => {
  expect(expandPattern(`${d}/a/*.yaml`)).toStrictEqual([`${d}/a/01-x.yaml`, `${d}/a/02-y.yaml`]);
});

test('? matches exactly one character', () => {
  expect(expandPattern(`${d}/a/0?-*.yaml`)).toStrictEqual([`${d}/a/01-x.yaml`, `${d}/a/02-y.yaml`]);
  expect(expandPattern(`${d}/a/*.ym?`)).toStrictEqual([`${d}/a/10-z.yml`]);
});

test('** matches any number of directories, none included', () => {
  expect(expandPattern(`${d}/a/**/*.yaml`)).toStrictEqual([
    `${d}/a/01-x.yaml`, `${d}/a/02-y.yaml`, `${d}/a/b/03-w.yaml`, `${d}/a/b/c/04-v.yaml`,
  ]);
  expect(expandPattern(`${d}/**/c/*`)).toStrictEqual([`${d}/a/b/c/04-v.yaml`]);
});

test('a pattern segment starting with a dot matches dot files', () => {
  expect(expandPattern(`${d}/a/.*.yaml`)).toStrictEqual([`${d}/a/.hidden.yaml`]);
});

test('a pattern that matches nothing gives nothing', () => {
  expect(expandPattern(`${d}/a/*.json`)).toStrictEqual([]);
  expect(expandPattern(`${d}/nope/*.yaml`)).toStrictEqual([]);
});

test('an existing file or a word without wildcards is not a pattern', () => {
  expect(isPattern(`${d}/a/01-x.yaml`)).toBe(false);
  expect(isPattern('scenarios/*.yaml')).toBe(true);
  writeFileSync(join(d, 'a/odd*.yaml'), '');
  expect(isPattern(`${d}/a/odd*.yaml`)).toBe(false);
});
