/** Devices made, deleted, enslaved and released while the run goes on are traced (the visualizer follows them). */
import { describe, expect, it } from 'vitest';
import { prepareScenario, runSimulation, type TraceRecord } from '../../src/index.js';

const TEXT = `name: netdev
duration: 10s
hosts:
  - name: host1
    nics: [eth0]
    commands:
      - brctl addbr br0
      - brctl addif br0 eth0
timeline:
  - { at: 1s, host: host1, command: "brctl addbr br1" }
  - { at: 2s, host: host1, command: "vconfig add eth0 100" }
  - { at: 3s, host: host1, command: "brctl delif br0 eth0" }
  - { at: 4s, host: host1, command: "brctl addif br1 eth0.100" }
  - { at: 5s, host: host1, command: "ip tuntap add tap5 mode tap" }
  - { at: 6s, host: host1, command: "ip link set tap5 master br1" }
  - { at: 7s, host: host1, command: "ip link del br1" }
`;

function netdevRecords(text: string): string[] {
  const p = prepareScenario(text, 'netdev.yaml');
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
  const out: string[] = [];
  runSimulation(p.sim, 'netdev.yaml', { sinks: [{ record: (r: TraceRecord) => {
    if (r.kind === 'netdev') out.push(`${r.t / 1e9} ${r.host.name} ${r.event} ${r.at.name} ${r.type}${r.peer ? ` ${r.peer.name}` : ''}`);
  } }] });
  return out;
}

describe('netdev trace records', () => {
  it('follow every device change the timeline makes, and none of the start-up ones', () => {
    expect(netdevRecords(TEXT)).toEqual([
      '1 host1 added host1/br1 bridge',
      '2 host1 added host1/eth0.100 vlan host1/eth0',
      '3 host1 released host1/eth0 nic host1/br0',
      '4 host1 enslaved host1/eth0.100 vlan host1/br1',
      '5 host1 added host1/tap5 tap',
      '6 host1 enslaved host1/tap5 tap host1/br1',
      // Deleting a bridge releases its ports first.
      '7 host1 released host1/eth0.100 vlan host1/br1',
      '7 host1 released host1/tap5 tap host1/br1',
      '7 host1 removed host1/br1 bridge',
    ]);
  });
});
