# Trent server image: Node 24 (the version the project pins), the workspace, and the server run by node
# directly (PID 1 gets SIGTERM from `docker stop` and drains; npm would not pass it on).
FROM node:24-slim
WORKDIR /trent
COPY . .
# /data (each Region's files) and /keys (a root key made by compose's trent-root-key service) belong to
# the runtime user: a fresh named volume copies this ownership, so `USER node` can write both.
RUN npm ci --omit=dev --ignore-scripts && rm -rf /root/.npm && install -d -m 0700 -o node -g node /data /keys
ENV TRENT_HOST=0.0.0.0 TRENT_PORT=7400 TRENT_DATA_DIR=/data
EXPOSE 7400
VOLUME ["/data"]
USER node
# Ready, not just alive: GET /health/ready answers 503 while a Region's store cannot take writes.
HEALTHCHECK --interval=10s --timeout=10s --start-period=60s --retries=3 CMD ["node", "apps/server/src/healthProbe.ts"]
CMD ["node", "apps/server/src/main.ts"]
