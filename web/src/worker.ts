/**
 * The visualizer's Web Worker: runs a scenario with the same code as the CLI (src/index.ts), or
 * reads an NDJSON trace, and streams the records to the page as columnar chunks. It keeps the frame
 * values of a run it simulated, so the page can ask for any frame's full layer breakdown.
 */
import { prepareScenario, runSimulation, topologyOf, type TraceJson } from '../../src/index.js';
import { frameLayers } from '../../src/wire/layers.js';
import { ChunkBuilder, LineSplitter } from './model/builder.js';
import { LiveSink, type Frame } from './model/live.js';
import { chunkTransferables, type FromWorker, type SourceMeta, type ToWorker } from './model/protocol.js';


const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** Frames of the last simulated run, by uid (for the layer breakdown). */
let frames = new Map<number, Frame>();
const MAX_FRAMES = 2_000_000;

function flush(b: ChunkBuilder): void {
  const chunk = b.take();
  if (chunk) post({ type: 'chunk', chunk }, chunkTransferables(chunk));
}

function runScenario(text: string, file: string): void {
  const started = performance.now();
  const prepared = prepareScenario(text, file);
  if (!prepared.ok) {
    post({ type: 'problems', problems: prepared.problems });
    return;
  }
  const sim = prepared.sim;
  frames = new Map();
  const meta: SourceMeta = { kind: 'scenario', file, name: sim.doc.name, seed: sim.doc.seed, duration: sim.doc.duration };
  post({ type: 'begin', meta, topology: topologyOf(sim) });
  const b = new ChunkBuilder();
  const report = runSimulation(sim, file, {
    sinks: [new LiveSink(b, (f) => { if (frames.size < MAX_FRAMES) frames.set(f.uid, f); }, () => flush(b))],
    onProgress: (now) => post({ type: 'progress', t: now, records: b.count }),
  });
  flush(b);
  post({ type: 'done', report, records: b.count, ms: performance.now() - started });
}

/** Reads an NDJSON trace from a stream of text pieces. */
async function readTrace(pieces: AsyncIterable<string> | Iterable<string>, file: string): Promise<void> {
  const started = performance.now();
  frames = new Map();
  const b = new ChunkBuilder();
  const split = new LineSplitter();
  let line = 0;
  let header = false;
  let failed: string | null = null;
  let lastProgress = 0;
  const onLine = (text: string) => {
    line++;
    if (failed !== null) return;
    let j: TraceJson & { format?: number };
    try {
      j = JSON.parse(text) as TraceJson;
    } catch (e) {
      failed = `${file}:${line}: not JSON: ${(e as Error).message}`;
      return;
    }
    if (!header) {
      const h = j as unknown as { kind: string; format: number; scenario: string; seed: number; duration: number; topology: unknown };
      if (h.kind !== 'header' || typeof h.topology !== 'object' || h.topology === null) {
        failed = `${file}:1: this is not a vnetsim trace: the first line should be the header written by "vnetsim run --trace" ({"kind":"header",...})`;
        return;
      }
      if (h.format !== 1) {
        failed = `${file}:1: trace format ${String(h.format)} is not supported (this visualizer reads format 1)`;
        return;
      }
      header = true;
      post({ type: 'begin', meta: { kind: 'trace', file, name: h.scenario, seed: h.seed, duration: h.duration }, topology: h.topology as never });
      return;
    }
    try {
      if (b.addJson(j)) flush(b);
    } catch (e) {
      failed = `${file}:${line}: ${(e as Error).message}`;
    }
    if (b.count - lastProgress >= 200_000) {
      lastProgress = b.count;
      post({ type: 'progress', t: j.t, records: b.count });
    }
  };
  for await (const piece of pieces) {
    split.push(piece, onLine);
    if (failed !== null) break;
  }
  if (failed === null) split.end(onLine);
  if (failed === null && !header) failed = `${file}: the trace is empty`;
  if (failed !== null) {
    post({ type: 'error', message: failed });
    return;
  }
  flush(b);
  post({ type: 'done', report: null, records: b.count, ms: performance.now() - started });
}

async function* decode(stream: ReadableStream<Uint8Array>): AsyncIterable<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield dec.decode(value, { stream: true });
  }
  const rest = dec.decode();
  if (rest !== '') yield rest;
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'run':
        runScenario(m.text, m.file);
        return;
      case 'trace-text':
        void readTrace([m.text], m.file).catch(fail);
        return;
      case 'trace-file':
        void readTrace(decode(m.blob.stream()), m.file).catch(fail);
        return;
      case 'trace-url':
        void fetch(m.url).then((res) => {
          if (!res.ok || res.body === null) throw new Error(`could not load ${m.file}: HTTP ${res.status}`);
          return readTrace(decode(res.body), m.file);
        }).catch(fail);
        return;
      case 'layers': {
        const f = frames.get(m.uid);
        post({ type: 'layers', uid: m.uid, layers: f ? frameLayers(f) : null });
        return;
      }
    }
  } catch (err) {
    fail(err);
  }
};

function fail(err: unknown): void {
  post({ type: 'error', message: `internal error: ${(err as Error).message ?? String(err)}` });
}
