import { describe, expect, it } from 'vitest';
import { deviceIdentity, isValidDeviceId } from './device-id.js';

describe('HDHomeRun device id', () => {
  it.each([
    // Worked by hand with libhdhomerun's table: 1 → 5, 0 → A, … the eighth nibble balances the XOR.
    { id: '1000000F', valid: true },
    { id: '10000008', valid: false },
    { id: '00000000', valid: true },
    { id: 'ABCDEF01', valid: true },
    { id: 'abcdef01', valid: true },
    { id: 'ABCDEF02', valid: false },
    { id: 'nothex!!', valid: false },
    { id: '1234567', valid: false },
  ])('$id valid: $valid', ({ id, valid }) => {
    expect(isValidDeviceId(id)).toBe(valid);
  });

  it('has exactly one valid last digit for any first seven', () => {
    for (const head of ['1000000', 'ABCDEF0', '0000000', 'FFFFFFF']) {
      const valid = [...'0123456789ABCDEF'].filter((d) => isValidDeviceId(head + d));
      expect(valid).toHaveLength(1);
    }
  });

  it('is stable for a data folder, differs between folders, and passes the checksum', () => {
    const a = deviceIdentity('/data');
    expect(deviceIdentity('/data')).toEqual(a);
    expect(deviceIdentity('/data/../data/')).toEqual(a);
    expect(deviceIdentity('/srv/acehub').deviceId).not.toBe(a.deviceId);
    expect(a.deviceId).toMatch(/^[0-9A-F]{8}$/);
    expect(isValidDeviceId(a.deviceId)).toBe(true);
    expect(a.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let i = 0; i < 50; i++) expect(isValidDeviceId(deviceIdentity(`/tmp/d${i}`).deviceId)).toBe(true);
  });
});
