export { eventLogContract } from "./eventLogContract.ts"
export { expectInvalidInput } from "./expectInvalidInput.ts"
export { keyvaultContract } from "./keyvaultContract.ts"
export { sampleAppend, samplePendingEvent } from "./samplePendingEvent.ts"
