import { SecretBytes } from "@trent/crypto"
import { Result } from "effect"
import type { XksProxyCredentialInput } from "./customKeyStoreTypes.ts"
import { CustomKeyStoreIdType, limit, MarkerType } from "./ModelShapes.ts"
import { asIs, type OperationDecoder, operationDecoder } from "./OperationDecoder.ts"
import { unsupportedMember, validationError, type WireError } from "./WireError.ts"
import { enumeration, optional, required, string, structure } from "./WireShape.ts"

/**
 * The custom key store requests (aws-kms-api.md §3, "Custom key stores"),
 * members in model order. Trent hosts external key stores with public endpoint
 * connectivity only: a CloudHSM store (the default CustomKeyStoreType) and VPC
 * endpoint service connectivity are refused as UnsupportedOperationException.
 */
const CustomKeyStoreNameType = string({ minLength: 1, maxLength: 256 })
/**
 * The model's pattern is `^https://[a-zA-Z0-9.-]+$`. Trent also takes a port,
 * and `http://` for a loopback host (checked by the Region), so that a proxy on
 * the same machine — a second Trent in a test — can serve without a certificate.
 */
const XksProxyUriEndpointType = string({ minLength: 1, maxLength: 128, pattern: "^https?://[a-zA-Z0-9.-]+(:[0-9]{1,5})?$" })
const XksProxyUriPathType = string({
  minLength: 10,
  maxLength: 128,
  pattern: "^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$"
})
const XksProxyAuthenticationCredentialType = structure({
  accessKeyId: required(string({ minLength: 20, maxLength: 30, pattern: "^[A-Z2-7]+$", sensitive: true })),
  rawSecretAccessKey: required(string({ minLength: 43, maxLength: 64, pattern: "^[a-zA-Z0-9\\/+=]+$", sensitive: true }))
})

const cloudHsmMembers = {
  cloudHsmClusterId: optional(string({ minLength: 19, maxLength: 24 })),
  trustAnchorCertificate: optional(string({ minLength: 1, maxLength: 5000 })),
  keyStorePassword: optional(string({ minLength: 7, maxLength: 32, sensitive: true }))
}
const vpcMembers = {
  xksProxyVpcEndpointServiceName: optional(string({ minLength: 20, maxLength: 64 })),
  xksProxyVpcEndpointServiceOwner: optional(string({ minLength: 12, maxLength: 12 }))
}

const unsupported = (member: string) =>
  Result.fail(unsupportedMember(member, "Trent hosts external key stores with PUBLIC_ENDPOINT connectivity only."))

/** The first CloudHSM or VPC member present, refused; else undefined. */
const refuseForeignMembers = (members: Readonly<Record<string, unknown>>): Result.Result<never, WireError> | undefined => {
  for (const name of [...Object.keys(cloudHsmMembers), ...Object.keys(vpcMembers)]) {
    if (members[name] !== undefined) return unsupported(name.charAt(0).toUpperCase() + name.slice(1))
  }
  return undefined
}

const credential = (given: { readonly accessKeyId: string; readonly rawSecretAccessKey: string }): XksProxyCredentialInput => ({
  accessKeyId: given.accessKeyId,
  rawSecretAccessKey: SecretBytes.adopt(new TextEncoder().encode(given.rawSecretAccessKey))
})

export const createCustomKeyStore: OperationDecoder<"CreateCustomKeyStore"> = operationDecoder(
  structure({
    customKeyStoreName: required(CustomKeyStoreNameType),
    ...cloudHsmMembers,
    customKeyStoreType: optional(enumeration(["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const)),
    xksProxyUriEndpoint: optional(XksProxyUriEndpointType),
    xksProxyUriPath: optional(XksProxyUriPathType),
    ...vpcMembers,
    xksProxyAuthenticationCredential: optional(XksProxyAuthenticationCredentialType),
    xksProxyConnectivity: optional(enumeration(["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"] as const))
  }),
  (decoded) => {
    if ((decoded.customKeyStoreType ?? "AWS_CLOUDHSM") === "AWS_CLOUDHSM") return unsupported("CustomKeyStoreType")
    const foreign = refuseForeignMembers(decoded)
    if (foreign !== undefined) return foreign
    if (decoded.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE") return unsupported("XksProxyConnectivity")
    const { xksProxyUriEndpoint, xksProxyUriPath, xksProxyAuthenticationCredential, xksProxyConnectivity } = decoded
    if (
      xksProxyUriEndpoint === undefined || xksProxyUriPath === undefined || xksProxyAuthenticationCredential === undefined ||
      xksProxyConnectivity === undefined
    ) {
      return Result.fail(validationError(
        "An external key store requires XksProxyConnectivity, XksProxyUriEndpoint, XksProxyUriPath and XksProxyAuthenticationCredential."
      ))
    }
    return Result.succeed({
      customKeyStoreName: decoded.customKeyStoreName,
      xksProxyUriEndpoint,
      xksProxyUriPath,
      xksProxyAuthenticationCredential: credential(xksProxyAuthenticationCredential)
    })
  }
)

export const updateCustomKeyStore: OperationDecoder<"UpdateCustomKeyStore"> = operationDecoder(
  structure({
    customKeyStoreId: required(CustomKeyStoreIdType),
    newCustomKeyStoreName: optional(CustomKeyStoreNameType),
    keyStorePassword: cloudHsmMembers.keyStorePassword,
    cloudHsmClusterId: cloudHsmMembers.cloudHsmClusterId,
    xksProxyUriEndpoint: optional(XksProxyUriEndpointType),
    xksProxyUriPath: optional(XksProxyUriPathType),
    ...vpcMembers,
    xksProxyAuthenticationCredential: optional(XksProxyAuthenticationCredentialType),
    xksProxyConnectivity: optional(enumeration(["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"] as const))
  }),
  (decoded) => {
    const foreign = refuseForeignMembers(decoded)
    if (foreign !== undefined) return foreign
    if (decoded.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE") return unsupported("XksProxyConnectivity")
    return Result.succeed({
      customKeyStoreId: decoded.customKeyStoreId,
      newCustomKeyStoreName: decoded.newCustomKeyStoreName,
      xksProxyUriEndpoint: decoded.xksProxyUriEndpoint,
      xksProxyUriPath: decoded.xksProxyUriPath,
      xksProxyAuthenticationCredential: decoded.xksProxyAuthenticationCredential === undefined
        ? undefined
        : credential(decoded.xksProxyAuthenticationCredential)
    })
  }
)

const storeRef = structure({ customKeyStoreId: required(CustomKeyStoreIdType) })

export const connectCustomKeyStore: OperationDecoder<"ConnectCustomKeyStore"> = operationDecoder(storeRef, asIs)
export const disconnectCustomKeyStore: OperationDecoder<"DisconnectCustomKeyStore"> = operationDecoder(storeRef, asIs)
export const deleteCustomKeyStore: OperationDecoder<"DeleteCustomKeyStore"> = operationDecoder(storeRef, asIs)

export const describeCustomKeyStores: OperationDecoder<"DescribeCustomKeyStores"> = operationDecoder(
  structure({
    customKeyStoreId: optional(CustomKeyStoreIdType),
    customKeyStoreName: optional(CustomKeyStoreNameType),
    limit: optional(limit(1000)),
    marker: optional(MarkerType)
  }),
  asIs
)
