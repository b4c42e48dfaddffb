import { readFileSync } from 'node:fs'
import express from 'express'

// The floor: a bare Express route answering a canvas of the same size, with no database and no
// signature check. The app's canvas routes are measured as a ratio of this.
const body = readFileSync(process.env.FLOOR_BODY_FILE ?? '', 'utf8')
const app = express()
app.use(express.json({ limit: '256kb' }))
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' })
})
app.post('/floor', (_req, res) => {
  res.type('application/json').send(body)
})
app.listen(Number(process.env.PORT), '127.0.0.1')
