import { parseArgs } from 'node:util';

/** Every setting, readable from the environment (`PORT`) or a flag (`--port`); flags win. */
export interface Config {
  port: number;
  host: string;
  /** One or more engines; new sessions go to the healthy one with the fewest. */
  engineUrls: string[];
  dataDir: string;
  publicUrl: string | undefined;
  idleTimeoutS: number;
  logLevel: LogLevel;
  engineStartTimeoutS: number;
  maxStreams: number;
  epgRefreshHours: number;
  epgDays: number;
  playlistRefreshHours: number;
  ssdp: boolean;
  adminToken: string | undefined;
  accessKey: string | undefined;
  maxBodyMb: number;
  allowLocalSources: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

interface Option<K extends keyof Config> {
  key: K;
  env: string;
  help: string;
  default: string | undefined;
  parse: (raw: string) => Config[K];
}

export class ConfigError extends Error {}

const integer = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) throw new ConfigError(`must be a whole number from ${min} to ${max}`);
  return n;
};

const number = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new ConfigError(`must be a number from ${min} to ${max}`);
  return n;
};

const httpUrl = (raw: string) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('must be an http:// or https:// URL');
  return url.href.replace(/\/+$/, '');
};

const flag = (raw: string) => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new ConfigError('must be 1 or 0');
};

const text = (raw: string) => {
  if (raw.trim() === '') throw new ConfigError('must not be empty');
  return raw.trim();
};

// Secrets are compared whole, and the access key is a URL path segment: only characters that need no escaping.
const secret = (pattern: RegExp, what: string) => (raw: string) => {
  const value = raw.trim();
  if (value.length < 8 || value.length > 200 || !pattern.test(value)) throw new ConfigError(`must be 8 to 200 ${what}`);
  return value;
};

const OPTIONS: { [K in keyof Config]: Option<K> } = {
  port: { key: 'port', env: 'PORT', default: '8080', help: 'HTTP port to listen on (0 picks a free one)', parse: integer(0, 65535) },
  host: { key: 'host', env: 'HOST', default: '0.0.0.0', help: 'address to listen on', parse: text },
  engineUrls: {
    key: 'engineUrls', env: 'ENGINE_URL', default: 'http://127.0.0.1:6878', help: 'Ace Stream engine HTTP API base URL; several, comma-separated, share the load',
    parse: (raw) => {
      const urls = raw.split(',').map((u) => u.trim()).filter(Boolean).map(httpUrl);
      if (urls.length === 0) throw new ConfigError('must name at least one engine URL');
      if (new Set(urls).size !== urls.length) throw new ConfigError('names the same engine twice');
      return urls;
    },
  },
  dataDir: { key: 'dataDir', env: 'DATA_DIR', default: './data', help: 'folder for the catalog database (db.json) and guide data', parse: text },
  publicUrl: { key: 'publicUrl', env: 'PUBLIC_URL', default: undefined, help: 'base URL for links in playlists and guides (default: from the request Host header)', parse: httpUrl },
  idleTimeoutS: { key: 'idleTimeoutS', env: 'IDLE_TIMEOUT_S', default: '20', help: 'seconds an engine session stays up after its last client has gone', parse: number(0, 86400) },
  logLevel: {
    key: 'logLevel', env: 'LOG_LEVEL', default: 'info', help: `log level: ${LOG_LEVELS.join(', ')}`,
    parse: (raw) => {
      const level = raw.trim().toLowerCase() as LogLevel;
      if (!LOG_LEVELS.includes(level)) throw new ConfigError(`must be one of ${LOG_LEVELS.join(', ')}`);
      return level;
    },
  },
  engineStartTimeoutS: { key: 'engineStartTimeoutS', env: 'ENGINE_START_TIMEOUT_S', default: '30', help: 'seconds to wait for the engine to start a stream (prebuffering included)', parse: number(1, 600) },
  maxStreams: { key: 'maxStreams', env: 'MAX_STREAMS', default: '4', help: 'engine sessions allowed at once (the tuner count)', parse: integer(1, 1000) },
  epgRefreshHours: { key: 'epgRefreshHours', env: 'EPG_REFRESH_HOURS', default: '12', help: 'hours between guide source refreshes (0 turns scheduling off)', parse: number(0, 24 * 30) },
  epgDays: { key: 'epgDays', env: 'EPG_DAYS', default: '7', help: 'days of guide data kept ahead of now', parse: number(1, 60) },
  playlistRefreshHours: { key: 'playlistRefreshHours', env: 'PLAYLIST_REFRESH_HOURS', default: '24', help: 'hours between playlist source refreshes (0 turns scheduling off)', parse: number(0, 24 * 30) },
  ssdp: { key: 'ssdp', env: 'SSDP', default: '0', help: 'announce the HDHomeRun tuner on the LAN by SSDP (UDP 1900; 1 on, 0 off)', parse: flag },
  adminToken: {
    key: 'adminToken', env: 'ADMIN_TOKEN', default: undefined, help: 'token every /api write (and the web UI, once) must send as "Authorization: Bearer <token>"',
    parse: secret(/^[\x21-\x7e]+$/, 'printable characters without spaces'),
  },
  accessKey: {
    key: 'accessKey', env: 'ACCESS_KEY', default: undefined, help: 'key playlist, guide, stream, add-on and tuner URLs must start with: /k/<key>/playlist.m3u',
    parse: secret(/^[A-Za-z0-9._~-]+$/, 'letters, digits, ".", "_", "~" or "-"'),
  },
  maxBodyMb: { key: 'maxBodyMb', env: 'MAX_BODY_MB', default: '10', help: 'largest request body accepted, in MB (an M3U upload, a JSON body)', parse: integer(1, 1000) },
  allowLocalSources: {
    key: 'allowLocalSources', env: 'ALLOW_LOCAL_SOURCES', default: '0',
    help: 'let playlist and guide sources point at this machine, link-local addresses or the engine (1 on, 0 off)', parse: flag,
  },
};

