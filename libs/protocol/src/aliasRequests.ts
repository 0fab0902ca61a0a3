import { AliasNameType, KeyIdType } from "./ModelShapes.ts"
import { required, structure } from "./WireShape.ts"

/**
 * Alias requests (aws-kms-api.md §3.5), members in model order. The model's
 * pattern allows `:`; the service's stricter rules (prefix, `:`, reserved
 * `alias/aws/`) are the domain's (§7.3).
 */
export const aliasTarget = structure({ aliasName: required(AliasNameType), targetKeyId: required(KeyIdType) })
