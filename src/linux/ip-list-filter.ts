/**
 * The selectors of `ip link show` and `ip addr show|flush` (iproute2's `ipaddr_list_flush_or_save`):
 * a device (`dev` optional), `up`, `master BR`, `type KIND`.
 */
import type { LinkFilter } from './command.js';
import { notSupported, refuse } from './errors.js';
import { Argv, duparg2, matches } from './iproute-args.js';

const FILTER_SUPPORTED = 'dev DEV, up, master BR, type KIND';

/** Address flags `get_filter` accepts; vnetsim's addresses are all permanent and primary or secondary. */
const UNMODELLED = new Set([
  'to', 'scope', 'label', 'group', 'vrf', 'nomaster', 'dynamic', 'primary', 'secondary', 'temporary',
  'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative', 'permanent', 'mngtmpaddr',
  'noprefixroute', 'autojoin', 'stable-privacy',
]);

export function parseLinkFilter(words: readonly string[], command: string): LinkFilter {
  let dev: string | null = null;
  let up = false;
  let master: string | null = null;
  let type: string | null = null;
  for (const a = new Argv(words); a.more; a.advance()) {
    const w = a.current;
    if (w === 'up') {
      up = true;
    } else if (w === 'master') {
      master = a.nextArg();
    } else if (w === 'type') {
      type = a.nextArg();
    } else if (UNMODELLED.has(w) || (w.startsWith('-') && UNMODELLED.has(w.slice(1)))) {
      refuse(notSupported(`${command} ${w}`, FILTER_SUPPORTED));
    } else {
      let name = w;
      if (w === 'dev') name = a.nextArg();
      else if (matches(w, 'help')) refuse(`Usage: ${command} [ dev IFNAME ] [ up ] [ master DEVICE ] [ type TYPE ]`);
      if (dev !== null) duparg2('dev', name);
      dev = name;
    }
  }
  return { dev, up, master, type };
}