const flagName = (env: string) => env.toLowerCase().replace(/_/g, '-');

export function helpText(): string {
  const rows = Object.values(OPTIONS).map((o) => {
    const def = o.default === undefined ? '' : ` (default ${o.default})`;
    return `  --${flagName(o.env).padEnd(24)} ${o.env.padEnd(24)} ${o.help}${def}`;
  });
  return [
    'Usage: acehub [options]',
    '',
    'Every option can also be set with the environment variable shown; a flag wins over the variable.',
    '',
    `  ${'flag'.padEnd(26)} ${'variable'.padEnd(24)} meaning`,
    ...rows,
    `  --${'help'.padEnd(24)} ${''.padEnd(24)} print this help and exit`,
  ].join('\n');
}

/** Reads flags and environment; throws ConfigError naming the variable at the first invalid value. */
export function loadConfig(argv: string[] = [], env: NodeJS.ProcessEnv = process.env): Config {
  const flagOptions = Object.fromEntries(Object.values(OPTIONS).map((o) => [flagName(o.env), { type: 'string' as const }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: flagOptions, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const config: Partial<Record<keyof Config, unknown>> = {};
  for (const option of Object.values(OPTIONS) as Option<keyof Config>[]) {
    const flag = values[flagName(option.env)];
    const raw = typeof flag === 'string' ? flag : (env[option.env] ?? option.default);
    if (raw === undefined || (raw === '' && option.default === undefined)) {
      config[option.key] = undefined;
      continue;
    }
    try {
      config[option.key] = option.parse(raw);
    } catch (err) {
      throw new ConfigError(`${option.env} (--${flagName(option.env)}) ${(err as Error).message}; got "${raw}"`);
    }
  }
  return Object.freeze(config as Config);
}

/** A complete config for tests and tools: defaults, then the given values. */
export function configWith(overrides: Partial<Config>): Config {
  return Object.freeze({ ...loadConfig([], {}), ...overrides });
}
