import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { storeRef } from "../customKeyStoreRequests.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { noOutput } from "../responseParts.ts"

type ConnectCustomKeyStoreRequest = { readonly customKeyStoreId: string }

/** ConnectCustomKeyStore (https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html). */
export const ConnectCustomKeyStore = defineOperation<ConnectCustomKeyStoreRequest, void>()({
  name: "ConnectCustomKeyStore",
  decoder: operationDecoder(storeRef, asIs),
  encode: noOutput,
  // Calls the proxy, then records CONNECTED or FAILED.
  state: "changes",
  keyForms: "key",
  audit: change(fields({ customKeyStoreId: "string" })),
  answer: "empty"
})
