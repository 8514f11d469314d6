import { pino, type Logger } from 'pino';

export type { Logger };

// Secrets never reach a log line: tokens, keys, passwords and signature headers are censored wherever they appear.
export const REDACT_PATHS = [
  'token',
  'apiToken',
  'password',
  'secret',
  'webhookSecret',
  'consumerSecret',
  'apiKey',
  '*.token',
  '*.apiToken',
  '*.password',
  '*.secret',
  '*.webhookSecret',
  '*.consumerSecret',
  '*.apiKey',
  'headers.authorization',
  'headers.cookie',
  'headers["x-wc-webhook-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-wc-webhook-signature"]',
];

export function createLogger(opts: { level: string; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'belegfluss' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
