import {
  GrantConstraints,
  GrantIdType,
  GrantNameType,
  GrantOperationList,
  GrantTokenList,
  GrantTokenType,
  KeyIdType,
  limit,
  MarkerType,
  PrincipalIdType
} from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { boolean, optional, required, structure } from "./WireShape.ts"

/**
 * Grant requests (aws-kms-api.md §3.7), members in model order. ListGrants and
 * ListRetirableGrants cap Limit at 100 (§7.6). Which of RetireGrant's
 * GrantToken or KeyId + GrantId is given is the Region's rule.
 */
export const createGrant: OperationDecoder<"CreateGrant"> = operationDecoder(
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
)

export const listGrants: OperationDecoder<"ListGrants"> = operationDecoder(
  structure({
    limit: optional(limit(100)),
    marker: optional(MarkerType),
    keyId: required(KeyIdType),
    grantId: optional(GrantIdType),
    granteePrincipal: optional(PrincipalIdType)
  }),
  asIs
)

export const listRetirableGrants: OperationDecoder<"ListRetirableGrants"> = operationDecoder(
  structure({
    limit: optional(limit(100)),
    marker: optional(MarkerType),
    retiringPrincipal: required(PrincipalIdType)
  }),
  asIs
)

export const retireGrant: OperationDecoder<"RetireGrant"> = operationDecoder(
  structure({
    grantToken: optional(GrantTokenType),
    keyId: optional(KeyIdType),
    grantId: optional(GrantIdType),
    dryRun: optional(boolean)
  }),
  asIs
)

export const revokeGrant: OperationDecoder<"RevokeGrant"> = operationDecoder(
  structure({ keyId: required(KeyIdType), grantId: required(GrantIdType), dryRun: optional(boolean) }),
  asIs
)
