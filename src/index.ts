/** vnetsim's public API: what the CLI and the web app import. */
export { prepareScenario, runSimulation, type Prepared, type RunScenarioOptions, type ScenarioOverrides } from './api.js';
export type { Report, LinkReport } from './analysis/report.js';
export type { ExpectationResult } from './analysis/expectations.js';
export type { Leak } from './analysis/leaks.js';
export type { Sample } from './analysis/sampler.js';
export { loadScenario, formatProblem, type Problem } from './scenario/load.js';
export type { ScenarioDoc } from './scenario/document.js';
export { Simulation } from './scenario/simulation.js';
export type { TraceRecord, DropReason, Place } from './net/trace.js';
export type { TraceSink } from './engine/trace-bus.js';
export { NdjsonTraceWriter, traceRecordToJson, traceHeader, type TraceJson, type TraceHeader } from './capture/ndjson.js';
export { PcapCapture } from './capture/pcap-capture.js';
export { parseDuration, formatDuration, parseRate, formatRate, SECOND, MS, US } from './engine/time.js';
export { describeFrame } from './wire/describe.js';
export { formatMac } from './wire/mac.js';
export { formatIpv4 } from './wire/ipv4-address.js';
export const VERSION = '0.1.0';
export { topologyOf, type Topology, type TopologyNode, type TopologyEdge } from "./analysis/topology.js";
