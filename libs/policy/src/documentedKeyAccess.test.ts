import { assert, describe, it } from "vitest"
import type { Conditions, RequestPrincipal } from "./AuthorizationRequest.ts"
import { authorize, type AuthorizationDecision, type DenialReason } from "./authorize.ts"
import { grantAllows } from "./grantAllows.ts"
import type { PolicyDocument } from "./PolicyDocument.ts"
import {
  ACCOUNT, defaultKeyPolicy, identityPolicy, keyPolicy, OTHER_ACCOUNT, request, role, root, user
} from "./policyFixtures.test-support.ts"
import { requestConditions } from "./requestConditions.ts"

/**
 * Cases taken from AWS's own documentation of KMS key access, each citing the
 * page and section it reproduces.
 */
const KMS = "https://docs.aws.amazon.com/kms/latest/developerguide"
const IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide"

const ALLOW: AuthorizationDecision = { decision: "Allow" }
const denied = (reason: DenialReason): AuthorizationDecision => ({ decision: "Deny", reason })

const decide = (
  keyPolicyDocument: PolicyDocument,
  principal: RequestPrincipal,
  action: string,
  options: { identityPolicies?: ReadonlyArray<PolicyDocument>; conditions?: Conditions; grantAllows?: boolean } = {}
) =>
  authorize({
    keyPolicy: keyPolicyDocument,
    keyAccount: ACCOUNT,
    identityPolicies: options.identityPolicies ?? [],
    grantAllows: options.grantAllows ?? false,
    request: request(principal, action, options.conditions ?? requestConditions({ caller: principal }))
  })

const iamAllows = (...actions: ReadonlyArray<string>) => identityPolicy({ Effect: "Allow", Action: actions, Resource: "*" })

describe(`${KMS}/key-policy-default.html — "Allows access to the AWS account and enables IAM policies"`, () => {
  it("the default key policy lets IAM policies allow a user of the account", () => {
    assert.deepStrictEqual(decide(defaultKeyPolicy(), user("alice"), "kms:Decrypt", { identityPolicies: [iamAllows("kms:Decrypt")] }), ALLOW)
  })
  it("the account principal by itself gives no IAM user or role permission to use the key", () => {
    assert.deepStrictEqual(decide(defaultKeyPolicy(), role("ExampleRole"), "kms:Decrypt"), denied("NoIdentityPolicyAllows"))
  })
  it("the account principal gives the account root user access to control the key", () => {
    assert.deepStrictEqual(decide(defaultKeyPolicy(), root(), "kms:PutKeyPolicy"), ALLOW)
  })
  it("without that statement IAM policies that allow access are ineffective, while IAM policies that deny still apply", () => {
    const usersOnly = keyPolicy({
      Effect: "Allow", Principal: { AWS: user("alice").arn }, Action: "kms:*", Resource: "*"
    })
    assert.deepStrictEqual(decide(usersOnly, user("bob"), "kms:Decrypt", { identityPolicies: [iamAllows("kms:*")] }), denied("NoKeyPolicyAllows"))
    const denyDecrypt = identityPolicy({ Effect: "Deny", Action: "kms:Decrypt", Resource: "*" })
    assert.deepStrictEqual(decide(usersOnly, user("alice"), "kms:Decrypt", { identityPolicies: [denyDecrypt] }), denied("ExplicitDenyInIdentityPolicy"))
  })
})

