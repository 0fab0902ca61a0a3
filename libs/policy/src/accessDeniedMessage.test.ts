import { assert, describe, it } from "vitest"
import { accessDeniedMessage } from "./accessDeniedMessage.ts"

// IAM User Guide, "Troubleshoot access denied error messages" › "Access denied error message examples".
const alice = "arn:aws:iam::111122223333:user/alice"
const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

describe("access denied messages", () => {
  it("say no resource-based policy allows the action when the key policy does not", () => {
    assert.strictEqual(
      accessDeniedMessage(alice, "kms:Encrypt", key, "NoKeyPolicyAllows"),
      `User: ${alice} is not authorized to perform: kms:Encrypt on resource: ${key} because no resource-based policy allows the kms:Encrypt action`
    )
  })
  it("name an explicit deny in a resource-based policy", () => {
    assert.strictEqual(
      accessDeniedMessage(alice, "kms:Decrypt", key, "ExplicitDenyInKeyPolicy"),
      `User: ${alice} is not authorized to perform: kms:Decrypt on resource: ${key} with an explicit deny in a resource-based policy`
    )
  })
  it("say no identity-based policy allows the action when IAM policies do not", () => {
    assert.strictEqual(
      accessDeniedMessage(alice, "kms:Encrypt", key, "NoIdentityPolicyAllows"),
      `User: ${alice} is not authorized to perform: kms:Encrypt on resource: ${key} because no identity-based policy allows the kms:Encrypt action`
    )
  })
  it("name an explicit deny in an identity-based policy", () => {
    assert.strictEqual(
      accessDeniedMessage(alice, "kms:Encrypt", key, "ExplicitDenyInIdentityPolicy"),
      `User: ${alice} is not authorized to perform: kms:Encrypt on resource: ${key} with an explicit deny in an identity-based policy`
    )
  })
  it("leave out the resource for operations on no key", () => {
    assert.strictEqual(
      accessDeniedMessage(alice, "kms:CreateKey", "*", "NoIdentityPolicyAllows"),
      `User: ${alice} is not authorized to perform: kms:CreateKey because no identity-based policy allows the kms:CreateKey action`
    )
  })
})
