/**
 * The Linux command language: configuration lines -> typed operations -> a host kernel.
 */
export type { BridgeOptions, BridgePortOptions, LinkFilter, LinuxOp, LinuxOpKind, Show, SysctlItem } from './command.js';
export type {
  BridgeIdView, BridgePortStpParam, BridgePortStpView, BridgeStpParam, BridgeStpView, BridgeView, Errno, FdbView,
  LinkView, LinuxKernel, NeighView, RouteView,
} from './kernel.js';
export { parseCommand, type ParseResult } from './parse.js';
export { executeLine, runCommand, type CommandResult } from './run.js';
export { SUPPORTED_PROGRAMS, closestProgram } from './programs.js';
