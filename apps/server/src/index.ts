export * from "./HttpEdge.ts"
export * from "./runServer.ts"
export * from "./Server.ts"
export * from "./ServerConfig.ts"
