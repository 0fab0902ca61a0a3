import { describe, expect, it } from "vitest"
import { decoded, expectUnsupported, expectValidation, refused } from "./requestAssertions.test-support.ts"

const credential = { AccessKeyId: "XKSACCESSKEYAAAAAAAAAAAA", RawSecretAccessKey: "s3cr3t+s3cr3t/s3cr3t=s3cr3ts3cr3ts3cr3ts3cr3t" }
const xks = {
  CustomKeyStoreName: "orders",
  CustomKeyStoreType: "EXTERNAL_KEY_STORE",
  XksProxyUriEndpoint: "https://xks.example.com",
  XksProxyUriPath: "/keystores/orders/kms/xks/v1",
  XksProxyAuthenticationCredential: credential,
  XksProxyConnectivity: "PUBLIC_ENDPOINT"
}

describe("CreateCustomKeyStore request", () => {
  it("decodes an external key store with the secret held as SecretBytes", () => {
    const request = decoded("CreateCustomKeyStore", xks)
    expect(request.customKeyStoreName).toBe("orders")
    expect(request.xksProxyUriPath).toBe("/keystores/orders/kms/xks/v1")
    expect(request.xksProxyAuthenticationCredential.accessKeyId).toBe(credential.AccessKeyId)
    expect(new TextDecoder().decode(request.xksProxyAuthenticationCredential.rawSecretAccessKey.unsafeBytes())).toBe(credential.RawSecretAccessKey)
    expect(JSON.stringify(request)).not.toContain(credential.RawSecretAccessKey)
  })

  it("refuses a CloudHSM key store, the default type", () => {
    expectUnsupported(
      "CreateCustomKeyStore",
      { CustomKeyStoreName: "hsm" },
      "CustomKeyStoreType is not supported: Trent hosts external key stores with PUBLIC_ENDPOINT connectivity only."
    )
  })

  it("refuses VPC endpoint service connectivity", () => {
    expect(refused("CreateCustomKeyStore", { ...xks, XksProxyConnectivity: "VPC_ENDPOINT_SERVICE" }).type).toBe("UnsupportedOperationException")
    expect(refused("CreateCustomKeyStore", { ...xks, XksProxyVpcEndpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-1" }).type)
      .toBe("UnsupportedOperationException")
  })

  it("requires every external key store member", () => {
    const { XksProxyAuthenticationCredential: _, ...withoutCredential } = xks
    expect(refused("CreateCustomKeyStore", withoutCredential).type).toBe("ValidationException")
  })

  it("never quotes the secret in a validation message", () => {
    const bad = { ...xks, XksProxyAuthenticationCredential: { ...credential, RawSecretAccessKey: "short-secret!" } }
    const error = refused("CreateCustomKeyStore", bad)
    expect(error.type).toBe("ValidationException")
    expect(error.message).not.toContain("short-secret!")
  })

  it("checks the proxy path's form", () => {
    expectValidation(
      "CreateCustomKeyStore",
      { ...xks, XksProxyUriPath: "/kms/xks/v1/extra" },
      "Value '/kms/xks/v1/extra' at 'xksProxyUriPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$"
    )
  })
})

describe("UpdateCustomKeyStore request", () => {
  it("decodes a new name alone", () => {
    expect(decoded("UpdateCustomKeyStore", { CustomKeyStoreId: "cks-1234567890abcdef0", NewCustomKeyStoreName: "renamed" })).toEqual({
      customKeyStoreId: "cks-1234567890abcdef0",
      newCustomKeyStoreName: "renamed",
      xksProxyUriEndpoint: undefined,
      xksProxyUriPath: undefined,
      xksProxyAuthenticationCredential: undefined
    })
  })

  it("refuses CloudHSM members", () => {
    expect(refused("UpdateCustomKeyStore", { CustomKeyStoreId: "cks-1234567890abcdef0", KeyStorePassword: "password1" }).type)
      .toBe("UnsupportedOperationException")
  })
})
