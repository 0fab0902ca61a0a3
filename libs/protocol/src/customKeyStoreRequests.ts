import { SecretBytes } from "@trent/crypto"
import { Result } from "effect"
import type { XksProxyCredentialInput } from "./customKeyStoreTypes.ts"
import { CustomKeyStoreIdType } from "./ModelShapes.ts"
import { unsupportedMember, type WireError } from "./WireError.ts"
import { optional, required, string, structure } from "./WireShape.ts"

/**
 * The custom key store requests (aws-kms-api.md §3, "Custom key stores"),
 * members in model order. Trent hosts external key stores with public endpoint
 * connectivity only: a CloudHSM store (the default CustomKeyStoreType) and VPC
 * endpoint service connectivity are refused as UnsupportedOperationException.
 */
export const CustomKeyStoreNameType = string({ minLength: 1, maxLength: 256 })
/**
 * The model's pattern is `^https://[a-zA-Z0-9.-]+$`. Trent also takes a port,
 * and `http://` for a loopback host (checked by the Region), so that a proxy on
 * the same machine — a second Trent in a test — can serve without a certificate.
 */
export const XksProxyUriEndpointType = string({ minLength: 1, maxLength: 128, pattern: "^https?://[a-zA-Z0-9.-]+(:[0-9]{1,5})?$" })
export const XksProxyUriPathType = string({
  minLength: 10,
  maxLength: 128,
  pattern: "^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$"
})
export const XksProxyAuthenticationCredentialType = structure({
  accessKeyId: required(string({ minLength: 20, maxLength: 30, pattern: "^[A-Z2-7]+$", sensitive: true })),
  rawSecretAccessKey: required(string({ minLength: 43, maxLength: 64, pattern: "^[a-zA-Z0-9\\/+=]+$", sensitive: true }))
})

export const cloudHsmMembers = {
  cloudHsmClusterId: optional(string({ minLength: 19, maxLength: 24 })),
  trustAnchorCertificate: optional(string({ minLength: 1, maxLength: 5000 })),
  keyStorePassword: optional(string({ minLength: 7, maxLength: 32, sensitive: true }))
}
export const vpcMembers = {
  xksProxyVpcEndpointServiceName: optional(string({ minLength: 20, maxLength: 64 })),
  xksProxyVpcEndpointServiceOwner: optional(string({ minLength: 12, maxLength: 12 }))
}

export const unsupported = (member: string) =>
  Result.fail(unsupportedMember(member, "Trent hosts external key stores with PUBLIC_ENDPOINT connectivity only."))

/** The first CloudHSM or VPC member present, refused; else undefined. */
export const refuseForeignMembers = (members: Readonly<Record<string, unknown>>): Result.Result<never, WireError> | undefined => {
  for (const name of [...Object.keys(cloudHsmMembers), ...Object.keys(vpcMembers)]) {
    if (members[name] !== undefined) return unsupported(name.charAt(0).toUpperCase() + name.slice(1))
  }
  return undefined
}

export const credential = (given: { readonly accessKeyId: string; readonly rawSecretAccessKey: string }): XksProxyCredentialInput => ({
  accessKeyId: given.accessKeyId,
  rawSecretAccessKey: SecretBytes.adopt(new TextEncoder().encode(given.rawSecretAccessKey))
})

export const storeRef = structure({ customKeyStoreId: required(CustomKeyStoreIdType) })