describe(`${KMS}/key-policy-default.html — "Allows key administrators to administer the KMS key"`, () => {
  const administrators = keyPolicy({
    Sid: "Allow access for Key Administrators",
    Effect: "Allow",
    Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/KMSAdminUser`, `arn:aws:iam::${ACCOUNT}:role/KMSAdminRole`] },
    Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
      "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
      "kms:CancelKeyDeletion"],
    Resource: "*"
  })
  it("key administrators may manage the key but not use it in cryptographic operations", () => {
    assert.deepStrictEqual(decide(administrators, user("KMSAdminUser"), "kms:PutKeyPolicy"), ALLOW)
    assert.deepStrictEqual(decide(administrators, role("KMSAdminRole"), "kms:RevokeGrant"), ALLOW)
    assert.deepStrictEqual(decide(administrators, user("KMSAdminUser"), "kms:Decrypt"), denied("NoKeyPolicyAllows"))
  })
})

describe(`${IAM}/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html — "The difference between explicit and implicit denies"`, () => {
  it("the Deny statement trumps the Allow statement", () => {
    const document = keyPolicy(
      { Effect: "Allow", Principal: { AWS: user("alice").arn }, Action: "kms:*", Resource: "*" },
      { Effect: "Deny", Principal: { AWS: user("alice").arn }, Action: "kms:ScheduleKeyDeletion", Resource: "*" }
    )
    assert.deepStrictEqual(decide(document, user("alice"), "kms:ScheduleKeyDeletion"), denied("ExplicitDenyInKeyPolicy"))
    assert.deepStrictEqual(decide(document, user("alice"), "kms:Encrypt"), ALLOW)
  })
})

describe(`${KMS}/key-policy-modifying-external-accounts.html — "Allowing users in other accounts to use a KMS key"`, () => {
  const keyUsers = keyPolicy(
    { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
    {
      Sid: "Allow use of the key", Effect: "Allow",
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/ExampleUser`, `arn:aws:iam::${OTHER_ACCOUNT}:root`] },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*"
    }
  )
  const external = user("bob", OTHER_ACCOUNT)
  it("step 1 alone (the key policy names the external account) is not enough", () => {
    assert.deepStrictEqual(decide(keyUsers, external, "kms:Decrypt"), denied("NoIdentityPolicyAllows"))
  })
  it("step 2 alone (an IAM policy in the external account) is not enough", () => {
    assert.deepStrictEqual(decide(defaultKeyPolicy(), external, "kms:Decrypt", { identityPolicies: [iamAllows("kms:Decrypt")] }), denied("NoKeyPolicyAllows"))
  })
  it("both steps together allow the external user, for the permissions both allow", () => {
    assert.deepStrictEqual(decide(keyUsers, external, "kms:Decrypt", { identityPolicies: [iamAllows("kms:Decrypt")] }), ALLOW)
    assert.deepStrictEqual(decide(keyUsers, external, "kms:ScheduleKeyDeletion", { identityPolicies: [iamAllows("kms:*")] }), denied("NotAllowedAcrossAccounts"))
  })
})

describe(`${KMS}/conditions-kms.html — "kms:CallerAccount" and "kms:ViaService"`, () => {
  // The statement from the key policy of the AWS managed key for Amazon EBS.
  const ebs = keyPolicy({
    Sid: "Allow access through EBS for all principals in the account that are authorized to use EBS",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "ec2.us-west-2.amazonaws.com" } },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
    Resource: "*"
  })
  const via = (principal: RequestPrincipal, viaService?: string) =>
    requestConditions({ caller: principal, ...(viaService === undefined ? {} : { viaService }) })
  it("allows every identity of the account, but only through Amazon EBS", () => {
    assert.deepStrictEqual(decide(ebs, user("alice"), "kms:Decrypt", { conditions: via(user("alice"), "ec2.us-west-2.amazonaws.com") }), ALLOW)
    assert.deepStrictEqual(decide(ebs, user("alice"), "kms:Decrypt", { conditions: via(user("alice")) }), denied("NoKeyPolicyAllows"))
    assert.deepStrictEqual(decide(ebs, user("alice"), "kms:Decrypt", { conditions: via(user("alice"), "lambda.us-west-2.amazonaws.com") }), denied("NoKeyPolicyAllows"))
  })
  it("does not allow identities of another account", () => {
    const bob = user("bob", OTHER_ACCOUNT)
    assert.deepStrictEqual(
      decide(ebs, bob, "kms:Decrypt", { conditions: via(bob, "ec2.us-west-2.amazonaws.com"), identityPolicies: [iamAllows("kms:*")] }),
      denied("NoKeyPolicyAllows")
    )
  })
  it("a Deny on kms:ViaService forbids Encrypt requests that come through AWS Lambda", () => {
    const document = keyPolicy(
      { Effect: "Allow", Principal: { AWS: user("ExampleUser").arn }, Action: "kms:*", Resource: "*" },
      {
        Effect: "Deny", Principal: { AWS: user("ExampleUser").arn }, Action: ["kms:Encrypt"], Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": ["lambda.us-west-2.amazonaws.com"] } }
      }
    )
    const lambda = requestConditions({ caller: user("ExampleUser"), viaService: "lambda.us-west-2.amazonaws.com" })
    assert.deepStrictEqual(decide(document, user("ExampleUser"), "kms:Encrypt", { conditions: lambda }), denied("ExplicitDenyInKeyPolicy"))
    assert.deepStrictEqual(decide(document, user("ExampleUser"), "kms:Encrypt"), ALLOW)
  })
})

