/**
 * The pcap file an interface's frames go to. One-to-one, so two interfaces never write into one
 * file: `/` becomes `_`, letters, digits, `.` and `-` stay, and every other character (`_` itself
 * included) is written as `%` and its UTF-8 bytes in hex, as in a URL. So `host1/tap0` is
 * `host1_tap0.pcap`, while `h/x_eth0` and `h_x/eth0` are `h_x%5Feth0.pcap` and `h%5Fx_eth0.pcap`.
 */
const KEPT = /^[A-Za-z0-9.-]$/;
const utf8 = new TextEncoder();

export function pcapFileName(iface: string): string {
  let out = '';
  for (const ch of iface) {
    if (ch === '/') out += '_';
    else if (KEPT.test(ch)) out += ch;
    else for (const b of utf8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `${out}.pcap`;
}
