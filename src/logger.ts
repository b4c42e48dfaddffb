import { pino, type Logger } from 'pino'

export type { Logger }

// Redaction keeps tokens and secrets out of every log line, whichever subsystem logs them.
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-body-signature"]',
    'req.headers["x-hub-signature"]',
    '*.accessToken',
    '*.access_token',
    '*.token',
    '*.clientSecret',
    '*.client_secret',
    '*.password',
    'accessToken',
    'token',
  ],
  censor: '[redacted]',
}

export function createLogger(level: string): Logger {
  return pino({ level, redact, base: { service: 'referrals' } })
}
