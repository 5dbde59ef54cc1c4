/**
 * The hypervisor hop: the path between a guest's virtual NIC and its TAP on the host, which is the
 * qemu process copying frames through /dev/net/tun. One pipe each way, with no serialization (the
 * copy is not limited by a line rate, and a memory copy has no preamble, FCS or inter-frame gap:
 * the pipe's infinite rate keeps the Ethernet framing of cables off it) but with the process's
 * fixed latency and per-frame service time, and a drop-tail queue (the TAP's txqueuelen / the
 * virtio ring).
 *
 * Invariants: while the hop is attached, `nic.toHost` is `toHost` and `tap.toGuest` is `toGuest`;
 * `detach` clears both (the VM stopped: the TAP loses carrier), after which the hop is never
 * attached again (a resumed VM gets a new hop). The hop allocates no place id, so adding it to a
 * topology does not change any place's id.
 */
import type { RunContext } from '../core/run-context.js';
import { Pipe, type FrameReceiver, type PipeParams } from './pipe.js';

export interface HypervisorParams {
  /** Fixed latency of the hop (qemu waking up, copying through /dev/net/tun), ns. */
  readonly latency: number;
  /** Per-frame service time of the qemu process, ns: it caps the VM's frame rate. */
  readonly perFrameCost: number;
  /** Frames that may wait in each direction (the TAP's txqueuelen / the virtio ring). */
  readonly queue: number;
}

/** The guest's end: its virtual NIC sends into `toHost`. */
export interface GuestEnd extends FrameReceiver {
  toHost: Pipe | null;
}

/** The host's end: the TAP sends into `toGuest`, and has carrier while a hop is attached. */
export interface HostEnd extends FrameReceiver {
  toGuest: Pipe | null;
  linkChanged(): void;
}

export class HypervisorHop {
  readonly toHost: Pipe;
  readonly toGuest: Pipe;

  // The ends are not kept: they are the pipes' `from` and `to` (one object of two fields per VM).
  constructor(ctx: RunContext, nic: GuestEnd, tap: HostEnd, hop: HypervisorParams) {
    const params = hopPipeParams(hop);
    this.toHost = new Pipe(ctx, nic, tap, params);
    this.toGuest = new Pipe(ctx, tap, nic, params);
    nic.toHost = this.toHost;
    tap.toGuest = this.toGuest;
    tap.linkChanged(); // the TAP has a peer now: carrier on
  }

  /** `vm1/eth0<->host1/tap0`. */
  get name(): string {
    return `${this.toHost.from.name}<->${this.toHost.to.name}`;
  }

  /** The VM stopped (a live migration's stop-and-copy): the TAP has no peer, the guest's frames go nowhere. */
  detach(): void {
    const tap = this.toGuest.from as HostEnd, nic = this.toHost.from as GuestEnd;
    tap.toGuest = null;
    tap.linkChanged();
    nic.toHost = null;
  }
}

/** One PipeParams per hypervisor setting, shared by every hop that uses it (both directions). */
const sharedHopParams = new WeakMap<HypervisorParams, PipeParams>();

function hopPipeParams(hop: HypervisorParams): PipeParams {
  let p = sharedHopParams.get(hop);
  if (p === undefined) {
    p = { rate: Infinity, delay: hop.latency, perFrame: hop.perFrameCost, queueFrames: hop.queue, queueBytes: null };
    sharedHopParams.set(hop, p);
  }
  return p;
}
