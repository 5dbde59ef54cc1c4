/**
 * One configuration line -> one `LinuxOp`, or the message the shell or the tool would print.
 * Blank lines and comments are `nop`; a leading `sudo` is dropped; the program picks the parser.
 */
import { parseBridge } from './bridge.js';
import { parseBrctl } from './brctl.js';
import type { LinuxOp } from './command.js';
import { CommandRefused } from './errors.js';
import { parseIfconfig } from './ifconfig.js';
import { parseIp } from './ip.js';
import { parseIptables } from './iptables.js';
import { unknownProgramMessage } from './programs.js';
import { parseSysctl } from './sysctl.js';
import { parseVconfig } from './vconfig.js';
import { parseVirsh } from './virsh.js';
import { shellWords, withoutSudo } from './words.js';

export type ParseResult = { ok: true; op: LinuxOp } | { ok: false; message: string };

const PROC_SYS_WRITE = /^\s*(sudo\s+)?echo\s+\S+\s*>\s*\/proc\/sys\/\S+\s*$/;

export function parseCommand(line: string): ParseResult {
  if (PROC_SYS_WRITE.test(line)) {
    return { ok: false, message: 'echo > /proc/sys/...: not supported by vnetsim yet (use sysctl -w KEY=VALUE)' };
  }
  try {
    return { ok: true, op: parseWords(withoutSudo(shellWords(line))) };
  } catch (e) {
    if (e instanceof CommandRefused) return { ok: false, message: e.message };
    throw e;
  }
}

function parseWords(words: readonly string[]): LinuxOp {
  const [program, ...args] = words;
  if (program === undefined) return { kind: 'nop' };
  const name = program.slice(program.lastIndexOf('/') + 1);
  switch (name) {
    case 'brctl':
      return parseBrctl(args);
    case 'ip':
      return parseIp(args);
    case 'bridge':
      return parseBridge(args);
    case 'vconfig':
      return parseVconfig(args);
    case 'sysctl':
      return parseSysctl(args);
    case 'ifconfig':
      return parseIfconfig(args);
    case 'iptables':
      return parseIptables(args);
    case 'virsh':
      return parseVirsh(args);
    default:
      throw new CommandRefused(unknownProgramMessage(name));
  }
}
