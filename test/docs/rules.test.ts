/** The rules of the docs test itself: which blocks are examples, which fail, how outputs compare. */
import { describe, expect, it } from 'vitest';
import { examplesOf } from './blocks.js';
import { excerptMismatch, keepingMachineNumbers, lineDiff, outputLines, updatedExcerpt } from './compare.js';

const F = '```';

describe('which blocks are examples', () => {
  it('pairs a command block with the output block after it, markers between them allowed', () => {
    const md = `${F}sh\nnpx vnetsim run a.yaml   # the report\n${F}\n\n<!-- exit: 1 -->\n${F}text\nout\n${F}\n`;
    const r = examplesOf(md, 'x.md');
    expect(r.problems).toEqual([]);
    expect(r.examples).toHaveLength(1);
    const e = r.examples[0]!;
    expect(e.kind === 'pair' && e.steps).toEqual([{ command: 'npx vnetsim run a.yaml', exit: 1 }]);
    expect(e.kind === 'pair' && e.output.line).toBe(6);
  });

  it('fails a command block without output, an unmarked text block and an unknown marker, naming their lines', () => {
    const md = `${F}sh\nvnetsim run a.yaml\n${F}\n\nprose\n\n${F}text\nsomething\n${F}\n<!-- exerpt -->\n${F}text\n$ vnetsim --version\n${F}\n`;
    expect(examplesOf(md, 'x.md').problems).toEqual([
      'x.md:10: unknown example marker <!-- exerpt --> (see docs/README.md, "Examples that cannot drift")',
      'x.md:1: a command block with no output block after it: show the output, or mark it <!-- not run: REASON -->',
      expect.stringMatching(/^x\.md:7: a block that is neither an example nor marked/),
    ]);
  });

  it('never runs install commands, and skips only what is marked not run', () => {
    const md = `${F}sh\nnpm ci\nnpx vnetsim run a.yaml\n${F}\n${F}text\nout\n${F}\n<!-- not run: a diagram -->\n${F}text\na -> b\n${F}\n${F}yaml\nname: x\n${F}\n`;
    const r = examplesOf(md, 'x.md');
    expect(r.problems).toEqual([expect.stringMatching(/^x\.md:1: "npm ci" changes the checkout/), expect.stringMatching(/^x\.md:5: a block that is neither/)]);
    expect(r.notRun.map((f) => f.line)).toEqual([9]);
    expect(r.examples).toEqual([]);
  });

  it('reads a transcript, a command marker and file markers', () => {
    const md = `<!-- file: lab.yaml = test/docs/files/more-pings.yaml -->\n${F}text\n$ vnetsim validate lab.yaml\nlab.yaml: ok\n${F}\n<!-- command: vnetsim run lab.yaml -->\n<!-- excerpt -->\n${F}text\nresult: PASS\n${F}\n`;
    const r = examplesOf(md, 'x.md');
    expect(r.problems).toEqual([]);
    expect(r.examples.map((e) => [e.kind, e.files])).toEqual([
      ['transcript', [{ name: 'lab.yaml', from: 'test/docs/files/more-pings.yaml' }]],
      ['pair', []],
    ]);
  });
});

describe('comparing outputs', () => {
  const header = 'simulated 5s in 41 events; wall 2 ms (16,867 events/s), peak memory 53 MB';
  it('ignores the machine-dependent numbers and nothing else', () => {
    const other = 'simulated 5s in 41 events; wall 1,204 ms (34 events/s), peak memory 120 MB';
    expect(lineDiff([header], [other], 1)).toBeNull();
    expect(lineDiff([header], [other.replace('41 events;', '42 events;')], 7)).toBe(
      'line 7 differs:\n  doc:    simulated 5s in 41 events; wall # ms (# events/s), peak memory # MB\n  actual: simulated 5s in 42 events; wall # ms (# events/s), peak memory # MB');
    expect(lineDiff(['a'], ['a', 'b'], 1)).toBe('line 2 differs:\n  doc:    (no more lines)\n  actual: b');
    expect(lineDiff(['{ "ms": 3, "events": 41 }'], ['{ "ms": 17, "events": 41 }'], 1)).toBeNull();
  });

  it('drops the tshark root warning and trailing blanks from what a command printed', () => {
    expect(outputLines('Running as user "root" and group "root". This could be dangerous.\n1 x  \n\n')).toEqual(['1 x']);
  });

  it('matches an excerpt run by run, each run consecutive and in order', () => {
    const out = ['a', 'b', 'c', 'd', 'e'];
    expect(excerptMismatch(['a', 'b', '...', 'd'], out)).toBeNull();
    expect(excerptMismatch(['b', '  ...', 'e'], out)).toBeNull();
    expect(excerptMismatch(['a', 'c'], out)).toMatch(/do not occur/);
    expect(excerptMismatch(['d', '...', 'b'], out)).toMatch(/\| b/);
  });

  it('update mode keeps the doc spelling of machine numbers and re-cuts excerpts at the same places', () => {
    const fresh = header.replace('2 ms', '9 ms');
    expect(keepingMachineNumbers([header], [fresh, 'new'])).toEqual([header, 'new']);
    expect(updatedExcerpt(['frames', '  sent 9', '...', 'trace hash 1 (58 records)'], ['x', 'frames', '  sent 12', 'y', 'trace hash 2 (60 records)']))
      .toEqual(['frames', '  sent 12', '...', 'trace hash 2 (60 records)']);
  });
});
