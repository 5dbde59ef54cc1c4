/**
 * Moving the shown time: play and pause, one record forward or back, one hop (played over a fixed
 * wall time), jumps (scrubber, go-to box, start, end) and the speed. Time and cursor always agree:
 * the first `cursor` records are those at or before `time` (a step may stop between records of
 * the same time), and the store's network state is the replay at `cursor`. Simulated time is whole
 * nanoseconds; while playing, the fraction of a nanosecond a frame did not use carries over.
 */
import { framesInFlight } from '../model/inflight.js';
import { K_RX } from '../model/kinds.js';
import { endTimeOf, type Loaded } from './loaded.js';
import { speedOf, type UiStore } from './state.js';

/** Wall seconds a hop takes. */
const HOP_WALL_S = 0.6;

export class Transport {
  /** Wall time of the last animation frame (ms): how far play moves in the next one. */
  private lastWall = 0;
  /** Simulated ns not yet played (below one), carried to the next animation frame. */
  private timeFrac = 0;

  constructor(private readonly ui: UiStore, private readonly loaded: () => Loaded | null, private readonly reveal: (i: number) => void) {}

  get endTime(): number {
    return endTimeOf(this.loaded());
  }

  private ready(): boolean {
    return this.loaded()?.done === true;
  }

  /** Moves to (time, cursor): the first `cursor` records have happened by `time`. */
  private moveTo(time: number, cursor: number, stop: boolean, endHop = false): void {
    const replay = this.loaded()?.replay;
    if (!replay) return;
    this.ui.moveTo(time, cursor, replay.move(this.ui.state.net, cursor), stop, endHop);
  }

  /** Jumps to a simulated time (scrubber, go-to box): everything at or before it has happened. */
  seek(time: number): void {
    const data = this.loaded();
    if (!data?.replay) return;
    const t = Math.max(0, Math.min(this.endTime, Math.round(time)));
    const cursor = data.store.upperBound(t);
    this.ui.moveTo(t, cursor, data.replay.stateAt(cursor), true, true);
  }

  play(): void {
    if (!this.ready()) return;
    if (this.ui.state.time >= this.endTime) this.seek(0);
    this.lastWall = performance.now();
    this.ui.play();
  }

  pause(): void {
    this.ui.pause();
  }

  togglePlay(): void {
    if (this.ui.state.playing) this.pause();
    else this.play();
  }

  /** One record forward. */
  stepEvent(): void {
    const s = this.loaded()?.store;
    if (!s || !this.ready()) return;
    const c = this.ui.state.cursor;
    if (c >= s.n) { this.moveTo(this.endTime, s.n, true); return; }
    this.moveTo(Math.max(this.ui.state.time, s.t[c]!), c + 1, true, true);
    this.revealCurrent();
  }

  /** One record back. */
  stepBack(): void {
    const data = this.loaded();
    if (!data?.replay || !this.ready()) return;
    const s = data.store, c = this.ui.state.cursor;
    if (c <= 0) { this.seek(0); return; }
    const time = c - 2 >= 0 ? s.t[c - 2]! : 0;
    this.ui.moveTo(time, c - 1, data.replay.stateAt(c - 1), true, true);
    this.revealCurrent();
  }

  /** Plays until the next frame arrives at the end of its hop, then stops there. */
  stepHop(): void {
    const s = this.loaded()?.store;
    if (!s || !this.ready()) return;
    let i = this.ui.state.cursor;
    while (i < s.n && s.kind[i] !== K_RX) i++;
    if (i >= s.n) { this.moveTo(this.endTime, s.n, true); return; }
    this.ui.startHop({ from: this.ui.state.time, to: s.t[i]!, cursor: i + 1, wall: performance.now() });
  }

  toStart(): void { this.seek(0); }

  toEnd(): void { this.seek(this.endTime); }

  /** Just after record `i` (the frame inspector's "go"), shown in the event list. */
  toRecord(i: number): void {
    const s = this.loaded()?.store;
    if (!s) return;
    this.seek(s.t[i]!);
    this.moveTo(s.t[i]!, i + 1, true);
    this.revealCurrent();
  }

  setSpeedExp(v: number): void {
    this.ui.setSpeedExp(v);
  }

  private revealCurrent(): void {
    const c = this.ui.state.cursor;
    if (c > 0) this.reveal(c - 1);
  }

  /** One animation frame at wall time `now` (ms): a hop or play moves time on. */
  advance(now: number): void {
    const s = this.ui.state;
    const data = this.loaded();
    const dt = Math.min(0.25, Math.max(0, (now - this.lastWall) / 1000));
    this.lastWall = now;
    if (!data?.done) return;
    const h = s.hop;
    if (h) {
      const f = Math.min(1, (now - h.wall) / 1000 / HOP_WALL_S);
      if (f >= 1) {
        this.moveTo(h.to, h.cursor, true, true);
        this.revealCurrent();
      } else {
        const time = Math.floor(h.from + (h.to - h.from) * f);
        this.moveTo(time, Math.max(s.cursor, Math.min(h.cursor - 1, data.store.upperBound(time))), true);
      }
    } else if (s.playing) {
      const speed = speedOf(s);
      this.timeFrac += speed * dt;
      const step = Math.floor(this.timeFrac);
      this.timeFrac -= step;
      let time = s.time + step;
      const store = data.store;
      if (s.skipIdle && framesInFlight(store, s.cursor, s.time).length === 0) {
        const next = s.cursor < store.n ? store.t[s.cursor]! : Infinity;
        if (next > time && next !== Infinity) time = Math.max(time, Math.floor(next - speed * 0.3));
      }
      const end = this.endTime;
      if (time >= end) this.moveTo(end, store.n, true);
      else this.moveTo(time, Math.max(s.cursor, store.upperBound(time)), false);
    }
  }
}
