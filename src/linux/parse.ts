/**
 * One configuration line -> one `LinuxOp`, or the message the shell or the tool would print.
 * Invariants: blank lines and comments are `nop`; a leading `sudo` is dropped; the program picks
 * the parser; a refusal is a value here (`ok: false`), never an exception past this function.
 */
import type { LinuxOp } from './command.js';
import { CommandRefused } from './core/errors.js';
import { programParser, unknownProgramMessage, withGuess } from './programs.js';
import { shellWords, withoutSudo } from './shell.js';

export type ParseResult = { ok: true; op: LinuxOp } | { ok: false; message: string };

const PROC_SYS_WRITE = /^\s*(sudo\s+)?echo\s+\S+\s*>\s*\/proc\/sys\/\S+\s*$/;

export function parseCommand(line: string): ParseResult {
  if (PROC_SYS_WRITE.test(line)) {
    return { ok: false, message: 'echo > /proc/sys/...: not supported by vnetsim yet (use sysctl -w KEY=VALUE)' };
  }
  try {
    return { ok: true, op: parseWords(withoutSudo(shellWords(line))) };
  } catch (e) {
    if (e instanceof CommandRefused) {
      return { ok: false, message: e.unknown ? withGuess(e.message, e.unknown.word, e.unknown.known) : e.message };
    }
    throw e;
  }
}

function parseWords(words: readonly string[]): LinuxOp {
  const [program, ...args] = words;
  if (program === undefined) return { kind: 'nop' };
  const name = program.slice(program.lastIndexOf('/') + 1);
  const parse = programParser(name);
  if (parse === undefined) throw new CommandRefused(unknownProgramMessage(name));
  return parse(args);
}
