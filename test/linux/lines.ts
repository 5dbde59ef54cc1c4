/** Running configuration lines against a kernel in tests: the output of one that must succeed, the error of one that must fail. */
import { expect } from 'vitest';
import type { LinuxKernel } from '../../src/linux/core/kernel.js';
import { executeLine } from '../../src/linux/run.js';

export function outputOf(kernel: LinuxKernel, line: string): string {
  const r = executeLine(kernel, line);
  if (!r.ok) throw new Error(`${line}: ${r.error}`);
  return r.output;
}

export function errorOf(kernel: LinuxKernel, line: string): string | null {
  const r = executeLine(kernel, line);
  expect(r.ok).toBe(false);
  return r.error;
}
