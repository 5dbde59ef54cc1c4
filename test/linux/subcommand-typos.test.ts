/**
 * A mistyped subcommand, object or name of a modelled tool: the tool's own refusal, then the
 * nearest word the tool knows when it is a likely typo, in the form a mistyped program gets.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/linux/parse.js';

function message(line: string): string {
  const r = parseCommand(line);
  if (r.ok) throw new Error(`expected ${line} to fail, got ${JSON.stringify(r.op)}`);
  return r.message;
}

describe('did you mean, per tool', () => {
  it.each([
    ['brctl adif br0 tap0', 'never heard of command [adif] (did you mean addif?)'],
    ['brctl addbt br0', 'never heard of command [addbt] (did you mean addbr?)'],
    ['brctl shwomacs br0', 'never heard of command [shwomacs] (did you mean showmacs?)'],
    ['brctl hairpni br0 tap0 on', 'never heard of command [hairpni] (did you mean hairpin?)'],
    ['ip lnik set eth0 up', 'Object "lnik" is unknown, try "ip help". (did you mean link?)'],
    ['ip link sett eth0 up', 'Command "sett" is unknown, try "ip link help". (did you mean set?)'],
    ['ip addr dd 10.0.0.1/24 dev eth0', 'Command "dd" is unknown, try "ip address help". (did you mean add?)'],
    ['ip route adn 10.1.0.0/16 via 10.0.0.1', 'Command "adn" is unknown, try "ip route help". (did you mean add?)'],
    ['ip neigh shwo', 'Command "shwo" is unknown, try "ip neigh help". (did you mean show?)'],
    ['ip tuntap dd dev tap0 mode tap', 'Command "dd" is unknown, try "ip tuntap help". (did you mean add?)'],
    ['bridge fbd show', 'Object "fbd" is unknown, try "bridge help". (did you mean fdb?)'],
    ['bridge vlna add dev tap0 vid 10', 'Object "vlna" is unknown, try "bridge help". (did you mean vlan?)'],
    ['bridge fdb shwo', 'Command "shwo" is unknown, try "bridge fdb help". (did you mean show?)'],
    ['bridge vlan adn dev tap0 vid 10', 'Command "adn" is unknown, try "bridge vlan help". (did you mean add?)'],
    ['iptables -t nat -A POSTROUTNG -j MASQUERADE', 'iptables: No chain/target/match by that name. (did you mean POSTROUTING?)'],
    ['iptables -t nat -A POSTROUTING -j MASQURADE', "iptables v1.8.9 (legacy): Couldn't load target `MASQURADE':No such file or directory (did you mean MASQUERADE?)"],
    ['iptables -t nat --apend POSTROUTING -j MASQUERADE', expect.stringMatching(/^iptables --apend: not supported by vnetsim yet \(supported: .*\) \(did you mean --append\?\)$/)],
  ])('%s', (line, expected) => {
    expect(message(line)).toEqual(expected);
  });

  it('a guess ends the first line, before the usage text the tool prints', () => {
    expect(message('vconfig ad eth0 100')).toMatch(/^Unknown command -:ad:- \(did you mean add\?\)\n\nUsage: add /);
  });

  it('no guess when nothing is close', () => {
    expect(message('brctl frob br0')).toBe('never heard of command [frob]');
    expect(message('ip frob')).toBe('Object "frob" is unknown, try "ip help".');
    expect(message('iptables -t nat -A FROB -j MASQUERADE')).toBe('iptables: No chain/target/match by that name.');
  });
});
