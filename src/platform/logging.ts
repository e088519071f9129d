import pino, { type Logger } from 'pino';

/**
 * Logs never carry personal data or secrets (issue #2, point 9): these paths are censored wherever
 * they appear, and request bodies are never logged. Messages themselves must not interpolate
 * emails or names; log ids instead.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.email',
  '*.to',
  '*.phone',
  '*.iban',
  '*.bankAccount',
  '*.accountNumber',
  '*.dateOfBirth',
  'password',
  'token',
  'email',
  'to',
  'phone',
  'iban',
  'bankAccount',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (request: { method?: string; url?: string; id?: string }) => ({
          method: request.method,
          // One-time links carry their secret in the query or (signing links, JPF-COND-9) in the path.
          url: request.url
            ?.replace(/([?&]token=)[^&]+/g, '$1[redacted]')
            .replace(/^(\/sign\/)[^/?#]+/, '$1[redacted]')
            .replace(/(%2Fsign%2F)[^&#]+/gi, '$1[redacted]'),
          id: request.id,
        }),
      },
    },
    destination,
  );
}
