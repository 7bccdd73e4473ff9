# syntax=docker/dockerfile:1
# Multi-stage build: compile (with the toolchain better-sqlite3 needs) in one stage, run as non-root in a
# slim one. Build: docker build -t entra-sync .
# Run (README, "Run in a container"): the config read-only in /conf, the state in the /data volume, the status
# server on port 9464 behind a bearer token:
#   docker run -d -v "$PWD/conf:/conf:ro" -v entra-sync-data:/data -p 9464:9464 \
#     -e ENTRA_CLIENT_SECRET -e GENERIC_SCIM_SCIM_TOKEN -e ENTRA_SYNC_STATUS_TOKEN entra-sync
# Any other command: docker run --rm -v "$PWD/conf:/conf:ro" entra-sync validate -c /conf/entra-sync.yaml
# test/container/dockerfile.test.ts runs this file's ENTRYPOINT and CMD against the CLI with the ENV it sets.

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles from source: python3, make and g++ come with the full node image.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY config ./config
RUN npx tsc -p tsconfig.build.json \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# The code stays root-owned and read-only for the process; everything it writes goes to /data.
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
# State lives in a volume owned by the unprivileged "node" user of the base image. A config that names no
# state.path keeps its state file there (ENTRA_SYNC_STATE_DIR, docs/configuration.md), so the config can be
# mounted read-only; /data is also the working directory, so init and demo write there too.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
ENV ENTRA_SYNC_STATE_DIR=/data
WORKDIR /data
USER node
# A full read spools the tenant's users to SQLite's temp directory (/var/tmp; SQLITE_TMPDIR moves it, e.g. to
# /data/tmp). The CLI limits V8's heap growth itself (~320 MB RSS at 100k users); Node also caps the heap
# from the container's memory limit: 1 GiB gives the 256 MB a 100k-user tenant needs (docs/operations.md, "Sizing").
# The status server (the daemon's default port). Outside the container's loopback it needs the token, so the
# default command binds 0.0.0.0 only together with --token-env; the daemon refuses to start without the token.
EXPOSE 9464
# The slim image has no curl: Node's fetch asks /healthz, with the token the daemon requires.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz', { headers: { authorization: 'Bearer ' + (process.env.ENTRA_SYNC_STATUS_TOKEN ?? '') } }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["daemon", "-c", "/conf/entra-sync.yaml", "--host", "0.0.0.0", "--token-env", "ENTRA_SYNC_STATUS_TOKEN"]
