import { isKeyId, parseArn, type ResourceScope } from "./KeyIdentifiers.ts"

/**
 * What a caller's KeyId names, before the Region looks it up. Operations accept
 * either "any" form (key id, key ARN, alias name, alias ARN) or only "key" forms
 * (key id, key ARN), per https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id.
 */
export type KeyReference =
  | { readonly _tag: "KeyId"; readonly keyId: string }
  | { readonly _tag: "AliasName"; readonly aliasName: string }
  | { readonly _tag: "Malformed"; readonly message: string }
  | { readonly _tag: "OtherRegion"; readonly message: string }
  /** Cross-account use arrives with authorization (a later issue); until then such keys are not found. */
  | { readonly _tag: "OtherAccount"; readonly message: string }

export type AcceptedForms = "any" | "key"

export const parseKeyReference = (value: string, scope: ResourceScope, accepted: AcceptedForms): KeyReference => {
  if (isKeyId(value)) return { _tag: "KeyId", keyId: value }
  if (accepted === "any" && value.startsWith("alias/")) return { _tag: "AliasName", aliasName: value }
  const arn = parseArn(value)
  if (arn === undefined || (arn.resourceType === "alias" && accepted === "key")) {
    return { _tag: "Malformed", message: `Invalid keyId '${value}'` }
  }
  if (arn.region !== scope.region || arn.partition !== scope.partition) {
    return { _tag: "OtherRegion", message: `Invalid arn ${arn.region}` }
  }
  if (arn.account !== scope.account) {
    return { _tag: "OtherAccount", message: `Key '${value}' does not exist` }
  }
  if (arn.resourceType === "alias") {
    return { _tag: "AliasName", aliasName: `alias/${arn.resource}` }
  }
  if (!isKeyId(arn.resource)) return { _tag: "Malformed", message: `Invalid keyId '${value}'` }
  return { _tag: "KeyId", keyId: arn.resource }
}
