# The referral app: one stateless process per container. Run N of them behind a load balancer
# on one PostgreSQL (docs/deploy.md, docker-compose.yml). Migrations run at start, under Kysely's
# advisory lock.

# Build stage: dev dependencies (TypeScript, esbuild) transpile the app and bundle /snippet.js.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies and dist/ only. The server and the CLI run as compiled
# JavaScript; neither tsx nor esbuild is installed.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# `npm run cli -- …` and `npm run migrate` start dist/ through this launcher.
COPY scripts/run-built.mjs ./scripts/

# The embedded database's directory (only for a single instance without DATABASE_URL).
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

USER node
EXPOSE 3000

# Liveness: the process answers and the database answers (503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

# node itself is PID 1 (not npm), so SIGTERM reaches the app, which drains and exits.
CMD ["node", "dist/src/main.js"]
