/** What show commands print reaches the report: start-up ones at 0, timeline ones when they ran. */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/render-report.js';
import { prepareScenario, runSimulation } from '../../src/index.js';

const TEXT = `name: show
duration: 3s
hosts:
  - name: host1
    nics: [eth0]
    vms:
      - { name: vm1, tap: tap0, ip: 10.0.0.1/24, mac: "52:54:00:00:00:01" }
      - { name: vm2, tap: tap1, ip: 10.0.0.2/24, mac: "52:54:00:00:00:02" }
    commands:
      - brctl addbr br0
      - brctl addif br0 tap0
      - brctl addif br0 tap1
      - ip link set br0 up
      - brctl showmacs br0
traffic:
  - ping: { from: vm1, to: vm2, count: 1, start: 1s }
timeline:
  - { at: 2s, host: host1, command: "bridge fdb show br br0" }
  - { at: 2500ms, host: host1, command: "brctl addbr br1" }
`;

describe('command output in the report', () => {
  const p = prepareScenario(TEXT, 'show.yaml');
  if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
  const report = runSimulation(p.sim, 'show.yaml');

  it('keeps what each command printed, with its time and host; silent commands leave nothing', () => {
    expect(report.commandOutputs.map((c) => [c.t, c.host, c.line])).toEqual([
      [0, 'host1', 'brctl showmacs br0'],
      [2e9, 'host1', 'bridge fdb show br br0'],
    ]);
    // At start-up nothing was learned yet: only the TAPs' own (local) entries.
    expect(report.commandOutputs[0]!.output.split('\n').filter((l) => /\tno\t/.test(l))).toEqual([]);
    expect(report.commandOutputs[0]!.output.split('\n').filter((l) => /\tyes\t/.test(l))).toHaveLength(2);
    // At 2 s both VMs were learned from the ping at 1 s.
    const learned = report.commandOutputs[1]!.output.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.includes('permanent'));
    expect(learned).toEqual(['52:54:00:00:00:01 dev tap0 master br0', '52:54:00:00:00:02 dev tap1 master br0']);
  });

  it('prints them in the human report as at a root prompt, the output indented', () => {
    const text = renderReport(report);
    const section = text.slice(text.indexOf('command output'), text.indexOf('\n\n', text.indexOf('command output')));
    expect(section.split('\n').slice(0, 2)).toEqual(['command output', '  0.000000000 host1# brctl showmacs br0']);
    expect(section).toContain('  2.000000000 host1# bridge fdb show br br0\n    52:54:00:00:00:01 dev tap0 master br0');
  });
});

describe('which outputs the report keeps', () => {
  it('keeps what show commands print, not the confirmations of commands that change something', () => {
    const text = TEXT.replace('      - brctl showmacs br0\n', '      - vconfig add eth0 100\n      - sysctl -w net.ipv4.ip_forward=1\n      - sysctl net.ipv4.ip_forward\n');
    const p = prepareScenario(text, 'show.yaml');
    if (!p.ok) throw new Error(p.problems.map((x) => x.message).join('\n'));
    const r = runSimulation(p.sim, 'show.yaml');
    expect(r.commandOutputs.map((c) => [c.line, c.output])).toEqual([
      ['sysctl net.ipv4.ip_forward', 'net.ipv4.ip_forward = 1\n'],
      ['bridge fdb show br br0', expect.stringContaining('dev tap0 master br0')],
    ]);
  });
});
