import { assert, describe, it } from "vitest"
import { evaluatePolicy, policyVerdict } from "./evaluatePolicy.ts"
import { matchAwsPrincipal } from "./matchPrincipal.ts"
import {
  ACCOUNT, identityPolicy, KEY_ARN, keyPolicy, OTHER_ACCOUNT, request, role, root, session, user
} from "./policyFixtures.test-support.ts"

const alice = user("alice")
const statement = (fields: Record<string, unknown>) => ({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", ...fields })

describe("actions", () => {
  it("match with wildcards and without regard to case", () => {
    const document = keyPolicy(statement({ Action: ["KMS:ReEncrypt*", "kms:Gen?rateDataKey"] }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:ReEncryptFrom")), "Allow")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:GenerateDataKey")), "Allow")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:GenerateDataKeyPair")), "NotApplicable")
  })
  it("\"*\" matches every action", () => {
    assert.strictEqual(evaluatePolicy(keyPolicy(statement({ Action: "*" })), request(alice, "kms:Decrypt")), "Allow")
  })
  it("NotAction matches every action except those listed", () => {
    const document = keyPolicy(statement({ Action: undefined, NotAction: ["kms:Decrypt", "kms:Schedule*"] }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "Allow")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:decrypt")), "NotApplicable")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:ScheduleKeyDeletion")), "NotApplicable")
  })
})

describe("resources", () => {
  it("match key ARNs with wildcards, case-sensitively", () => {
    const document = identityPolicy({ Effect: "Allow", Action: "kms:Encrypt", Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` })
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "Allow")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt", {}, KEY_ARN.toUpperCase())), "NotApplicable")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt", {}, `arn:aws:kms:us-west-2:${OTHER_ACCOUNT}:key/k`)), "NotApplicable")
  })
  it("a key ARN pattern never matches a key-less request's \"*\"", () => {
    const document = identityPolicy({ Effect: "Allow", Action: "kms:*", Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` })
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:CreateKey", {}, "*")), "NotApplicable")
  })
  it("NotResource matches every resource except those listed", () => {
    const document = identityPolicy({ Effect: "Deny", Action: "kms:*", NotResource: KEY_ARN })
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "NotApplicable")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt", {}, `${KEY_ARN}x`)), "Deny")
  })
})

