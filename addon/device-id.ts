import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

// libhdhomerun's hdhomerun_discover_validate_device_id: clients may refuse an id whose checksum fails.
const CHECKSUM = [0xa, 0x5, 0xf, 0x6, 0x7, 0xc, 0x1, 0xb, 0x9, 0x2, 0x8, 0xd, 0x4, 0x3, 0xe, 0x0] as const;

const nibbles = (id: number) => [28, 24, 20, 16, 12, 8, 4, 0].map((shift) => (id >>> shift) & 0xf);

/** The XOR of the first seven checksum terms; the eighth (plain) nibble must equal it for a valid id. */
const partialChecksum = (id: number) =>
  nibbles(id).slice(0, 7).reduce((sum, n, i) => sum ^ (i % 2 === 0 ? CHECKSUM[n]! : n), 0);

export function isValidDeviceId(hex: string): boolean {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return false;
  const id = parseInt(hex, 16);
  return partialChecksum(id) === (id & 0xf);
}

export interface DeviceIdentity {
  /** 8 upper-case hex digits with a valid HDHomeRun checksum. */
  deviceId: string;
  /** The UPnP UDN without the `uuid:` prefix, shared by device.xml and SSDP. */
  uuid: string;
}

/**
 * Derived from the resolved DATA_DIR, storing nothing: Plex and Jellyfin key a tuner by DeviceID, so it must
 * survive restarts and container re-creation (a host name would not: Docker gives each container a new one),
 * while two instances with their own data folders on one machine still differ.
 */
export function deviceIdentity(dataDir: string): DeviceIdentity {
  const hash = createHash('sha256').update(`acehub:${resolve(dataDir)}`).digest('hex');
  const head = parseInt(hash.slice(0, 7), 16) << 4;
  const id = (head | partialChecksum(head)) >>> 0;
  const u = hash.slice(8, 40);
  // Shaped as a name-based (version 5) UUID so strict UPnP stacks accept it.
  const variant = ((parseInt(u[16]!, 16) & 0x3) | 0x8).toString(16);
  return {
    deviceId: id.toString(16).toUpperCase().padStart(8, '0'),
    uuid: `${u.slice(0, 8)}-${u.slice(8, 12)}-5${u.slice(13, 16)}-${variant}${u.slice(17, 20)}-${u.slice(20, 32)}`,
  };
}
