/** The kernel contract (kernel-contract.ts) run against every `LinuxKernel` there is: the simulated host. */
import { kernelContract } from './kernel-contract.js';
import { testHost } from './host.js';

kernelContract('a simulated host built from a scenario', () => testHost().host);
