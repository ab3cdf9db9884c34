import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * 8 lower-case base-36 characters: short enough to type in a URL, and (with the `.acehub` suffix) a valid
 * XMLTV channel id, which allows only letters, digits and dashes.
 */
export function newId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = Array.from(randomBytes(8), (b) => ALPHABET[b % 36]).join('');
    if (!taken(id)) return id;
  }
}

export const isChannelId = (value: string) => /^[A-Za-z0-9_-]{1,32}$/.test(value);
