import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { AliasNameType } from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { noOutput } from "../responseParts.ts"
import { required, structure } from "../WireShape.ts"

type DeleteAliasRequest = { readonly aliasName: string }

/** DeleteAlias (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html). */
export const DeleteAlias = defineOperation<DeleteAliasRequest, void>()({
  name: "DeleteAlias",
  decoder: operationDecoder(
    structure({ aliasName: required(AliasNameType) }),
    asIs
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  audit: change(fields({ aliasName: "string" })),
  answer: "empty"
})
