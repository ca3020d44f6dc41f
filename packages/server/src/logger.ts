// Structured JSON logs. Requests are logged by route pattern, secrets and anything that could carry
// health data are redacted by path, and domain code logs ids and counts, never content.
import pino, { type DestinationStream, type Logger } from 'pino';

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'medconnect' },
    serializers: {
      // The route pattern, never the raw URL: a path or query can carry whatever a client typed.
      req: (request: { method?: string; id?: string; routeOptions?: { url?: string } }) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
      }),
    },
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
  };
  return destination ? pino(options, destination) : pino(options);
}
