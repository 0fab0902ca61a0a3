import { resourcesOf } from "../AuditTrail.ts"
import { XksOnlyKey } from "../EdgeErrors.ts"

/** The KMS operations that use a symmetric key's material: the ones an XKS-only key refuses. */
const usesMaterial = new Set([
  "Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
  "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext"
])

/**
 * A key the operator reserved for the XKS surface (`"xksOnly": true` in the
 * `--xks` file) serves AWS KMS through the proxy only: Trent's own KMS API
 * refuses to encrypt or decrypt with it. The check reads the keys the Region
 * resolved (aliases included) from the result; these operations change no
 * state, so refusing after the fact leaks nothing (the result is dropped).
 */
export const xksOnlyRefusal = (
  reserved: ReadonlySet<string>,
  operation: string,
  scope: { readonly region: string; readonly account: string },
  request: unknown,
  result: unknown
): XksOnlyKey | undefined => {
  if (reserved.size === 0 || !usesMaterial.has(operation)) return undefined
  const arn = resourcesOf(scope.region, scope.account, request, result).find((each) => reserved.has(each.split("/").pop()!.toLowerCase()))
  return arn === undefined ? undefined : XksOnlyKey.of(arn)
}
