import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../http/errors.js';

/** Where remote playlists and guides may come from. */
export interface SourcePolicy {
  /** ALLOW_LOCAL_SOURCES=1: this machine, link-local addresses and the engines become fetchable too. */
  allowLocal: boolean;
  /** The engines' base URLs: a source URL naming one would make acehub drive its own engine for a user. */
  engineUrls: readonly string[];
  /** Which addresses count as this machine; tests narrow it to keep every hop on loopback. */
  isLocal?: (address: string) => boolean;
}

// This machine (loopback, "any"), and link-local, where cloud metadata services answer (169.254.169.254).
// Private LAN ranges stay allowed: guides are often hosted on a NAS. BlockList also matches IPv4-mapped IPv6.
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('127.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4');
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addAddress('::1', 'ipv6');
FORBIDDEN.addAddress('::', 'ipv6');
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');

/** True for an address on this machine or link-local: never a source unless ALLOW_LOCAL_SOURCES=1. */
export function isLocalAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && FORBIDDEN.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export const sourceNotAllowed = (url: string, why: string) =>
  new AppError('SOURCE_NOT_ALLOWED', `${url.slice(0, 200)} ${why}: acehub does not fetch sources from this machine, link-local addresses or the engine unless ALLOW_LOCAL_SOURCES=1`, 400);

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();
const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

async function addressesOf(hostname: string): Promise<string[]> {
  const host = bareHost(hostname);
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return []; // an unresolvable host fails later, when it is fetched, with the resolver's own message
  }
}

/** Refuses (SOURCE_NOT_ALLOWED) a URL whose host resolves to this machine, link-local, or is an engine. Checked before each hop. */
export async function checkSourceAllowed(href: string, policy: SourcePolicy): Promise<void> {
  if (policy.allowLocal) return;
  const url = new URL(href);
  const addresses = await addressesOf(url.hostname);
  const local = addresses.find(policy.isLocal ?? isLocalAddress);
  if (local !== undefined) throw sourceNotAllowed(href, `points at ${local}`);
  for (const engine of policy.engineUrls) {
    const e = new URL(engine);
    if (portOf(e) !== portOf(url)) continue;
    const same = bareHost(e.hostname) === bareHost(url.hostname) || (await addressesOf(e.hostname)).some((a) => addresses.includes(a));
    if (same) throw sourceNotAllowed(href, 'is the Ace Stream engine');
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for the connection itself, so a name that resolved to a public address when checked cannot
 * resolve to 127.0.0.1 when connecting (DNS rebinding).
 */
export const guardedLookup = (isLocal: (address: string) => boolean = isLocalAddress) =>
  function lookupChecked(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const local = addresses.find((a) => isLocal(a.address));
      if (local) {
        const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${local.address}`);
        refused.code = 'SOURCE_NOT_ALLOWED';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
