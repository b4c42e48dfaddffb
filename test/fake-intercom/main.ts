import { startFakeIntercom } from './server.js'

// Standalone: `tsx test/fake-intercom/main.ts [port]` for the playground and benchmarks.
const port = Number(process.argv[2] ?? process.env.FAKE_INTERCOM_PORT ?? 0)
const seed = Number(process.env.FAKE_INTERCOM_SEED ?? 0)
const fake = await startFakeIntercom({
  port,
  ...(process.env.FAKE_INTERCOM_TOKEN ? { accessTokens: [process.env.FAKE_INTERCOM_TOKEN] } : {}),
  ...(process.env.FAKE_INTERCOM_WEBHOOK_URL && process.env.INTERCOM_CLIENT_SECRET
    ? {
        webhookTarget: {
          url: process.env.FAKE_INTERCOM_WEBHOOK_URL,
          secret: process.env.INTERCOM_CLIENT_SECRET,
        },
      }
    : {}),
})
if (seed > 0) fake.controls.seedContacts(seed, { segments: ['Customers', 'Trials'] })
// Line 1: the URL alone (for scripts); line 2: what a client needs, as JSON.
process.stdout.write(
  `${fake.url}\n${JSON.stringify({ url: fake.url, accessToken: fake.accessToken, workspaceId: fake.workspaceId })}\n`,
)
const stop = () => void fake.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
