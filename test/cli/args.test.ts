/** The command line: per-command options from one table, typos answered with the nearest name, help listing every option the parser takes. */
import { describe, expect, test } from 'vitest';
import { commandGuess, parseArgs } from '../../src/cli/args.js';
import { COMMANDS, commandHelp } from '../../src/cli/help.js';

const message = (argv: string[]) => {
  const p = parseArgs(argv);
  return p.ok ? null : p.message;
};

describe('did you mean', () => {
  test.each([['rnu', 'run'], ['runn', 'run'], ['vaildate', 'validate'], ['veiw', 'view'], ['frobnicate', null], ['r', null]])('command %s -> %s', (typed, guess) => {
    expect(commandGuess(typed)).toBe(guess);
  });

  test('an unknown option names the command and the option it is near', () => {
    expect(message(['run', 'a.yaml', '--jsno'])).toBe('unknown option --jsno for run; did you mean --json?');
    expect(message(['run', 'a.yaml', '--junt', 'x.xml'])).toBe('unknown option --junt for run; did you mean --junit?');
    expect(message(['run', '--sede=3', 'a.yaml'])).toBe('unknown option --sede for run; did you mean --seed?');
    // Before the command, the unknown option's value reads as the command: any command's option may be meant.
    expect(message(['--sede', '3', 'run', 'a.yaml'])).toBe('unknown option --sede; did you mean --seed?');
    expect(message(['view', '--noopen'])).toBe('unknown option --noopen for view; did you mean --no-open?');
    expect(message(['run', 'a.yaml', '--frobnicate'])).toBe('unknown option --frobnicate for run');
  });

  test("another command's option is refused, naming this command's", () => {
    expect(message(['validate', 'a.yaml', '--seed', '3'])).toBe('validate does not take --seed (its options: --json, --help)');
    expect(message(['view', '--junit', 'x'])).toBe('view does not take --junit (its options: --port, --no-open, --help)');
  });
});

test('several files, options anywhere, --name=value', () => {
  const p = parseArgs(['run', 'a.yaml', '--seed=4', 'b.yaml', '--junit', 'out.xml', '--json']);
  expect(p.ok).toBe(true);
  if (!p.ok) return;
  expect(p.args.files).toStrictEqual(['a.yaml', 'b.yaml']);
  expect([...p.args.flags]).toStrictEqual([['seed', '4'], ['junit', 'out.xml'], ['json', true]]);
});

test.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help lists every option it accepts, each with a meaning', (name, c) => {
  const help = commandHelp(c);
  for (const o of c.options) {
    expect(help).toMatch(new RegExp(`^ {2}--${o.name}${o.value ? ` ${o.value}` : ''} +\\S`, 'm'));
    const argv = [name, ...(o.value ? [`--${o.name}`, 'v'] : [`--${o.name}`])];
    expect(parseArgs(argv).ok, `${argv.join(' ')} parses`).toBe(true);
  }
  const listed = help.match(/^ {2}--[\w-]+/gm)!.map((s) => s.trim().slice(2));
  expect(listed).toStrictEqual(c.options.map((o) => o.name));
});
