// Structured JSON logs. Secrets and anything that could carry health data are redacted by path, and
// domain code logs ids and counts, never content.
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'medconnect' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.otp',
        '*.privateKey',
        '*.masterKey',
        '*.resource',
        '*.body',
      ],
      censor: '[redacted]',
    },
  });
}
