# Trent server image: Node 24 (the version the project pins), the workspace, and `npm start`.
FROM node:24-slim
WORKDIR /trent
COPY . .
RUN npm ci --omit=dev --ignore-scripts && rm -rf /root/.npm
ENV TRENT_HOST=0.0.0.0 TRENT_PORT=7400 TRENT_DATA_DIR=/data
EXPOSE 7400
VOLUME ["/data"]
USER node
CMD ["node", "apps/server/src/main.ts"]
