/** Command-line parsing: `vnetsim COMMAND [FILE...] [--flag value]`. */

export interface CliArgs {
  readonly command: string | null;
  readonly files: string[];
  readonly flags: Map<string, string | true>;
}

/** Flags that take a value; every other `--flag` is a switch. */
const VALUED = new Set(['seed', 'until', 'trace', 'pcap', 'pcap-interfaces', 'budget', 'port']);
const SWITCHES = new Set(['json', 'help', 'version', 'no-open']);

type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; message: string };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: string | null = null;
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') { flags.set('help', true); continue; }
    if (a === '-V') { flags.set('version', true); continue; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (VALUED.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') return { ok: false, message: `--${name} needs a value` };
        flags.set(name, value);
      } else if (SWITCHES.has(name)) {
        if (eq > 0) return { ok: false, message: `--${name} takes no value` };
        flags.set(name, true);
      } else {
        return { ok: false, message: `unknown option --${name}` };
      }
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { ok: false, message: `unknown option ${a}` };
    if (command === null) command = a;
    else files.push(a);
  }
  return { ok: true, args: { command, files, flags } };
}

export const USAGE = `vnetsim — a deterministic simulator of cloud virtualization networking

Usage:
  vnetsim run FILE [--seed N] [--until T] [--budget N] [--json] [--trace OUT.ndjson]
                   [--pcap DIR [--pcap-interfaces host1/eth0,sw1/p1]]
  vnetsim validate FILE...
  vnetsim view [FILE] [--port N] [--no-open]
  vnetsim --help | --version

Commands:
  run        run a scenario and print its report
  validate   check scenario files and print every problem found
  view       open the visualizer in a browser: built-in scenarios, or FILE (a scenario or
             an NDJSON trace), served on 127.0.0.1 (see docs/visualizer.md)

Options:
  --seed N            override the scenario's seed
  --until T           stop at simulated time T (e.g. 2s, 500ms)
  --budget N          stop after N events (overrides the scenario's eventBudget)
  --json              print the report as one JSON object (see docs/report-format.md)
  --trace FILE        write every trace record as NDJSON (see docs/trace-format.md)
  --pcap DIR          write one pcap file per interface into DIR (all interfaces, or those
                      named by --pcap-interfaces)

Exit status: 0 ok, 1 an expectation failed (or the event budget ran out), 2 bad input or usage,
3 a fault inside vnetsim itself (please report it).
`;
