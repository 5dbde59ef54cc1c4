/** Scenario texts the benchmark generates (the bridged data centre at any size). */

export function bridgedDatacenter(hosts: number, vmsPerHost: number, opts: { ping: boolean; rate?: string } = { ping: true }): string {
  const lines: string[] = [
    `name: bridged-datacenter-${hosts}x${vmsPerHost}`,
    'seed: 1',
    'duration: 30s',
    'eventBudget: 500000000',
    `defaults: { link: { rate: ${opts.rate ?? '1Gbps'}, delay: 5us, queue: 1000 } }`,
    `switches: [ { name: sw1, ports: ${hosts} } ]`,
    'hosts:',
  ];
  let n = 0;
  for (let h = 1; h <= hosts; h++) {
    lines.push(`  - name: host${h}`, '    nics: [eth0]', '    commands:', '      - brctl addbr br0', '      - brctl addif br0 eth0');
    for (let v = 0; v < vmsPerHost; v++) lines.push(`      - brctl addif br0 tap${v}`);
    lines.push('      - ip link set br0 up', '    vms:');
    for (let v = 0; v < vmsPerHost; v++) {
      n++;
      lines.push(`      - { name: vm${n}, tap: tap${v}, ip: 10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}/8 }`);
    }
  }
  lines.push('links:');
  for (let h = 1; h <= hosts; h++) lines.push(`  - { a: host${h}/eth0, b: sw1/p${h} }`);
  if (opts.ping) lines.push('traffic:', '  - ping: { from: "*", to: "*", count: 1, start: 1s, stagger: 20us }');
  return lines.join('\n') + '\n';
}
