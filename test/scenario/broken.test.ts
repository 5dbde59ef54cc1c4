import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem, loadScenario } from '../../src/scenario/load.js';

const dir = join(import.meta.dirname, 'broken');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

/** JSON has no comments, so the JSON files' expectations live here. */
const JSON_EXPECT: Record<string, string> = {
  'j1-json-syntax-error.json': 'JSON syntax error',
  'j2-json-unknown-key.json': 'unknown key "hostz" (did you mean "hosts"?)',
  'j3-json-bad-duration.json': 'duration "ten seconds" is not a duration like 250us, 10s or 2m',
};

function expectation(file: string, text: string): string {
  if (file.endsWith('.json')) {
    const e = JSON_EXPECT[file];
    if (!e) throw new Error(`${file}: add its expected message to JSON_EXPECT`);
    return e;
  }
  const m = /^# expect: (.+)$/m.exec(text.split('\n')[0] ?? '');
  if (!m) throw new Error(`${file}: the first line must be "# expect: <part of the message>"`);
  return m[1]!;
}

describe('broken scenario corpus', () => {
  test('has at least 30 files, including JSON', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(2);
  });

  test.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const want = expectation(file, text);
    const name = `test/scenario/broken/${file}`;
    const r = loadScenario(text, name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.length).toBeGreaterThanOrEqual(1);
    const lines = text.split('\n').length;
    for (const p of r.problems) {
      expect(p.file).toBe(name);
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(p.message.length).toBeGreaterThan(0);
      // Only syntax errors and problems with the file as a whole may have no path.
      if (p.path === '') expect(p.message).toMatch(/^(YAML|JSON) syntax error|^the file/);
      expect(formatProblem(p)).toContain(`${name}:${p.line}:${p.column}: `);
      expect(p.message).not.toMatch(/Invalid input|expected .* received|Unrecognized key/);
    }
    expect(r.problems.map((p) => p.message).join('\n')).toContain(want);
  });
});
