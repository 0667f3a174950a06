# syntax=docker/dockerfile:1
# One image for the four production commands: gateway, admin, worker, migrate (the argument
# chooses; default gateway). The simulator is the separate target `simulator`, for development
# and test environments only, and never in the production chart.
#   docker build -t delingsmegler:0.1.0 .
#   docker build --target simulator -t delingsmegler-simulator:0.1.0 .
# Node's major follows package.json "engines" (>=20.19); test/deploy/image.e2e-spec.ts checks it.
ARG NODE_MAJOR=20

# 1. Everything installed, TypeScript compiled to dist/.
FROM node:${NODE_MAJOR}-bookworm-slim AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
RUN npm run build

# 2. Production dependencies only, without install scripts (no telemetry, no compilers).
FROM node:${NODE_MAJOR}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# The simulator (development, CI and demo clusters only).
FROM node:${NODE_MAJOR}-bookworm-slim AS simulator
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 APP_ENV=test
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
COPY --from=build /app/dist dist
COPY apps/simulator/fixtures apps/simulator/fixtures
USER node
EXPOSE 3100 2525
ENTRYPOINT ["node", "dist/apps/simulator/src/main.js"]

# 3. The production image: distroless (no shell, no package manager), non-root, read-only friendly.
# No HEALTHCHECK: Kubernetes probes /health/live and /health/ready.
FROM gcr.io/distroless/nodejs${NODE_MAJOR}-debian12:nonroot AS runtime
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 APP_ENV=prod
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
COPY --from=build /app/dist/libs dist/libs
COPY --from=build /app/dist/migrations dist/migrations
COPY --from=build /app/dist/apps/gateway dist/apps/gateway
COPY --from=build /app/dist/apps/admin dist/apps/admin
COPY --from=build /app/dist/console dist/console
COPY --from=build /app/dist/apps/worker dist/apps/worker
# The list of municipalities tenants are checked against (libs/tenancy/data/SOURCES.md).
COPY libs/tenancy/data libs/tenancy/data
COPY scripts/container-entrypoint.mjs scripts/container-entrypoint.mjs
USER 65532:65532
EXPOSE 3000 3001 3002 9464
ENTRYPOINT ["/nodejs/bin/node", "scripts/container-entrypoint.mjs"]
CMD ["gateway"]
