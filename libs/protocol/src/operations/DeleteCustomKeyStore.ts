import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { storeRef } from "../customKeyStoreRequests.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { noOutput } from "../responseParts.ts"

type DeleteCustomKeyStoreRequest = { readonly customKeyStoreId: string }

/** DeleteCustomKeyStore (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteCustomKeyStore.html). */
export const DeleteCustomKeyStore = defineOperation<DeleteCustomKeyStoreRequest, void>()({
  name: "DeleteCustomKeyStore",
  decoder: operationDecoder(storeRef, asIs),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  audit: change(fields({ customKeyStoreId: "string" })),
  answer: "empty"
})
