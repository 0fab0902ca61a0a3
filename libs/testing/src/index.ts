export * from "./property.ts"
export * from "./givenWhenThen.ts"
