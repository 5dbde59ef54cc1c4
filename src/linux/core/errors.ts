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

/** A line the tool refuses before doing anything; the message is what the tool prints. */
export class CommandRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandRefused';
  }
}

export function refuse(message: string): never {
  throw new CommandRefused(message);
}

/** The tools and objects vnetsim models, for "not supported" messages. */
const SUPPORTED_SUMMARY = 'brctl, ip link/addr/route/neigh/tuntap, bridge fdb/vlan, vconfig, ifconfig, sysctl, iptables -t nat MASQUERADE, virsh migrate';

/** A real command (or sub-command) the simulator does not model yet. */
export function notSupported(what: string, supported: string = SUPPORTED_SUMMARY): string {
  return `${what}: not supported by vnetsim yet (supported: ${supported})`;
}