describe("principals in key policies", () => {
  it("\"*\" in either form covers everyone", () => {
    for (const principal of ["*", { AWS: "*" }]) {
      const verdict = policyVerdict(keyPolicy(statement({ Principal: principal })), request(user("bob", OTHER_ACCOUNT), "kms:Encrypt"))
      assert.strictEqual(verdict.allow, "direct")
    }
  })
  it("a user or role ARN covers exactly that identity", () => {
    assert.strictEqual(matchAwsPrincipal(alice.arn, alice), "direct")
    assert.strictEqual(matchAwsPrincipal(alice.arn, user("bob")), "none")
    assert.strictEqual(matchAwsPrincipal(alice.arn, user("alice", OTHER_ACCOUNT)), "none")
  })
  it("a role ARN covers the role's sessions, whatever the role's path", () => {
    assert.strictEqual(matchAwsPrincipal(`arn:aws:iam::${ACCOUNT}:role/R`, session("R", "s1")), "direct")
    assert.strictEqual(matchAwsPrincipal(`arn:aws:iam::${ACCOUNT}:role/team/R`, session("R", "s1")), "direct")
    assert.strictEqual(matchAwsPrincipal(`arn:aws:iam::${ACCOUNT}:role/R2`, session("R", "s1")), "none")
    assert.strictEqual(matchAwsPrincipal(session("R", "s1").arn, session("R", "s1")), "direct")
    assert.strictEqual(matchAwsPrincipal(session("R", "s1").arn, session("R", "s2")), "none")
  })
  it("an account, by id or root ARN, delegates to that account's users and roles", () => {
    for (const value of [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`]) {
      assert.strictEqual(matchAwsPrincipal(value, alice), "account")
      assert.strictEqual(matchAwsPrincipal(value, role("R")), "account")
      assert.strictEqual(matchAwsPrincipal(value, session("R", "s")), "account")
      assert.strictEqual(matchAwsPrincipal(value, user("bob", OTHER_ACCOUNT)), "none")
    }
  })
  it("an account covers its root user directly", () => {
    assert.strictEqual(matchAwsPrincipal(`arn:aws:iam::${ACCOUNT}:root`, root()), "direct")
    assert.strictEqual(matchAwsPrincipal(ACCOUNT, root()), "direct")
    assert.strictEqual(matchAwsPrincipal(`arn:aws-cn:iam::${ACCOUNT}:root`, root()), "none")
  })
  it("service principals never cover an IAM caller", () => {
    const document = keyPolicy(statement({ Principal: { Service: "ec2.amazonaws.com" } }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "NotApplicable")
  })
  it("a Deny naming the account applies to every principal in it", () => {
    const document = keyPolicy(statement({ Effect: "Deny", Principal: { AWS: ACCOUNT } }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "Deny")
    assert.strictEqual(evaluatePolicy(document, request(user("bob", OTHER_ACCOUNT), "kms:Encrypt")), "NotApplicable")
  })
})

describe("NotPrincipal", () => {
  const excluding = (...values: ReadonlyArray<string>) =>
    keyPolicy(statement({ Effect: "Deny", Principal: undefined, NotPrincipal: { AWS: values } }))
  it("applies to everyone the list does not exclude", () => {
    const document = excluding(alice.arn, `arn:aws:iam::${ACCOUNT}:root`)
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "NotApplicable")
    assert.strictEqual(evaluatePolicy(document, request(user("bob"), "kms:Encrypt")), "Deny")
    assert.strictEqual(evaluatePolicy(document, request(user("bob", OTHER_ACCOUNT), "kms:Encrypt")), "Deny")
  })
  it("excludes a user only when the account is listed too, as IAM requires with Deny", () => {
    assert.strictEqual(evaluatePolicy(excluding(alice.arn), request(alice, "kms:Encrypt")), "Deny")
  })
  it("excludes a role's sessions when the role and the account are listed", () => {
    const document = excluding(`arn:aws:iam::${ACCOUNT}:role/R`, ACCOUNT)
    assert.strictEqual(evaluatePolicy(document, request(session("R", "s"), "kms:Encrypt")), "NotApplicable")
  })
  it("excludes everyone with \"*\", and the root user by its account", () => {
    assert.strictEqual(evaluatePolicy(excluding("*"), request(alice, "kms:Encrypt")), "NotApplicable")
    assert.strictEqual(evaluatePolicy(excluding(ACCOUNT), request(root(), "kms:Encrypt")), "NotApplicable")
  })
})

describe("documents", () => {
  it("say Deny when any applying statement denies, whatever allows", () => {
    const document = keyPolicy(statement({}), statement({ Effect: "Deny", Action: "kms:Decrypt" }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Decrypt")), "Deny")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt")), "Allow")
  })
  it("say NotApplicable when no statement applies", () => {
    assert.strictEqual(evaluatePolicy(keyPolicy(statement({ Action: "kms:Sign" })), request(alice, "kms:Encrypt")), "NotApplicable")
  })
  it("apply identity policy statements to their holder, with no Principal", () => {
    const document = identityPolicy({ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" })
    assert.deepStrictEqual(policyVerdict(document, request(alice, "kms:Encrypt")), { deny: false, allow: "direct" })
  })
  it("report how the strongest allowing statement names the caller", () => {
    const document = keyPolicy(statement({ Principal: { AWS: ACCOUNT } }), statement({ Principal: { AWS: alice.arn } }))
    assert.deepStrictEqual(policyVerdict(document, request(alice, "kms:Encrypt")), { deny: false, allow: "direct" })
    assert.deepStrictEqual(policyVerdict(document, request(user("bob"), "kms:Encrypt")), { deny: false, allow: "account" })
  })
  it("apply a statement only when its conditions hold", () => {
    const document = keyPolicy(statement({ Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } }))
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt", { "kms:CallerAccount": ACCOUNT })), "Allow")
    assert.strictEqual(evaluatePolicy(document, request(alice, "kms:Encrypt", {})), "NotApplicable")
  })
})
