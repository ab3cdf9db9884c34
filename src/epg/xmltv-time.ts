const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2}):?(\d{2})|Z|UTC|GMT)?$/i;

/** `count` decimal digits of `value` from `at`, or -1 when one is not a digit. */
function digits(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function toEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, sign: string | undefined, zh: number, zm: number): number | null {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(utc) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const offset = (zh * 60 + zm) * 60_000;
  return sign === '-' ? utc + offset : utc - offset;
}

/** XMLTV times: `YYYYMMDDhhmmss ±hhmm`, any trailing part may be missing; a time without zone is UTC (DTD). */
export function parseXmltvTime(value: string | undefined): number | null {
  if (value === undefined) return null;
  // Nearly every guide writes the full form: read it by character codes, twice per programme, without a regex.
  if (value.length === 20 && value.charCodeAt(14) === 32 && (value[15] === '+' || value[15] === '-')) {
    const date = digits(value, 0, 8);
    const time = digits(value, 8, 6);
    const zone = digits(value, 16, 4);
    if (date >= 0 && time >= 0 && zone >= 0) {
      const [y, mo, d, h, mi, s] = [Math.floor(date / 10_000), Math.floor(date / 100) % 100, date % 100, Math.floor(time / 10_000), Math.floor(time / 100) % 100, time % 100];
      return toEpoch(y, mo, d, h, mi, s, value[15], Math.floor(zone / 100), zone % 100);
    }
  }
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', sign, zh = '0', zm = '0'] = m;
  return toEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), sign, Number(zh), Number(zm));
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Always written in UTC with an explicit zone, so no client has to guess. */
export function formatXmltvTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())} +0000`;
}
