import { isServedOperation, operationSpec } from "@trent/protocol"
import { XksOnlyKey } from "../EdgeErrors.ts"

/** The KMS operations that use a symmetric key's material (`usesSymmetricMaterial`): the ones an XKS-only key refuses. */
const usesMaterial = (operation: string): boolean =>
  isServedOperation(operation) && operationSpec(operation).usesSymmetricMaterial === true

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
  resources: ReadonlyArray<string>
): XksOnlyKey | undefined => {
  if (reserved.size === 0 || !usesMaterial(operation)) return undefined
  const arn = resources.find((each) => reserved.has(each.split("/").pop()!.toLowerCase()))
  return arn === undefined ? undefined : XksOnlyKey.of(arn)
}
