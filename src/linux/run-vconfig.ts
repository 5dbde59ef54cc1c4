/**
 * What `vconfig add|rem` do (the SIOCSIFVLAN ioctl) and how vconfig.c reports it: a line on stdout
 * when it worked, `ERROR: trying to ...` with the errno text when it did not.
 */
import { strerror, type SysErrno } from './errors.js';
import type { LinuxKernel } from './kernel.js';
import { failed, printLines, succeeded, type CommandResult } from './result.js';

export function vconfigAdd(kernel: LinuxKernel, parent: string, name: string, vid: number): CommandResult {
  const shown = vid >>> 0; // vconfig prints the VID as unsigned (%u)
  const fail = (e: SysErrno): CommandResult =>
    failed(`ERROR: trying to add VLAN #${shown} to IF -:${parent}:-  error: ${strerror(e)}`);
  if (!kernel.link(parent)) return fail('ENODEV');
  if (vid < 1 || vid > 4094) return fail('ERANGE');
  const e = kernel.addVlan(parent, name, vid);
  if (e) return fail(e);
  const lines = [`Added VLAN with VID == ${vid} to IF -:${parent}:-`];
  if (vid === 1) lines.push('WARNING:  VLAN 1 does not work with many switches,', 'consider another number if you have problems.');
  return succeeded(printLines(lines));
}

export function vconfigRem(kernel: LinuxKernel, name: string): CommandResult {
  const fail = (e: SysErrno): CommandResult => failed(`ERROR: trying to remove VLAN -:${name}:- error: ${strerror(e)}`);
  const link = kernel.link(name);
  if (!link) return fail('ENODEV');
  if (link.kind !== 'vlan') return fail('EINVAL');
  const e = kernel.deleteLink(name);
  if (e) return fail(e);
  return succeeded(printLines([`Removed VLAN -:${name}:-`]));
}
