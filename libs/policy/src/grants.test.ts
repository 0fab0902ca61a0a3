import { assert, describe, it } from "vitest"
import { constraintsAtLeastAsStrict, grantAllowsChildGrant } from "./childGrant.ts"
import { type Grant, GrantOperations } from "./Grant.ts"
import { grantAllows } from "./grantAllows.ts"
import { grantKeyKind, GrantKeyKinds, grantOperationsByKeyKind, validateGrantOperations } from "./grantRules.ts"

const exampleUser = "arn:aws:iam::111122223333:user/exampleUser"
const grant = (fields: Partial<Grant>): Grant => ({
  grantId: "g1",
  granteePrincipal: exampleUser,
  operations: ["Decrypt"],
  issuingAccount: "arn:aws:iam::111122223333:root",
  ...fields
})

describe("grants allowing operations", () => {
  it("allow the grantee the listed operations only", () => {
    const grants = [grant({ operations: ["Encrypt", "DescribeKey"] })]
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "Encrypt" }))
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "DescribeKey" }))
    assert.isFalse(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt" }))
    assert.isFalse(grantAllows(grants, { principalArn: "arn:aws:iam::111122223333:user/other", operation: "Encrypt" }))
    assert.isFalse(grantAllows([], { principalArn: exampleUser, operation: "Encrypt" }))
  })
  it("cover the sessions of a grantee role", () => {
    const grants = [grant({ granteePrincipal: "arn:aws:iam::111122223333:role/keyUserRole" })]
    assert.isTrue(grantAllows(grants, { principalArn: "arn:aws:sts::111122223333:assumed-role/keyUserRole/s", operation: "Decrypt" }))
    assert.isFalse(grantAllows(grants, { principalArn: "arn:aws:sts::111122223333:assumed-role/otherRole/s", operation: "Decrypt" }))
  })
  it("with EncryptionContextSubset need the request to include every pair, and allow more", () => {
    const grants = [grant({ constraints: { encryptionContextSubset: { Department: "IT" } } })]
    const decrypt = (encryptionContext?: Record<string, string>) =>
      grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext })
    assert.isTrue(decrypt({ Department: "IT" }))
    assert.isTrue(decrypt({ Department: "IT", Purpose: "Test" }))
    assert.isFalse(decrypt({ Department: "HR" }))
    assert.isFalse(decrypt({}))
    assert.isFalse(decrypt(undefined))
  })
  it("with EncryptionContextEquals need exactly the constraint's pairs, in any order", () => {
    const grants = [grant({ constraints: { encryptionContextEquals: { Department: "IT", Team: "A" } } })]
    const decrypt = (encryptionContext: Record<string, string>) =>
      grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext })
    assert.isTrue(decrypt({ Team: "A", Department: "IT" }))
    assert.isFalse(decrypt({ Department: "IT" }))
    assert.isFalse(decrypt({ Department: "IT", Team: "A", Purpose: "Test" }))
  })
  it("with EncryptionContextEquals refuse an extra pair even when the constraint repeats a key in another case", () => {
    // Found by the grant property: counting pairs is not enough when keys differ only by case.
    const grants = [grant({ constraints: { encryptionContextEquals: { App: "b", app: "b" } } })]
    assert.isFalse(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext: { Team: "a", App: "b" } }))
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext: { APP: "b" } }))
  })
  it("compare constraint keys without regard to case and values with it", () => {
    const grants = [grant({ constraints: { encryptionContextSubset: { Department: "IT" } } })]
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext: { department: "IT" } }))
    assert.isFalse(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt", encryptionContext: { Department: "it" } }))
  })
  it("apply constraints only to operations that take an encryption context", () => {
    const grants = [grant({ operations: ["Decrypt", "DescribeKey", "RetireGrant"], constraints: { encryptionContextEquals: { a: "b" } } })]
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "DescribeKey" }))
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "RetireGrant" }))
    assert.isFalse(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt" }))
  })
  it("allow when any one of several grants does", () => {
    const grants = [grant({ operations: ["Encrypt"] }), grant({ grantId: "g2", operations: ["Decrypt"] })]
    assert.isTrue(grantAllows(grants, { principalArn: exampleUser, operation: "Decrypt" }))
  })
})

