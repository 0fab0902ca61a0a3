export * from "./property.ts"
export * from "./givenWhenThen.ts"
export * from "./softHsmToken.ts"
export * from "./scratchDirectory.ts"
