import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

// The physical limit on this machine: bare node:http reading each request's body and answering
// a canvas of the same size, no framework, no database, no signature check. A reference row
// beside the Express floor, not a target.
const body = readFileSync(process.env.FLOOR_BODY_FILE ?? '')
const server = createServer((req, res) => {
  req.on('data', () => {})
  req.on('end', () => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
      return
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    })
    res.end(body)
  })
})
server.keepAliveTimeout = 65_000
server.listen(Number(process.env.PORT), '127.0.0.1')