describe("grant operations for each kind of key", () => {
  it("follow the table of aws-kms-api.md §7.5", () => {
    assert.isUndefined(validateGrantOperations("SymmetricEncryption", ["Encrypt", "Decrypt", "GenerateDataKeyPair", "DescribeKey"]))
    assert.isUndefined(validateGrantOperations("AsymmetricEncryption", ["Encrypt", "GetPublicKey", "RetireGrant"]))
    assert.isUndefined(validateGrantOperations("SignVerify", ["Sign", "Verify", "GetPublicKey", "CreateGrant"]))
    assert.isUndefined(validateGrantOperations("Hmac", ["GenerateMac", "VerifyMac"]))
    assert.isUndefined(validateGrantOperations("KeyAgreement", ["DeriveSharedSecret", "GetPublicKey"]))
  })
  it("reject operations the key cannot do with ValidationException", () => {
    const error = validateGrantOperations("SymmetricEncryption", ["Encrypt", "Sign", "GetPublicKey"])
    assert.strictEqual(error?._tag, "InvalidRequest")
    assert.strictEqual(error?.message, "Grant operations [Sign, GetPublicKey] are not valid for a symmetric encryption KMS key.")
    assert.strictEqual(validateGrantOperations("Hmac", ["Encrypt"])?._tag, "InvalidRequest")
    assert.strictEqual(validateGrantOperations("SignVerify", ["GenerateDataKey"])?._tag, "InvalidRequest")
  })
  it("reject a grant of CreateGrant alone, in AWS's words", () => {
    assert.strictEqual(
      validateGrantOperations("SymmetricEncryption", ["CreateGrant"])?.message,
      "Grants must not contain only the CreateGrant operation."
    )
  })
  it("reject encryption context constraints for asymmetric and HMAC keys' cryptographic operations", () => {
    const constraints = { encryptionContextSubset: { a: "b" } }
    assert.isUndefined(validateGrantOperations("SymmetricEncryption", ["Decrypt"], constraints))
    assert.strictEqual(validateGrantOperations("AsymmetricEncryption", ["Decrypt"], constraints)?._tag, "InvalidRequest")
    assert.strictEqual(validateGrantOperations("Hmac", ["GenerateMac"], constraints)?._tag, "InvalidRequest")
    assert.strictEqual(validateGrantOperations("SignVerify", ["Sign"], constraints)?._tag, "InvalidRequest")
  })
  it("cover every grant operation with some kind of key, and name every kind", () => {
    const covered = new Set(GrantKeyKinds.flatMap((kind) => grantOperationsByKeyKind[kind]))
    assert.sameMembers([...covered], [...GrantOperations])
  })
  it("derive the kind of key from its KeySpec and KeyUsage", () => {
    assert.strictEqual(grantKeyKind("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"), "SymmetricEncryption")
    assert.strictEqual(grantKeyKind("RSA_2048", "ENCRYPT_DECRYPT"), "AsymmetricEncryption")
    assert.strictEqual(grantKeyKind("ECC_NIST_P256", "SIGN_VERIFY"), "SignVerify")
    assert.strictEqual(grantKeyKind("HMAC_256", "GENERATE_VERIFY_MAC"), "Hmac")
    assert.strictEqual(grantKeyKind("ECC_NIST_P384", "KEY_AGREEMENT"), "KeyAgreement")
  })
})

describe("grants created from a grant's CreateGrant permission", () => {
  // KMS Developer Guide, "Creating grants" › "Granting CreateGrant permission": the parent grant example.
  const parent = grant({
    operations: ["GenerateDataKey", "Decrypt", "CreateGrant"],
    constraints: { encryptionContextSubset: { Department: "IT" } }
  })
  const child = (operations: Grant["operations"], constraints?: Grant["constraints"]) =>
    grantAllowsChildGrant([parent], { principalArn: exampleUser, operations, constraints })

  it("may hold some or all of the parent's operations, never others", () => {
    assert.isTrue(child(["CreateGrant", "Decrypt"], { encryptionContextEquals: { Department: "IT" } }))
    assert.isFalse(child(["Decrypt", "ReEncryptFrom"], { encryptionContextSubset: { Department: "IT" } }))
  })
  it("may add pairs to an EncryptionContextSubset or change it to Equals, never drop pairs", () => {
    assert.isTrue(child(["Decrypt"], { encryptionContextSubset: { Department: "IT", Team: "A" } }))
    assert.isTrue(child(["Decrypt"], { encryptionContextEquals: { Department: "IT", Team: "A" } }))
    assert.isFalse(child(["Decrypt"], { encryptionContextSubset: { Team: "A" } }))
    assert.isFalse(child(["Decrypt"]))
  })
  it("may not turn an EncryptionContextEquals back into a Subset", () => {
    const equalsParent = grant({ operations: ["Decrypt", "CreateGrant"], constraints: { encryptionContextEquals: { Department: "IT" } } })
    assert.isTrue(constraintsAtLeastAsStrict({ encryptionContextEquals: { Department: "IT" } }, equalsParent.constraints))
    assert.isFalse(constraintsAtLeastAsStrict({ encryptionContextSubset: { Department: "IT" } }, equalsParent.constraints))
    assert.isFalse(constraintsAtLeastAsStrict({ encryptionContextEquals: { Department: "IT", Team: "A" } }, equalsParent.constraints))
  })
  it("need a parent grant that lists CreateGrant and names the caller", () => {
    const noCreate = grant({ operations: ["Decrypt"] })
    assert.isFalse(grantAllowsChildGrant([noCreate], { principalArn: exampleUser, operations: ["Decrypt"] }))
    assert.isFalse(grantAllowsChildGrant([parent], {
      principalArn: "arn:aws:iam::111122223333:user/anotherUser", operations: ["Decrypt"], constraints: parent.constraints
    }))
  })
  it("are unconstrained under an unconstrained parent", () => {
    const open = grant({ operations: ["Decrypt", "CreateGrant"] })
    assert.isTrue(grantAllowsChildGrant([open], { principalArn: exampleUser, operations: ["Decrypt"] }))
  })
})
