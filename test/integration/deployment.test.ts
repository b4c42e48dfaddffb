import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../../src/config.js'
import { ROOT } from '../support/built.js'

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')

interface Service {
  image?: string
  build?: string
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }> | string[]
  ports?: string[]
  volumes?: string[]
  healthcheck?: { test: string[] }
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>
  volumes: Record<string, unknown>
}

/** What `docker compose` does with `${VAR:-default}` and `${VAR:?message}`, given `.env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, kind, rest) => {
    if (env[name]) return env[name]
    if (kind === '?') throw new Error(`${name}: ${rest}`)
    return kind === '-' ? rest : ''
  })
}

const APPS = ['app-1', 'app-2']

describe('docker-compose.yml: PostgreSQL, two app instances, a reverse proxy', () => {
  it('has exactly those services', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APPS, 'postgres', 'proxy'].sort())
    expect(compose.services.postgres?.image).toMatch(/^postgres:\d+/)
    expect(compose.services.postgres?.healthcheck?.test.join(' ')).toContain('pg_isready')
    expect(compose.services.postgres?.volumes).toEqual([
      expect.stringMatching(/^postgres-data:\/var\/lib\/postgresql\/data$/),
    ])
    expect(Object.keys(compose.volumes)).toContain('postgres-data')
  })

  it('runs both instances from this Dockerfile with one valid production configuration', () => {
    const env = { ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }
    const postgres = compose.services.postgres?.environment ?? {}
    const configs = APPS.map((name) => {
      const app = compose.services[name]
      expect(app?.build).toBe('.')
      expect(app?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } })
      const variables = Object.fromEntries(
        Object.entries(app?.environment ?? {}).map(([k, v]) => [k, interpolate(v, env)]),
      )
      return loadConfig(variables)
    })
    for (const config of configs) {
      expect(config.env).toBe('production')
      expect(config.encryptionKeyGenerated).toBe(false)
      expect(config.database.kind).toBe('postgres')
      const url = new URL(config.database.kind === 'postgres' ? config.database.url : '')
      expect(url.hostname).toBe('postgres')
      expect(url.username).toBe(postgres.POSTGRES_USER)
      expect(url.password).toBe(interpolate(postgres.POSTGRES_PASSWORD ?? '', env))
      expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`)
    }
    // Same key, same database, same public URL: any instance can serve any request.
    expect(configs[0]).toEqual({ ...configs[1], signingSecret: configs[0]?.signingSecret })
  })

  it('refuses to start without ENCRYPTION_KEY rather than give each instance its own', () => {
    const value = compose.services['app-1']?.environment?.ENCRYPTION_KEY ?? ''
    expect(() => interpolate(value, {})).toThrow(/ENCRYPTION_KEY: set ENCRYPTION_KEY in \.env/)
  })

  it('puts Caddy in front of both instances, at the port they listen on', () => {
    const proxy = compose.services.proxy
    expect(proxy?.image).toMatch(/^caddy:2/)
    expect(proxy?.ports).toContain('${HTTP_PORT:-8080}:80')
    expect(proxy?.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro')
    expect(proxy?.depends_on).toEqual(APPS)
    const caddyfile = read('deploy/Caddyfile')
    const upstreams = caddyfile.match(/^\s*reverse_proxy (.+) \{$/m)?.[1]?.split(/\s+/)
    const port = compose.services['app-1']?.environment?.PORT
    expect(upstreams).toEqual(APPS.map((name) => `${name}:${port}`))
    expect(caddyfile).toMatch(/^\s*health_uri \/healthz$/m)
  })
})

describe('the production image (Dockerfile)', () => {
  it('installs no dev dependency and runs the compiled server as PID 1', () => {
    const dockerfile = read('Dockerfile')
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
    expect(runtime).toContain('npm ci --omit=dev')
    expect(runtime).toContain('COPY --from=build /app/dist ./dist')
    expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m)
  })

  it('needs nothing at run time from a dev dependency: every import in dist/ is a dependency', () => {
    const { dependencies, devDependencies } = JSON.parse(read('package.json')) as Record<
      string,
      Record<string, string>
    >
    const builtin = new Set(builtinModules)
    const files = readdirSync(join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => join(entry.parentPath, entry.name))
    expect(files.length).toBeGreaterThan(100)
    const imported = new Map<string, string>()
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
      for (const [, specifier] of code.matchAll(
        // A bare specifier (a package name), not text in a string that happens to follow "from".
        /(?:\bfrom|\bimport\()\s*["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?)["']/g,
      )) {
        const name = specifier!.startsWith('@')
          ? specifier!.split('/').slice(0, 2).join('/')
          : specifier!.split('/')[0]!
        if (!builtin.has(name) && !name.startsWith('node:')) imported.set(name, file)
      }
    }
    // The snippet's dev fallback bundles with esbuild only when the built bundle is missing, and
    // the embedded database's thread loads its TypeScript through tsx only when run from source.
    imported.delete('esbuild')
    imported.delete('tsx')
    const missing = [...imported].filter(([name]) => !dependencies?.[name])
    expect(missing).toEqual([])
    expect(Object.keys(devDependencies ?? {})).toEqual(
      expect.arrayContaining(['esbuild', 'tsx', '@intercom/messenger-js-sdk']),
    )
  })
})
