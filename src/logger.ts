import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

// Redaction keeps tokens and secrets out of every log line, whichever subsystem logs them.
const redact = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-body-signature"]',
    'req.headers["x-hub-signature"]',
    'req.headers["stripe-signature"]',
    '*.secretKey',
    '*.webhookSecret',
    '*.accessToken',
    '*.access_token',
    '*.token',
    '*.clientSecret',
    '*.client_secret',
    '*.password',
    'accessToken',
    'token',
    // Outbound HTTP clients and errors carry their request headers; keep every credential out.
    'headers.authorization',
    'headers.Authorization',
    '*.headers.authorization',
    '*.headers.Authorization',
    'req.headers["x-admin-key"]',
    '*.refreshToken',
    '*.refresh_token',
    '*.secret',
    '*.apiKey',
    '*.adminApiKey',
    '*.signingSecret',
    '*.playground.signingSecret',
    '*.encryptionKey',
    '*.authorization',
    // A database error's detail and context name the row's values ("Key (email)=(…) already
    // exists"); the message, code and constraint say enough.
    'err.detail',
    'err.where',
    'err.parameters',
    'err.internalQuery',
    '*.err.detail',
    '*.err.where',
  ],
  censor: '[redacted]',
}

/** `destination` lets a test capture the lines; the default is stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact, base: { service: 'referrals' } }
  return destination ? pino(options, destination) : pino(options)
}
