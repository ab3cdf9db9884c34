const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2}):?(\d{2})|Z|UTC|GMT)?$/i;

/** XMLTV times: `YYYYMMDDhhmmss ±hhmm`, any trailing part may be missing; a time without zone is UTC (DTD). */
export function parseXmltvTime(value: string | undefined): number | null {
  const m = value === undefined ? null : TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', sign, zh = '0', zm = '0'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  const offset = (Number(zh) * 60 + Number(zm)) * 60_000;
  return sign === '-' ? utc + offset : utc - offset;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Always written in UTC with an explicit zone, so no client has to guess. */
export function formatXmltvTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())} +0000`;
}
