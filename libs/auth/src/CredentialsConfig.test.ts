import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decodeCredentialsConfig } from "./CredentialsConfig.ts"
import { makeCredentialStore } from "./CredentialStore.ts"

const secret = "s3cr3t-never-in-a-message"

const key = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: secret })

const problems = (json: unknown): string => {
  const result = decodeCredentialsConfig(json, "the file")
  if (Result.isSuccess(result)) throw new Error("expected the config to be refused")
  expect(result.failure.message).not.toContain(secret)
  return result.failure.message
}

describe("decodeCredentialsConfig", () => {
  it("accepts users, roles and the root, each with keys and identity policies, and ignores fields it does not know", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" }] }
    const result = decodeCredentialsConfig({
      accounts: [{
        accountId: "111122223333",
        principals: [
          {
            arn: "arn:aws:iam::111122223333:user/ops/alice",
            accessKeys: [key("AKIAALICEEXAMPLE0001")],
            policies: [{ name: "encrypt", document }, { name: "as-text", document: JSON.stringify(document) }],
            groups: ["later"]
          },
          { arn: "arn:aws:iam::111122223333:role/deployer", principalId: "AROAEXAMPLEROLEID0001", accessKeys: [key("AKIADEPLOYEREXAMPLE1")] },
          { arn: "arn:aws:iam::111122223333:root", accessKeys: [key("AKIAROOTEXAMPLE00001")] }
        ]
      }]
    }, "the file")
    expect(Result.isSuccess(result)).toBe(true)
    const store = makeCredentialStore(Result.getOrThrow(result))
    expect(store.get("AKIAALICEEXAMPLE0001")!.principal.type).toBe("IAMUser")
    expect(store.get("AKIAALICEEXAMPLE0001")!.principal.identityPolicies).toHaveLength(2)
    expect(store.get("AKIAROOTEXAMPLE00001")!.principal.identityPolicies).toEqual([])
    expect(store.get("AKIADEPLOYEREXAMPLE1")!.principal).toMatchObject({ type: "AssumedRole", principalId: "AROAEXAMPLEROLEID0001" })
    expect(store.get("AKIAROOTEXAMPLE00001")!.principal).toMatchObject({ type: "Root", principalId: "111122223333" })
  })

  it("refuses an identity policy that does not parse, naming the principal and policy", () => {
    const message = problems({
      accounts: [{
        accountId: "111122223333",
        principals: [{
          arn: "arn:aws:iam::111122223333:user/a",
          accessKeys: [key("AKIAPOLICYEXAMPLE001")],
          policies: [{ name: "broken", document: { Statement: [{ Effect: "Maybe", Action: "kms:*", Resource: "*" }] } }]
        }]
      }]
    })
    expect(message).toContain("accounts[0].principals[0].policies[0] (broken):")
  })

  it("refuses an access key id used twice, even across accounts", () => {
    expect(problems({
      accounts: [
        { accountId: "111122223333", principals: [{ arn: "arn:aws:iam::111122223333:user/a", accessKeys: [key("AKIASHAREDEXAMPLE001")] }] },
        { accountId: "444455556666", principals: [{ arn: "arn:aws:iam::444455556666:user/b", accessKeys: [key("AKIASHAREDEXAMPLE001")] }] }
      ]
    })).toBe(
      "the file is invalid: accounts[1].principals[0].accessKeys[0].accessKeyId: AKIASHAREDEXAMPLE001 is used twice " +
        "(access key ids are unique across the file)"
    )
  })

  it("refuses an ARN of another account, a malformed ARN, and an account or ARN listed twice", () => {
    expect(problems({
      accounts: [
        {
          accountId: "111122223333",
          principals: [
            { arn: "arn:aws:iam::444455556666:user/a", accessKeys: [] },
            { arn: "arn:aws:s3:::bucket", accessKeys: [] },
            { arn: "arn:aws:iam::111122223333:user/c", accessKeys: [] },
            { arn: "arn:aws:iam::111122223333:user/c", accessKeys: [] }
          ]
        },
        { accountId: "111122223333", principals: [] }
      ]
    })).toBe(
      "the file is invalid: accounts[0].principals[0].arn: names account 444455556666, not 111122223333; " +
        "accounts[0].principals[1].arn: must be arn:aws:iam::<account>:user/<name>, :role/<name> or :root, got 'arn:aws:s3:::bucket'; " +
        "accounts[0].principals[3].arn: arn:aws:iam::111122223333:user/c appears twice; " +
        "accounts[1].accountId: 111122223333 appears twice"
    )
  })

  it("names missing and mistyped fields by their path", () => {
    expect(problems({ accounts: [{ accountId: "111122223333", principals: [{ accessKeys: [{ accessKeyId: "AKIAALICEEXAMPLE0001", secretAccessKey: "" }] }] }] }))
      .toBe(
        "the file is invalid: accounts[0].principals[0].arn: Missing key; " +
          "accounts[0].principals[0].accessKeys[0].secretAccessKey: must not be empty"
      )
    expect(problems([])).toBe("the file is invalid: Expected object")
  })

  it("never shows a secret, even when the secret is the field in error", () => {
    problems({ accounts: [{ accountId: "111122223333", principals: [{ arn: "x", accessKeys: [{ accessKeyId: secret, secretAccessKey: secret }] }] }] })
  })
})
