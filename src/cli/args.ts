/**
 * Command-line parsing: `vnetsim COMMAND [FILE...] [--option value]`. Options may come before or
 * after the files, as `--name value` or `--name=value`. Which options exist and which take a value
 * comes from the command table in help.ts; an option the command does not take is an error that
 * names it, with a guess when it looks like a typo of one it does take.
 */
import { didYouMean } from '../linux/did-you-mean.js';
import { COMMANDS, commandSpec, GLOBAL_OPTIONS, type OptionSpec } from './help.js';

export interface CliArgs {
  readonly command: string | null;
  readonly files: string[];
  readonly flags: Map<string, string | true>;
}

type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; message: string; command: string | null };

/** Every option any command takes, by name: the same name takes a value in every command or in none. */
const ALL_OPTIONS = new Map<string, OptionSpec>([...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)].map((o) => [o.name, o]));

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: string | null = null;
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') { flags.set('help', true); continue; }
    if (a === '-V') { flags.set('version', true); continue; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const spec = ALL_OPTIONS.get(name);
      if (spec === undefined) { unknown.push(name); continue; }
      if (spec.value !== null) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') return { ok: false, message: `--${name} needs a value`, command };
        flags.set(name, value);
      } else {
        if (eq > 0) return { ok: false, message: `--${name} takes no value`, command };
        flags.set(name, true);
      }
      continue;
    }
    if (a.startsWith('-') && a !== '-') return { ok: false, message: `unknown option ${a}`, command };
    if (command === null) command = a;
    else files.push(a);
  }
  const spec = commandSpec(command);
  const accepted = [...GLOBAL_OPTIONS, ...(spec?.options ?? [])].map((o) => o.name);
  if (unknown.length > 0) {
    const name = unknown[0]!;
    // Without a known command (an unknown option's value may have been taken for it), any command's option may be meant.
    const hint = didYouMean(name, spec ? accepted : ALL_OPTIONS.keys());
    return { ok: false, message: `unknown option --${name}${spec ? ` for ${spec.name}` : ''}${hint ? `; did you mean --${hint}?` : ''}`, command };
  }
  if (spec !== undefined) {
    for (const name of flags.keys()) {
      if (!accepted.includes(name)) {
        return { ok: false, message: `${spec.name} does not take --${name} (its options: ${spec.options.map((o) => `--${o.name}`).join(', ')})`, command };
      }
    }
  }
  return { ok: true, args: { command, files, flags } };
}

/** The known command a mistyped one is likely to be, or null. */
export function commandGuess(command: string): string | null {
  return didYouMean(command, COMMANDS.map((c) => c.name));
}
