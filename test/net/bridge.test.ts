import { describe, expect, it } from 'vitest';
import { BridgeDevice } from '../../src/net/l2/bridge.js';
import { Cable } from '../../src/net/link/cable.js';
import { PhysicalNic } from '../../src/net/dev/physical-nic.js';
import { PhysicalSwitch } from '../../src/net/l2/switch.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { SECOND } from '../../src/engine/time.js';
import { newNetwork, rawFrame, Recorder } from './helpers.js';

/** A bridge with three NIC ports, each cabled to a recorder standing for the far end. */
function bridgeWithThreePorts() {
  const { net, records } = newNetwork();
  const br = new BridgeDevice(net, 'h', 'br0', 0x020000000100, 2);
  br.up = true;
  const far: Recorder[] = [];
  const nics: PhysicalNic[] = [];
  for (let i = 0; i < 3; i++) {
    const nic = new PhysicalNic(net, 'h', `eth${i}`, 0x020000000001 + i, 3 + i);
    nic.up = true;
    const r = new Recorder(net, `peer${i}`);
    // cable the NIC: the NIC sends into a pipe toward the recorder
    const link = new Cable(net, nic, { ...r, cable: null, receive: (f: never) => r.receive(f) } as never, { rate: 1e9, delay: 0, queueFrames: 100, queueBytes: null });
    void link;
    br.enslave(nic);
    far.push(r);
    nics.push(nic);
  }
  return { net, records, br, far, nics };
}

describe('Linux bridge', () => {
  it('floods an unknown destination to every other port, never back out of the ingress port', () => {
    const { net, br, far, nics } = bridgeWithThreePorts();
    nics[0]!.receive(rawFrame(net, 0xa, 0xb));
    net.engine.run();
    expect(far.map((r) => r.got.length)).toEqual([0, 1, 1]);
    expect(br.forwarder.fdb.lookup(0, 0xa, net.now)?.port.dev).toBe(nics[0]);
  });

  it('learns the source and then forwards to that port only', () => {
    const { net, far, nics, records } = bridgeWithThreePorts();
    nics[1]!.receive(rawFrame(net, 0xb, 0xa)); // b is behind port 1; a unknown: flood
    nics[0]!.receive(rawFrame(net, 0xa, 0xb)); // b known: only port 1
    net.engine.run();
    expect(far.map((r) => r.got.length)).toEqual([1, 1, 1]);
    expect(records.filter((r) => r.kind === 'learn').map((r) => (r as Extract<TraceRecord, { kind: 'learn' }>).port.name)).toEqual(['h/eth1', 'h/eth0']);
  });

  it('forgets a station after the ageing time, then floods again', () => {
    const { net, br, far, nics } = bridgeWithThreePorts();
    br.forwarder.fdb.ageingNs = 10 * SECOND;
    nics[1]!.receive(rawFrame(net, 0xb, 0xa));
    net.engine.run();
    net.engine.run({ until: 11 * SECOND });
    nics[0]!.receive(rawFrame(net, 0xa, 0xb));
    net.engine.run();
    // the second frame was flooded to ports 1 and 2 because b had aged out
    expect(far.map((r) => r.got.length)).toEqual([1, 1, 2]);
  });

  it('drops everything while the bridge is down', () => {
    const { net, br, far, nics } = bridgeWithThreePorts();
    br.up = false;
    nics[0]!.receive(rawFrame(net, 0xa));
    net.engine.run();
    expect(far.every((r) => r.got.length === 0)).toBe(true);
    expect(net.ledger.dropsByReason.get('bridge-down')).toBe(1);
  });
});

describe('physical switch', () => {
  it('stops learning when the MAC table is full, and floods unicast to unlearned stations', () => {
    const { net } = newNetwork();
    const sw = new PhysicalSwitch(net, 'sw1', { ports: 3, macTableSize: 2, ageingNs: 300 * SECOND });
    const peers = [0, 1, 2].map((i) => new Recorder(net, `peer${i}`));
    sw.ports.forEach((p, i) => new Cable(net, p, { ...peers[i]!, cable: null, receive: (f: never) => peers[i]!.receive(f) } as never, { rate: 1e9, delay: 0, queueFrames: 100, queueBytes: null }));
    sw.ports[0]!.receive(rawFrame(net, 0x1, 0x9));
    sw.ports[0]!.receive(rawFrame(net, 0x2, 0x9));
    sw.ports[0]!.receive(rawFrame(net, 0x3, 0x9)); // table full: 0x3 not learned
    expect(sw.forwarder.fdb.size).toBe(2);
    sw.ports[1]!.receive(rawFrame(net, 0x8, 0x3)); // to the unlearned station: flooded
    sw.ports[1]!.receive(rawFrame(net, 0x8, 0x1)); // to a learned one: port 0 only
    net.engine.run();
    expect(peers.map((p) => p.got.length)).toEqual([2, 3, 4]);
  });
});
