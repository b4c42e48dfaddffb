# The referral app: one stateless process per container. Run N of them behind a load balancer
# on one PostgreSQL (docs/deploy.md). Migrations run at start, under Kysely's advisory lock.
FROM node:20-slim

WORKDIR /app

# Every dependency, dev ones included: /snippet.js is bundled on first request with esbuild and
# @intercom/messenger-js-sdk, and the CLI runs through tsx.
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .
# The server runs as JavaScript transpiled once (scripts/build.mjs): ~100 MB less memory than tsx.
RUN npm run build

# The embedded database's directory (only for a single instance without DATABASE_URL).
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

ENV NODE_ENV=production \
    PORT=3000
USER node
EXPOSE 3000

# Liveness: the process answers and the database answers (503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

# node itself is PID 1 (not npm), so SIGTERM reaches the app, which drains and exits.
CMD ["node", "dist/src/main.js"]
