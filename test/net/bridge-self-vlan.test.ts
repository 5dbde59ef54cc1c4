/**
 * The bridge's own VLANs (`bridge vlan add dev br0 vid N [pvid] [untagged] self`): with VLAN
 * filtering on, the host's address on br0 lives in the VLANs the bridge itself is a member of,
 * either untagged on br0 (self PVID) or tagged through a VLAN device on it (br0.100).
 */
import { describe, expect, it } from 'vitest';
import { prepareScenario, runSimulation } from '../../src/index.js';

function run(hostCommands: string[]): Map<string, number> {
  const text = `
name: bridge-self-vlan
duration: 6s
hosts:
  - name: host1
    vms:
      - { name: red1, tenant: red, tap: tap0, ip: 10.0.0.1/24 }
      - { name: green1, tenant: green, tap: tap1, ip: 10.0.0.2/24 }
    commands:
      - brctl addbr br0
      - ip link set br0 type bridge vlan_filtering 1
      - brctl addif br0 tap0
      - brctl addif br0 tap1
      - bridge vlan add dev tap0 vid 100 pvid untagged
      - bridge vlan add dev tap1 vid 200 pvid untagged
${hostCommands.map((c) => `      - ${c}`).join('\n')}
traffic:
  - ping: { from: host1, to: [red1, green1], count: 2, start: 1s }
`;
  const p = prepareScenario(text, 'self.yaml');
  if (!p.ok) throw new Error(p.problems.map((x) => `${x.line}:${x.column} ${x.message}`).join('\n'));
  const report = runSimulation(p.sim, 'self.yaml');
  expect(report.frames.conserved).toBe(true);
  return new Map(report.pings.map((r) => [r.to, r.received]));
}

describe('a Linux bridge’s own VLANs (self)', () => {
  it('puts the host’s untagged address in the bridge’s PVID: it reaches only that VLAN', () => {
    const got = run([
      'bridge vlan add dev br0 vid 100 pvid untagged self',
      'bridge vlan del dev br0 vid 1 self',
      'ip addr add 10.0.0.254/24 dev br0',
      'ip link set br0 up',
    ]);
    expect(got.get('red1')).toBe(2);
    expect(got.get('green1')).toBe(0);
  });

  it('by default (PVID 1) the host reaches neither tenant’s VLAN', () => {
    const got = run(['ip addr add 10.0.0.254/24 dev br0', 'ip link set br0 up']);
    expect(got.get('red1')).toBe(0);
    expect(got.get('green1')).toBe(0);
  });

  it('sends and receives tagged through a VLAN device on the bridge (br0.200)', () => {
    const got = run([
      'bridge vlan add dev br0 vid 200 self',
      'ip link add link br0 name br0.200 type vlan id 200',
      'ip addr add 10.0.0.254/24 dev br0.200',
      'ip link set br0 up',
      'ip link set br0.200 up',
    ]);
    expect(got.get('green1')).toBe(2);
    expect(got.get('red1')).toBe(0);
  });
});
