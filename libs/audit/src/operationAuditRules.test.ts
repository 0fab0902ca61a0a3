import { Operations } from "@trent/domain"
import { describe, expect, it } from "vitest"
import { keyUsageOperations } from "./KeyLastUsage.ts"
import { operationAuditRules } from "./operationAuditRules.ts"
import type { FieldRule, ObjectRule } from "./Projection.ts"

// Names of the request and result members that carry secrets or opaque blobs (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html).
const secretFields = [
  "plaintext", "ciphertextBlob", "message", "signature", "mac", "publicKey", "grantToken", "grantTokens",
  "privateKeyPlaintext", "privateKeyCiphertextBlob", "sharedSecret", "ciphertextForRecipient", "importToken",
  "encryptedKeyMaterial", "keyStorePassword", "xksProxyAuthenticationCredential", "attestationDocument",
  "trustAnchorCertificate"
]

const namesIn = (rule: FieldRule): ReadonlyArray<string> => {
  if (typeof rule === "string") return []
  switch (rule._tag) {
    case "Object":
      return Object.entries(rule.fields).flatMap(([name, inner]) => [name, ...namesIn(inner)])
    case "List":
      return namesIn(rule.item)
    case "Renamed":
      return [rule.as, ...namesIn(rule.rule)]
  }
}

const rulesOf = (op: keyof typeof operationAuditRules): ReadonlyArray<ObjectRule> => {
  const { request, response, additional } = operationAuditRules[op]
  return [request, ...(response === undefined ? [] : [response]), ...(additional === undefined ? [] : [additional])]
}

describe("operationAuditRules", () => {
  it("has a rule for every operation of the API model and for nothing else", () => {
    expect(Object.keys(operationAuditRules).sort()).toEqual([...Operations].sort())
    expect(Operations).toHaveLength(54)
  })

  it("is frozen", () => {
    expect(Object.isFrozen(operationAuditRules)).toBe(true)
    for (const op of Operations) expect(Object.isFrozen(operationAuditRules[op])).toBe(true)
  })

  it.each(Operations)("never allows a secret or blob member for %s", (op) => {
    const allowed = rulesOf(op).flatMap((rule) => namesIn(rule))
    expect(allowed.filter((name) => secretFields.includes(name))).toEqual([])
  })

  it("gives the cryptographic operations null responseElements and read-only records, as CloudTrail does", () => {
    for (const op of [...keyUsageOperations, "GenerateRandom", "GetPublicKey"] as const) {
      const rule = operationAuditRules[op as keyof typeof operationAuditRules]
      expect(rule.response, op).toBeUndefined()
      expect(rule.readOnly, op).toBe(true)
    }
  })

  it("marks every Describe, Get and List operation read-only and every Create, Delete, Update write", () => {
    for (const op of Operations) {
      if (/^(Describe|Get|List)/.test(op)) expect(operationAuditRules[op].readOnly, op).toBe(true)
      if (/^(Create|Delete|Update|Put|Schedule|Cancel|Enable|Disable|Tag|Untag|Import)/.test(op)) {
        expect(operationAuditRules[op].readOnly, op).toBe(false)
      }
    }
  })
})
