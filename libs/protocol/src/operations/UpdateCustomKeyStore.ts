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
import type { UpdateCustomKeyStoreRequest } from "../customKeyStoreTypes.ts"
import { CustomKeyStoreIdType } from "../ModelShapes.ts"
import { operationDecoder } from "../OperationDecoder.ts"
import { defineOperation } from "../OperationSpec.ts"
import { noOutput } from "../responseParts.ts"
import { enumeration, optional, required, structure } from "../WireShape.ts"

/** UpdateCustomKeyStore (https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateCustomKeyStore.html). */
export const UpdateCustomKeyStore = defineOperation<UpdateCustomKeyStoreRequest, void>()({
  name: "UpdateCustomKeyStore",
  decoder: operationDecoder(
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
  ),
  encode: noOutput,
  state: "changes",
  keyForms: "key",
  audit: change(fields({ customKeyStoreId: "string", newCustomKeyStoreName: "string", ...xksProxy })),
  answer: "empty"
})
