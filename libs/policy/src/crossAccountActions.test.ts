import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import { checkProperty } from "@trent/testing"
import { authorize } from "./authorize.ts"
import { allowedAcrossAccounts, crossAccountActions } from "./crossAccountActions.ts"
import { policyArb, requestArb } from "./policyArbitraries.test-support.ts"
import { ACCOUNT, identityPolicy, keyPolicy, OTHER_ACCOUNT, request, user } from "./policyFixtures.test-support.ts"

/** Every operation of the API model (botocore kms 2014-11-01), ReEncrypt as the two actions it is authorized as. */
const modelActions = [
  "CancelKeyDeletion", "ConnectCustomKeyStore", "CreateAlias", "CreateCustomKeyStore", "CreateGrant",
  "CreateKey", "Decrypt", "DeleteAlias", "DeleteCustomKeyStore", "DeleteImportedKeyMaterial",
  "DeriveSharedSecret", "DescribeCustomKeyStores", "DescribeKey", "DisableKey", "DisableKeyRotation",
  "DisconnectCustomKeyStore", "EnableKey", "EnableKeyRotation", "Encrypt", "GenerateDataKey",
  "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext",
  "GenerateMac", "GenerateRandom", "GetKeyLastUsage", "GetKeyPolicy", "GetKeyRotationStatus",
  "GetParametersForImport", "GetPublicKey", "ImportKeyMaterial", "ListAliases", "ListGrants",
  "ListKeyPolicies", "ListKeyRotations", "ListKeys", "ListResourceTags", "ListRetirableGrants",
  "PutKeyPolicy", "ReEncryptFrom", "ReEncryptTo", "ReplicateKey", "RetireGrant", "RevokeGrant", "RotateKeyOnDemand",
  "ScheduleKeyDeletion", "Sign", "TagResource", "UntagResource", "UpdateAlias", "UpdateCustomKeyStore",
  "UpdateKeyDescription", "UpdatePrimaryRegion", "Verify", "VerifyMac"
].map((operation) => `kms:${operation}`)
const sameAccountOnly = modelActions.filter((action) => !crossAccountActions.has(action))
const otherAccountRequest = requestArb.filter((req) => req.principal.account === OTHER_ACCOUNT)

describe("cross-account use", () => {
  it("lists only actions of the model, and leaves 35 of them to the key's own account", () => {
    for (const action of crossAccountActions) assert.include(modelActions, action)
    assert.strictEqual(sameAccountOnly.length, 35)
  })

  it("refuses every other action to a caller from another account, whatever the policies and grants allow", () =>
    checkProperty(
      "same-account-only actions are refused across accounts",
      fc.property(
        fc.constantFrom(...sameAccountOnly),
        otherAccountRequest,
        fc.option(policyArb("key"), { nil: undefined }),
        fc.array(policyArb("identity"), { maxLength: 2 }),
        fc.boolean(),
        (action, req, keyPolicyDocument, identityPolicies, grantAllows) => {
          const decision = authorize({
            keyPolicy: keyPolicyDocument,
            keyAccount: ACCOUNT,
            identityPolicies,
            grantAllows,
            request: { ...req, action }
          })
          assert.strictEqual(decision.decision, "Deny")
        }
      )
    ))

  it("still allows the listed actions when the key policy and the caller's policies both allow them", () => {
    const carol = user("carol", OTHER_ACCOUNT)
    const document = keyPolicy({ Effect: "Allow", Principal: { AWS: OTHER_ACCOUNT }, Action: "kms:*", Resource: "*" })
    const identity = [identityPolicy({ Effect: "Allow", Action: "kms:*", Resource: "*" })]
    for (const action of modelActions) {
      const decision = authorize({ keyPolicy: document, keyAccount: ACCOUNT, identityPolicies: identity, grantAllows: false, request: request(carol, action) })
      assert.strictEqual(decision.decision, crossAccountActions.has(action) ? "Allow" : "Deny", action)
    }
  })

  it("reads action names case-insensitively, as IAM does", () => {
    assert.isTrue(allowedAcrossAccounts("KMS:decrypt"))
    assert.isFalse(allowedAcrossAccounts("kms:putkeypolicy"))
  })
})
