/**
 * `ip neigh show [dev DEV]` (iproute2's ip/ipneigh.c): the ARP cache. Changing it by hand is not
 * modelled; the stack fills it.
 */
import type { LinuxOp } from './command.js';
import { notSupported, refuse } from './errors.js';
import { Argv, duparg2, matches } from './iproute-args.js';

const NEIGH_COMMANDS = 'ip neigh show';

export function parseIpNeigh(words: readonly string[]): LinuxOp {
  const [command, ...rest] = words;
  if (command === undefined) return { kind: 'show', what: { of: 'neighbours', dev: null } };
  for (const other of ['add', 'change', 'replace', 'delete']) {
    if (matches(command, other)) refuse(notSupported(`ip neigh ${other}`, NEIGH_COMMANDS));
  }
  if (command === 'chg') refuse(notSupported('ip neigh change', NEIGH_COMMANDS));
  if (matches(command, 'list') || matches(command, 'show') || matches(command, 'lst')) return show(rest);
  for (const other of ['get', 'flush']) {
    if (matches(command, other)) refuse(notSupported(`ip neigh ${other}`, NEIGH_COMMANDS));
  }
  if (matches(command, 'help')) refuse('Usage: ip neigh { show } [ dev DEV ]');
  return refuse(`Command "${command}" is unknown, try "ip neigh help".`);
}

function show(words: readonly string[]): LinuxOp {
  let dev: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'dev') {
      const v = a.nextArg();
      if (dev !== null) duparg2('dev', v);
      dev = v;
    } else {
      refuse(notSupported(`ip neigh show ${w}`, 'ip neigh show [dev DEV]'));
    }
  }
  return { kind: 'show', what: { of: 'neighbours', dev } };
}
