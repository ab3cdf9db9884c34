import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

export type Logger = PinoLogger;

/** One structured JSON logger for the process; pass it down and use `log.child({ ... })` for ids. */
export function createLogger(level: LevelWithSilent, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
