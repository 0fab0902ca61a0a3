import { fields } from "../auditRule.ts"
import { change } from "../auditRuleParts.ts"
import { keyInRequest } from "../keyReferences.ts"
import {
  GrantConstraints,
  GrantNameType,
  GrantOperationList,
  GrantTokenList,
  KeyIdType,
  PrincipalIdType
} from "../ModelShapes.ts"
import { asIs, operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import type { CreateGrantRequest } from "../RegionRequests.ts"
import { boolean, optional, required, structure } from "../WireShape.ts"

type CreateGrantResult = { readonly grantToken: string; readonly grantId: string }

/** CreateGrant (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html). */
export const CreateGrant = defineOperation<CreateGrantRequest, CreateGrantResult>()({
  name: "CreateGrant",
  /** Members in model order. Which of RetireGrant's GrantToken or KeyId + GrantId is given is the Region's rule. */
  decoder: operationDecoder(
    structure({
      keyId: required(KeyIdType),
      granteePrincipal: required(PrincipalIdType),
      retiringPrincipal: optional(PrincipalIdType),
      operations: required(GrantOperationList),
      constraints: optional(GrantConstraints),
      grantTokens: optional(GrantTokenList),
      name: optional(GrantNameType),
      dryRun: optional(boolean)
    }),
    asIs
  ),
  encode: (result) => ({ GrantToken: result.grantToken, GrantId: result.grantId }),
  state: "changes",
  keyForms: "key",
  ...keyInRequest,
  // The grant token is a bearer credential and never recorded (ct-retire-grant.html).
  audit: change(
    fields({
      keyId: "string",
      granteePrincipal: "string",
      retiringPrincipal: "string",
      operations: "stringList",
      constraints: fields({ encryptionContextSubset: "stringMap", encryptionContextEquals: "stringMap" }),
      name: "string",
      dryRun: "boolean"
    }),
    fields({ grantId: "string" })
  ),
  answer: "fromEvents"
})
