export * from "./HttpEdge.ts"
export * from "./Server.ts"
export * from "./ServerConfig.ts"
