/** IEEE 802.1D BPDUs behind 802.3 length and LLC: bytes, parsing, description. */
import { describe, expect, it } from 'vitest';
import { formatBridgeId } from '../../src/wire/bpdu.js';
import { describeFrame, encodeFrame } from '../../src/wire/ethernet.js';
import { configBpdu, errorOf, hexBytes, parsed, stpFrame, tcnBpdu, toHex, zeros } from './fixtures.js';

const CONFIG_BPDU_BYTES = '01 80 c2 00 00 00 aa bb cc dd ee 02 00 26 42 42 03'
  + ' 00 00 00 00 00' // protocol id, version, type, flags
  + ' 80 00 aa bb cc dd ee 01 00 00 00 04 80 00 aa bb cc dd ee 02 80 01' // root, cost, bridge, port
  + ' 01 00 14 00 02 00 0f 00' // message age 1 s, max age 20 s, hello 2 s, forward delay 15 s
  + zeros(8);
const TCN_BYTES = '01 80 c2 00 00 00 aa bb cc dd ee 02 00 07 42 42 03 00 00 00 80' + zeros(39);

describe('BPDU emit', () => {
  it('STP configuration BPDU: 802.3 length, LLC, IEEE 802.1D 9.3.1 fields', () => {
    expect(toHex(encodeFrame(stpFrame()))).toBe(toHex(hexBytes(CONFIG_BPDU_BYTES)));
  });

  it('STP topology change notification BPDU is 4 bytes', () => {
    expect(toHex(encodeFrame(stpFrame(tcnBpdu())))).toBe(toHex(hexBytes(TCN_BYTES)));
  });
});

describe('BPDU parse', () => {
  it('reads a configuration BPDU and a TCN from their bytes', () => {
    expect(parsed(CONFIG_BPDU_BYTES)).toEqual(stpFrame());
    expect(parsed(TCN_BYTES)).toEqual(stpFrame(tcnBpdu()));
  });

  it('BPDUs other than 802.1D', () => {
    const b = encodeFrame(stpFrame());
    b[20] = 0x02; // RST BPDU
    expect(errorOf(b)).toBe('BPDU type 0x02 is not supported (only 802.1D configuration 0x00 and TCN 0x80)');
    const c = encodeFrame(stpFrame());
    c[17] = 0x01;
    expect(errorOf(c)).toBe('BPDU protocol identifier 0x0100 != 0x0000');
    const d = encodeFrame(stpFrame());
    d[13] = 20; // 802.3 length 20 < 3 + 35
    expect(errorOf(d)).toBe('truncated configuration BPDU: needs 35 bytes, 17 left');
  });
});

describe('BPDU describe', () => {
  it('STP', () => {
    expect(describeFrame(stpFrame())).toBe('aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP conf root 8000.aa:bb:cc:dd:ee:01'
      + ' cost 4 port 0x8001 bridge 8000.aa:bb:cc:dd:ee:02');
    expect(describeFrame(stpFrame(configBpdu(0x81)))).toMatch(/ tc tca$/);
    expect(describeFrame(stpFrame(tcnBpdu()))).toBe('aa:bb:cc:dd:ee:02 > 01:80:c2:00:00:00 STP tcn');
    expect(formatBridgeId(0x8064, 0x0000000000ff)).toBe('8064.00:00:00:00:00:ff');
  });
});