describe(`${KMS}/conditions-kms.html — "kms:EncryptionAlgorithm"`, () => {
  it("a Deny with StringNotEquals allows only one algorithm and overrides grants", () => {
    const document = keyPolicy(
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "Allow only one encryption algorithm with this asymmetric KMS key", Effect: "Deny",
        Principal: { AWS: role("ExampleRole").arn }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*"], Resource: "*",
        Condition: { StringNotEquals: { "kms:EncryptionAlgorithm": "RSAES_OAEP_SHA_256" } }
      }
    )
    const withAlgorithm = (encryptionAlgorithm: string) => requestConditions({ caller: role("ExampleRole"), encryptionAlgorithm })
    assert.deepStrictEqual(
      decide(document, role("ExampleRole"), "kms:Encrypt", { conditions: withAlgorithm("RSAES_OAEP_SHA_1"), grantAllows: true }),
      denied("ExplicitDenyInKeyPolicy")
    )
    assert.deepStrictEqual(
      decide(document, role("ExampleRole"), "kms:Encrypt", { conditions: withAlgorithm("RSAES_OAEP_SHA_256"), grantAllows: true }),
      ALLOW
    )
  })
})

describe(`${KMS}/create-grant-overview.html — "Using grant constraints"`, () => {
  const exampleUser = `arn:aws:iam::${ACCOUNT}:user/exampleUser`
  const grant = (constraints: object) => ({
    grantId: "8c94d1f12f5e69f440bae30eaec9570bb1fb7358824f9ddfa1aa5a0dab1a59b2",
    granteePrincipal: exampleUser,
    retiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/adminRole`,
    operations: ["Decrypt"] as const,
    constraints,
    issuingAccount: `arn:aws:iam::${ACCOUNT}:root`
  })
  const decrypt = (constraints: object, encryptionContext: Record<string, string>) =>
    grantAllows([grant(constraints)], { principalArn: exampleUser, operation: "Decrypt", encryptionContext })
  it("Department=IT satisfies both the EncryptionContextEquals and the EncryptionContextSubset constraint", () => {
    assert.isTrue(decrypt({ encryptionContextEquals: { Department: "IT" } }, { Department: "IT" }))
    assert.isTrue(decrypt({ encryptionContextSubset: { Department: "IT" } }, { Department: "IT" }))
  })
  it("Department=IT,Purpose=Test satisfies EncryptionContextSubset but fails EncryptionContextEquals", () => {
    assert.isTrue(decrypt({ encryptionContextSubset: { Department: "IT" } }, { Department: "IT", Purpose: "Test" }))
    assert.isFalse(decrypt({ encryptionContextEquals: { Department: "IT" } }, { Department: "IT", Purpose: "Test" }))
  })
  it("the grant then allows the grantee even where the key policy alone would not", () => {
    const allowed = decrypt({ encryptionContextSubset: { Department: "IT" } }, { Department: "IT" })
    assert.deepStrictEqual(decide(defaultKeyPolicy(), user("exampleUser"), "kms:Decrypt", { grantAllows: allowed }), ALLOW)
  })
})
