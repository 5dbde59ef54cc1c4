/**
 * The commands and the options each accepts, with a one-line meaning: the one table that the
 * argument parser checks against and that `--help` prints, so help can never list an option the
 * parser refuses or leave out one it takes.
 */

/** One `--name` option: `value` names its argument (a switch has none). */
export interface OptionSpec {
  readonly name: string;
  readonly value: string | null;
  readonly meaning: string;
}

export interface CommandSpec {
  readonly name: 'run' | 'validate' | 'view';
  /** What follows the command's name in its usage line. */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Lines printed after the options by `vnetsim COMMAND --help`. */
  readonly notes: readonly string[];
}

const HELP: OptionSpec = { name: 'help', value: null, meaning: 'print this help and exit' };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    synopsis: 'FILE... [options]',
    summary: 'run scenarios and print their reports (several files or a glob: a summary table too)',
    options: [
      { name: 'seed', value: 'N', meaning: "use seed N instead of the scenario's seed" },
      { name: 'until', value: 'T', meaning: 'stop at simulated time T (e.g. 2s, 500ms)' },
      { name: 'budget', value: 'N', meaning: "stop after N events (overrides the scenario's eventBudget)" },
      { name: 'json', value: null, meaning: 'print the report (or the problems of a bad file) as JSON (see docs/cli.md)' },
      { name: 'junit', value: 'FILE', meaning: 'also write a JUnit XML file: one test case per expectation' },
      { name: 'trace', value: 'FILE', meaning: 'write every trace record as NDJSON (one scenario file only)' },
      { name: 'pcap', value: 'DIR', meaning: 'write one pcap file per interface into DIR (one scenario file only)' },
      { name: 'pcap-interfaces', value: 'LIST', meaning: 'with --pcap, capture only these, e.g. host1/eth0,sw1/p1' },
      HELP,
    ],
    notes: [
      "FILE may be a glob such as 'scenarios/*.yaml' (*, ? and ** are expanded when the shell did not).",
      'Exit status: 0 every scenario passed; 1 an expectation failed or a run hit its event budget;',
      '2 a file had bad input or the command line was wrong (2 wins over 1); 3 a fault inside vnetsim.',
    ],
  },
  {
    name: 'validate',
    synopsis: 'FILE... [options]',
    summary: 'check scenario files and print every problem found',
    options: [
      { name: 'json', value: null, meaning: 'print one JSON object: per file, ok or its problems (see docs/cli.md)' },
      HELP,
    ],
    notes: ['Exit status: 0 every file is valid, 2 otherwise.'],
  },
  {
    name: 'view',
    synopsis: '[FILE] [options]',
    summary: 'open the visualizer in a browser: built-in scenarios, or FILE (a scenario or an NDJSON trace)',
    options: [
      { name: 'port', value: 'N', meaning: 'listen on port N (default: a free port the system picks)' },
      { name: 'no-open', value: null, meaning: 'do not open a browser' },
      HELP,
    ],
    notes: ['Serves on 127.0.0.1 until Ctrl+C (see docs/visualizer.md).'],
  },
];

/** Options accepted without a command: `vnetsim --help`, `vnetsim --version`. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  HELP,
  { name: 'version', value: null, meaning: 'print the version and exit' },
];

export function commandSpec(name: string | null): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const left = options.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return options.map((o, i) => `  ${left[i]!.padEnd(width)}${o.meaning}`);
}

/** `vnetsim --help`: every command, then how to get a command's options. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    'vnetsim — a deterministic simulator of cloud virtualization networking',
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  vnetsim ${c.name} ${c.synopsis}`),
    '  vnetsim --help | --version',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Every command's options: vnetsim COMMAND --help (e.g. vnetsim run --help).",
    '',
    'Exit status: 0 ok, 1 an expectation failed (or the event budget ran out), 2 bad input or usage,',
    '3 a fault inside vnetsim itself (please report it).',
    '',
  ].join('\n');
}

/** `vnetsim COMMAND --help`: its usage line, what it does and every option it accepts. */
export function commandHelp(c: CommandSpec): string {
  return [
    'Usage:',
    `  vnetsim ${c.name} ${c.synopsis}`,
    '',
    `${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.`,
    '',
    'Options:',
    ...optionLines(c.options),
    '',
    ...c.notes,
    '',
  ].join('\n');
}
