import { Result } from "effect"
import { fields } from "../auditRule.ts"
import { change, xksProxy } from "../auditRuleParts.ts"
import {
  CustomKeyStoreNameType,
  XksProxyAuthenticationCredentialType,
  XksProxyUriEndpointType,
  XksProxyUriPathType,
  cloudHsmMembers,
  credential,
  refuseForeignMembers,
  unsupported,
  vpcMembers
} from "../customKeyStoreRequests.ts"
import type { CreateCustomKeyStoreRequest } from "../customKeyStoreTypes.ts"
import { operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { validationError } from "../WireError.ts"
import { enumeration, optional, required, structure } from "../WireShape.ts"

type CreateCustomKeyStoreResult = { readonly customKeyStoreId: string }

/** CreateCustomKeyStore (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html). */
export const CreateCustomKeyStore = defineOperation<CreateCustomKeyStoreRequest, CreateCustomKeyStoreResult>()({
  name: "CreateCustomKeyStore",
  decoder: operationDecoder(
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
  ),
  encode: (result) => ({ CustomKeyStoreId: result.customKeyStoreId }),
  state: "changes",
  keyForms: "key",
  // The store's password and the proxy credential are dropped.
  audit: change(
    fields({ customKeyStoreName: "string", customKeyStoreType: "string", ...xksProxy }),
    fields({ customKeyStoreId: "string" })
  ),
  answer: "fromEvents"
})
