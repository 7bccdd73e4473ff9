# syntax=docker/dockerfile:1
# Multi-stage build: compile (with the toolchain better-sqlite3 needs) in one stage, run as non-root in a
# slim one. Build: docker build -t entra-sync .   Run: docker run -v $PWD/conf:/conf entra-sync daemon -c /conf/entra-sync.yaml

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
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
# State lives in a volume owned by the unprivileged "node" user of the base image.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# A full read spools the tenant's users to SQLite's temp directory (/var/tmp; SQLITE_TMPDIR moves it, e.g. to
# /data/tmp). The CLI limits V8's heap growth itself (~320 MB RSS at 100k users); Node also caps the heap
# from the container's memory limit: 1 GiB gives the 256 MB a 100k-user tenant needs (docs/operations.md, "Sizing").
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["--help"]
