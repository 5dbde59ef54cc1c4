/**
 * How the Linux tools fail: errno texts (glibc's `strerror`), the netlink prefix `ip` and `bridge`
 * print, and the parse-time refusal a tool gives before touching the kernel (the real tools print
 * and `exit(-1)`; our parsers throw `CommandRefused`, which `parseCommand` turns into a message).
 */
import type { Errno } from './kernel.js';

/** Kernel errnos plus the few the tools meet on their own (ioctl and sysctl paths). */
export type SysErrno = Errno | 'ENXIO' | 'EPERM' | 'ERANGE';

const STRERROR: Record<SysErrno, string> = {
  EEXIST: 'File exists',
  ENODEV: 'No such device',
  EBUSY: 'Device or resource busy',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EOPNOTSUPP: 'Operation not supported',
  ENETUNREACH: 'Network is unreachable',
  ESRCH: 'No such process',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENOENT: 'No such file or directory',
  ENXIO: 'No such device or address',
  EPERM: 'Operation not permitted',
  ERANGE: 'Numerical result out of range',
};

export function strerror(errno: SysErrno): string {
  return STRERROR[errno];
}

/** What iproute2 prints when the kernel refuses a netlink request. */
export function rtnetlink(errno: SysErrno): string {
  return `RTNETLINK answers: ${strerror(errno)}`;
}

/**
 * A line the tool refuses before doing anything; the message is what the tool prints. `unknown`:
 * the refusal is of a word the tool does not know (a subcommand, object or name), with the words
 * it does know in its own table order, so the one place that words every typo can offer a guess.
 */
export class CommandRefused extends Error {
  constructor(message: string, readonly unknown: UnknownWord | null = null) {
    super(message);
    this.name = 'CommandRefused';
  }
}

/** A word a tool did not know, among the ones it does. */
export interface UnknownWord {
  readonly word: string;
  readonly known: readonly string[];
}

export function refuse(message: string): never {
  throw new CommandRefused(message);
}

/** Refuses a word the tool does not know (`brctl adif`), in the tool's own words; the caller adds a guess from `known`. */
export function refuseUnknown(message: string, word: string, known: readonly string[]): never {
  throw new CommandRefused(message, { word, known });
}

/** The tools and objects vnetsim models, for "not supported" messages. */
const SUPPORTED_SUMMARY = 'brctl, ip link/addr/route/neigh/tuntap, bridge fdb/vlan, vconfig, ifconfig, sysctl, iptables -t nat MASQUERADE, virsh migrate';

/** A real command (or sub-command) the simulator does not model yet. */
export function notSupported(what: string, supported: string = SUPPORTED_SUMMARY): string {
  return `${what}: not supported by vnetsim yet (supported: ${supported})`;
}
