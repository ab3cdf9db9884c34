# syntax=docker/dockerfile:1
# acehub: build the UI and the server with every dev dependency, then run them on a slim image that holds
# production dependencies only. The engine runs in its own container (Dockerfile.acestream).

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    ENGINE_URL=http://acestream:6878
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no install script is needed at run time, and none should run as part of the image.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY --from=build /src/ui/dist ./ui/dist
COPY bin ./bin
COPY manifest.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080

# No curl in the slim image: Node's own fetch checks the server (200 even while the engine is down).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["node", "dist/src/main.js"]
