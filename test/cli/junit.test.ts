/** JUnit XML escaping: any text a scenario or a measurement holds reaches the parser unchanged (or, for characters XML forbids, replaced). */
import { parse, type TestSuites } from 'junit2json';
import { expect, test } from 'vitest';
import { junitXml, xmlAttr, xmlText } from '../../src/cli/junit.js';
import type { Report } from '../../src/index.js';
import { runText, scenarioPath, scenarioText } from '../acceptance/helpers.js';

test('text and attributes escape what XML reserves', () => {
  expect(xmlText(`a < b && c > "d" 'e'`)).toBe(`a &lt; b &amp;&amp; c &gt; "d" 'e'`);
  expect(xmlAttr(`a < b && c > "d"\n\tx`)).toBe('a &lt; b &amp;&amp; c &gt; &quot;d&quot;&#10;&#9;x');
  expect(xmlText('bell\u0007 nul\u0000 ok\u00e9')).toBe('bell\uFFFD nul\uFFFD ok\u00e9');
});

test('names, messages and file names with markup survive a JUnit parser', async () => {
  const file = scenarioPath('01-one-host-bridge.yaml');
  const base: Report = runText(scenarioText('01-one-host-bridge.yaml'), file);
  const weird = 'lab <"a"> & \'b\'.yaml';
  const text = 'vm<1> reaches "vm2" & more';
  const detail = 'measured: 3 < 4 && 5 > "2"\nsecond line\u0001';
  const report: Report = { ...base, expectations: [{ text, pass: false, detail, source: { file: weird, line: 7, column: 5 } }], passed: false };
  const xml = junitXml([{ kind: 'ran', file: weird, report }, { kind: 'bad-input', file: 'x&y.yaml', problems: [{ file: 'x&y.yaml', line: 2, column: 3, path: 'a', message: 'bad <value> "q"' }] }]);
  const parsed = (await parse(xml)) as TestSuites;
  const [s1, s2] = parsed.testsuite!;
  expect(s1!.name).toBe(weird);
  expect(s1!.properties).toStrictEqual([{ name: 'scenario', value: 'one-host-bridge' }, { name: 'seed', value: 1 }, { name: 'traceHash', value: base.traceHash }]);
  const c = s1!.testcase![0]!;
  expect([c.name, c.classname]).toStrictEqual([text, weird]);
  expect(c.failure).toStrictEqual([{ message: 'measured: 3 < 4 && 5 > "2"\nsecond line\uFFFD', type: 'expectation', inner: `${weird}:7: ${text}: measured: 3 < 4 && 5 > "2"\nsecond line\uFFFD` }]);
  expect(s2!.testcase![0]!.error).toStrictEqual([{ message: '1 problem found', type: 'bad-input', inner: 'x&y.yaml:2:3: a: bad <value> "q"' }]);
  expect([parsed.tests, parsed.failures, parsed.errors]).toStrictEqual([2, 1, 1]);
});
