import { decodeGrantToken } from "@trent/domain"
import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { GrantIdType, GrantTokenType, KeyIdType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { noOutput } from "../responseParts.ts"
import { boolean, optional, structure } from "../WireShape.ts"

type RetireGrantRequest = {
    readonly grantToken?: string | undefined
    readonly keyId?: string | undefined
    readonly grantId?: string | undefined
    readonly dryRun?: boolean | undefined
  }

/** RetireGrant (https://docs.aws.amazon.com/kms/latest/APIReference/API_RetireGrant.html). */
export const RetireGrant = defineOperation<RetireGrantRequest, void>()({
  name: "RetireGrant",
  decoder: operationDecoder(
    structure({
      grantToken: optional(GrantTokenType),
      keyId: optional(KeyIdType),
      grantId: optional(GrantIdType),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  requestKeys: (request) => [request.keyId],
  targetKey: (request) => request.keyId ?? (request.grantToken === undefined ? undefined : decodeGrantToken(request.grantToken)?.keyArn),
  audit: change(fields({ keyId: "string", grantId: "string", dryRun: "boolean" })),
  answer: "empty"
})
