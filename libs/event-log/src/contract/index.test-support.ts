export { eventLogContract } from "./eventLogContract.test-support.ts"
export { expectInvalidInput } from "./expectInvalidInput.test-support.ts"
export { keyvaultContract } from "./keyvaultContract.test-support.ts"
export { sampleAppend, samplePendingEvent } from "./samplePendingEvent.test-support.ts"
