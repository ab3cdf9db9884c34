import { contentRef, isHex40, type ContentRef } from '../engine/content-ref.js';
import { validation } from '../http/errors.js';
import { parseAceSource } from './ace-url.js';

/** The user-editable part of a channel, validated. */
export interface ChannelFields {
  name: string;
  ref: ContentRef;
  group: string | null;
  logo: string | null;
  tvgId: string | null;
  number: number | null;
  enabled: boolean;
}

type Result<T> = { value: T } | { error: string };
type Check<T> = (value: unknown) => Result<T>;
const CONTROL = /[\u0000-\u001f\u007f]/g; // eslint-disable-line no-control-regex

export const cleanText = (value: string) => value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();

const text = (max: number, required: boolean): Check<string | null> => (value) => {
  if ((value === null || value === undefined) && !required) return { value: null };
  if (typeof value !== 'string') return { error: 'must be a string' };
  const cleaned = cleanText(value);
  if (cleaned === '') return required ? { error: 'must not be empty' } : { value: null };
  return cleaned.length > max ? { error: `must be at most ${max} characters` } : { value: cleaned };
};

const refine = <T>(check: Check<T | null>, test: (v: T) => string | null): Check<T | null> => (value) => {
  const r = check(value);
  if ('error' in r || r.value === null) return r;
  const error = test(r.value);
  return error ? { error } : r;
};

export const checkName = text(200, true);
export const checkGroup = text(100, false);
export const checkLogo = refine(text(2000, false), (v) => (/^https?:\/\/[^\s"]+$/i.test(v) ? null : 'must be an http:// or https:// URL'));
// The playlist cannot escape quotes or commas, so a tvg-id holding one would never match the guide.
export const checkTvgId = refine(text(200, false), (v) => (/[",]/.test(v) ? 'must not contain quotes or commas' : null));

export const checkNumber: Check<number | null> = (value) => {
  if (value === null || value === undefined || value === '') return { value: null };
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99999 ? { value: n } : { error: 'must be a whole number from 1 to 99999' };
};

const checkEnabled: Check<boolean> = (value) => (typeof value === 'boolean' ? { value } : { error: 'must be true or false' });

function checkSource(body: Record<string, unknown>, fields: Record<string, string>): ContentRef | undefined {
  const given = (['contentId', 'infohash', 'url'] as const).filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length > 1) {
    for (const k of given) fields[k] = 'give only one of contentId, infohash, url';
    return undefined;
  }
  const key = given[0];
  if (key === undefined) return undefined;
  const value = body[key];
  if (typeof value !== 'string') {
    fields[key] = 'must be a string';
    return undefined;
  }
  if (key === 'url') {
    const source = parseAceSource(value);
    if (source.ok) return source.ref;
    fields.url = source.reason;
    return undefined;
  }
  if (!isHex40(value.trim())) {
    fields[key] = 'must be 40 hex characters';
    return undefined;
  }
  return contentRef(key === 'contentId' ? 'content_id' : 'infohash', value.trim());
}

/** Validates a PATCH body (or, with `create`, a POST body); throws one VALIDATION error listing every bad field. */
export function validateChannelInput(body: unknown, mode: 'create' | 'patch'): Partial<ChannelFields> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validation({ body: 'must be a JSON object' });
  const input = body as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const out: Partial<ChannelFields> = {};
  const checks: [keyof ChannelFields, Check<unknown>][] = [
    ['name', checkName], ['group', checkGroup], ['logo', checkLogo], ['tvgId', checkTvgId], ['number', checkNumber], ['enabled', checkEnabled],
  ];
  for (const [key, check] of checks) {
    if (input[key] === undefined && !(mode === 'create' && key === 'name')) continue;
    const result = check(input[key]);
    if ('error' in result) fields[key] = result.error;
    else (out as Record<string, unknown>)[key] = result.value;
  }
  const ref = checkSource(input, fields);
  if (ref) out.ref = ref;
  else if (mode === 'create' && !fields.contentId && !fields.infohash && !fields.url) fields.contentId = 'one of contentId, infohash or url is required';
  if (Object.keys(fields).length > 0) throw validation(fields);
  return out;
}
