/**
 * The spanning tree commands: brctl stp|setbridgeprio|setfd|sethello|setmaxage|setpathcost|
 * setportprio|showstp and `ip link ... type bridge stp_state|priority|forward_delay|hello_time|
 * max_age`, parsed as the real tools read them and refused with their words.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/linux/parse.js';
import type { Host } from '../../src/nodes/host.js';
import { testHost } from './host.js';
import { errorOf, outputOf } from './lines.js';

let k: Host;

/** Runs lines that must succeed. */
const run = (...lines: string[]): void => lines.forEach((line) => outputOf(k, line));

/** The error a line fails with. */
const error = (line: string): string | null => errorOf(k, line);

function op(line: string) {
  const p = parseCommand(line);
  if (!p.ok) throw new Error(p.message);
  return p.op;
}

beforeEach(() => {
  k = testHost().host;
  run('brctl addbr br0', 'brctl addif br0 eth0');
});

describe('parsing', () => {
  it('brctl reads times in seconds (kept to the centisecond) and integers as sscanf %i', () => {
    expect(op('brctl setfd br0 4')).toEqual({ kind: 'bridge-set', bridge: 'br0', options: { forwardDelayNs: 4e9 } });
    expect(op('brctl sethello br0 1.5')).toEqual({ kind: 'bridge-set', bridge: 'br0', options: { helloTimeNs: 1.5e9 } });
    expect(op('brctl setmaxage br0 12.345')).toEqual({ kind: 'bridge-set', bridge: 'br0', options: { maxAgeNs: 12.34e9 } });
    expect(op('brctl setbridgeprio br0 0x1000')).toEqual({ kind: 'bridge-set', bridge: 'br0', options: { priority: 4096 } });
    expect(op('brctl setbridgeprio br0 4096')).toEqual({ kind: 'bridge-set', bridge: 'br0', options: { priority: 4096 } });
    expect(op('brctl setpathcost br0 eth0 19')).toEqual({ kind: 'bridge-port-set', bridge: 'br0', port: 'eth0', options: { pathCost: 19 } });
    expect(op('brctl setportprio br0 eth0 010')).toEqual({ kind: 'bridge-port-set', bridge: 'br0', port: 'eth0', options: { priority: 8 } });
    expect(op('brctl showstp br0')).toEqual({ kind: 'show', what: { of: 'brctl-stp', bridge: 'br0' } });
  });

  it('brctl refuses values it cannot read, in its words', () => {
    expect(error('brctl setfd br0 soon')).toBe('bad forward delay value');
    expect(error('brctl sethello br0 x')).toBe('bad hello timer value');
    expect(error('brctl setmaxage br0 -3')).toBe('bad max age value');
    expect(error('brctl setbridgeprio br0 high')).toBe('bad priority');
    expect(error('brctl setpathcost br0 eth0 cheap')).toBe('bad path cost value');
    expect(error('brctl setportprio br0 eth0 x')).toBe('bad path priority value');
    expect(error('brctl setpathcost br0 eth0')).toBe('Incorrect number of arguments for command\nUsage: brctl setpathcost <bridge> <port> <cost>\tset path cost');
  });

  it('ip link takes the bridge timers in centiseconds (clock_t), priority as u16', () => {
    expect(op('ip link set br0 type bridge stp_state 1 priority 4096 forward_delay 400 hello_time 100 max_age 1200')).toMatchObject({
      kind: 'link-set', dev: 'br0', bridge: { stp: true, priority: 4096, forwardDelayNs: 4e9, helloTimeNs: 1e9, maxAgeNs: 12e9 },
    });
    expect(error('ip link set br0 type bridge priority 70000')).toBe('Error: argument "70000" is wrong: invalid priority');
    expect(error('ip link set br0 type bridge forward_delay 4s')).toBe('Error: argument "4s" is wrong: invalid forward_delay');
  });
});

describe('what the kernel accepts', () => {
  it('sets the bridge priority: brctl show prints the new bridge id', () => {
    run('brctl setbridgeprio br0 4096');
    expect(k.bridges()[0]!.bridgeId).toMatch(/^1000\./);
    run('ip link set br0 type bridge priority 0');
    expect(k.bridges()[0]!.bridgeId).toMatch(/^0000\./);
  });

  it('refuses timers outside the kernel\'s ranges with ERANGE', () => {
    expect(error('brctl sethello br0 0.5')).toBe('set hello timer failed: Numerical result out of range');
    expect(error('brctl setmaxage br0 41')).toBe('set max age failed: Numerical result out of range');
    // the forward delay is checked only while STP runs
    run('brctl setfd br0 1');
    run('brctl stp br0 on');
    expect(error('brctl setfd br0 1')).toBe('set forward delay failed: Numerical result out of range');
    expect(error('ip link set br0 type bridge forward_delay 3100')).toBe('RTNETLINK answers: Numerical result out of range');
  });

  it('port settings: range, and only for ports of that bridge', () => {
    run('brctl setpathcost br0 eth0 4', 'brctl setportprio br0 eth0 63');
    expect(error('brctl setportprio br0 eth0 64')).toBe('set port priority failed: Numerical result out of range');
    expect(error('brctl setpathcost br0 eth0 0')).toBe('set path cost failed: Numerical result out of range');
    expect(error('brctl setpathcost br0 eth9 4')).toBe('set path cost failed: No such device');
    run('ip tuntap add dev tap0 mode tap');
    expect(error('brctl setpathcost br0 tap0 4')).toBe('set path cost failed: Invalid argument');
    expect(error('brctl setfd br9 4')).toBe('set forward delay failed: No such device');
  });

  it('showstp of a missing bridge', () => {
    expect(error('brctl showstp br9')).toBe('br9: can\'t get info No such device');
    expect(error('brctl showstp eth0')).toBe('eth0: can\'t get info Operation not supported');
  });
});
