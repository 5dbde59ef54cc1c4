/**
 * Loading a source through the simulator's Web Worker: starts one worker per source (running a
 * scenario or reading a trace from a URL, a file or pasted text), folds what it sends into the
 * loaded data (records chunk by chunk) and the UI store (progress, problems, errors, decoded frame
 * layers), and asks it to decode a frame's layers for the inspector. One worker at a time: a new
 * load ends the last one, and a message from an ended worker is ignored, so a slow old run can
 * never write into a newer source.
 */
import type { Report } from '../../../src/index.js';
import type { FromWorker, ToWorker } from '../model/protocol.js';
import { beginLoaded, finishLoaded, type Loaded } from './loaded.js';
import type { UiStore } from './state.js';

export type Source =
  | { kind: 'text'; text: string; file: string }
  | { kind: 'trace-url'; url: string; file: string }
  | { kind: 'trace-file'; blob: Blob; file: string }
  | { kind: 'trace-text'; text: string; file: string };

interface LoadEvents {
  /** The header is in: the topology can be drawn while records stream in. */
  begun(data: Loaded): void;
  /** Every record is in and derived; `grew`: the topology drawn changed since `begun`. */
  finished(data: Loaded, grew: boolean): void;
}

export class SourceLoader {
  /** What the current source gave so far (null until its header arrives). */
  data: Loaded | null = null;
  private worker: Worker | null = null;
  private started = 0;

  constructor(private readonly ui: UiStore, private readonly events: LoadEvents) {}

  load(src: Source): void {
    this.worker?.terminate();
    this.data = null;
    this.started = performance.now();
    const text = src.kind === 'text' ? src.text : null;
    this.ui.loading({ kind: src.kind === 'text' ? 'scenario' : 'trace', file: src.file, name: src.file, seed: 0, duration: 0 }, text);
    const w = new Worker('worker.js', { type: 'module' });
    this.worker = w;
    w.onmessage = (e: MessageEvent<FromWorker>) => { if (this.worker === w) this.onMessage(e.data); };
    w.onerror = (e) => { if (this.worker === w) this.ui.failed(`The simulator stopped: ${e.message}`); };
    let msg: ToWorker;
    switch (src.kind) {
      case 'text': msg = { type: 'run', text: src.text, file: src.file }; break;
      case 'trace-url': msg = { type: 'trace-url', url: new URL(src.url, location.href).href, file: src.file }; break;
      case 'trace-file': msg = { type: 'trace-file', blob: src.blob, file: src.file }; break;
      case 'trace-text': msg = { type: 'trace-text', text: src.text, file: src.file }; break;
    }
    w.postMessage(msg);
  }

  /** Asks the simulator for frame `uid`'s layers, unless they are in (a trace's come from its text). */
  requestLayers(uid: number): void {
    if (this.data?.meta.kind === 'scenario' && this.ui.state.frameLayers[uid] === undefined) this.worker?.postMessage({ type: 'layers', uid } satisfies ToWorker);
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'problems':
        this.ui.problemsFound(m.problems);
        return;
      case 'error':
        this.ui.failed(m.message);
        return;
      case 'begin':
        this.data = beginLoaded(m.meta, m.topology);
        this.events.begun(this.data);
        this.ui.begun(m.meta);
        return;
      case 'chunk':
        this.data?.store.append(m.chunk);
        return;
      case 'progress':
        this.ui.progressed(m.t, m.records);
        return;
      case 'done':
        this.finish(m.report);
        return;
      case 'layers':
        this.ui.frameLayersArrived(m.uid, m.layers);
        return;
    }
  }

  private finish(report: Report | null): void {
    const data = this.data;
    if (!data) return;
    const grew = finishLoaded(data, report);
    data.timings.loadMs = performance.now() - this.started;
    this.events.finished(data, grew);
  }
}
