import { aliasTarget } from "../aliasRequests.ts"
import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { AliasTarget } from "../RegionRequests.ts"
import { noOutput } from "../responseParts.ts"

/** CreateAlias (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html). */
export const CreateAlias = defineOperation<AliasTarget, void>()({
  name: "CreateAlias",
  decoder: operationDecoder(aliasTarget, asIs),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  requestKeys: (request) => [request.targetKeyId],
  audit: change(fields({ aliasName: "string", targetKeyId: "string" })),
  answer: "empty"
})
