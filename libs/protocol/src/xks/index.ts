export * from "./XksError.ts"
export * from "./XksRequestMetadata.ts"
export * from "./XksRequests.ts"
export * from "./XksResponses.ts"
