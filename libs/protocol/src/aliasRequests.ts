import { AliasNameType, KeyIdType, limit, MarkerType } from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { optional, required, structure } from "./WireShape.ts"

/**
 * Alias requests (aws-kms-api.md §3.5), members in model order. The model's
 * pattern allows `:`; the service's stricter rules (prefix, `:`, reserved
 * `alias/aws/`) are the domain's (§7.3).
 */
const aliasTarget = structure({ aliasName: required(AliasNameType), targetKeyId: required(KeyIdType) })

export const createAlias: OperationDecoder<"CreateAlias"> = operationDecoder(aliasTarget, asIs)
export const updateAlias: OperationDecoder<"UpdateAlias"> = operationDecoder(aliasTarget, asIs)

export const deleteAlias: OperationDecoder<"DeleteAlias"> = operationDecoder(
  structure({ aliasName: required(AliasNameType) }),
  asIs
)

export const listAliases: OperationDecoder<"ListAliases"> = operationDecoder(
  structure({ keyId: optional(KeyIdType), limit: optional(limit(100)), marker: optional(MarkerType) }),
  asIs
)
