import { Predicate } from "effect"
import { accountRootArn, type ResourceScope } from "./KeyIdentifiers.ts"
import { InvalidRequest, KeyNotFound, LimitExceeded, MalformedPolicyDocument } from "./KeyErrors.ts"
import { pattern, validationMessage } from "./ValidationMessage.ts"

/** aws-kms-api.md §7.8: the only policy name, the quota, and the default policy. */
export const DEFAULT_POLICY_NAME = "default"
export const MAX_POLICY_BYTES = 32_768
// The model's pattern for Policy: tab, LF, CR and U+0020..U+00FF.
// eslint-disable-next-line no-control-regex
const policyCharacters = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/

/** AWS returns the default policy pretty-printed; whitespace carries no meaning. */
export const defaultKeyPolicy = (scope: ResourceScope): string =>
  JSON.stringify(
    {
      Version: "2012-10-17",
      Id: "key-default-1",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: accountRootArn(scope) },
          Action: "kms:*",
          Resource: "*"
        }
      ]
    },
    null,
    2
  )

export const checkPolicyName = (policyName: string | undefined): KeyNotFound | undefined =>
  policyName === undefined || policyName === DEFAULT_POLICY_NAME
    ? undefined
    : new KeyNotFound({ message: "No such policy exists" })

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Storage-level validation: characters, the 32 KB quota, JSON, and the statement
 * shape AWS rejects outright (no Principal). Evaluating the policy — and the
 * lockout safety check that needs evaluation — arrives with authorization.
 */
export const checkPolicyDocument = (
  policy: string
): InvalidRequest | LimitExceeded | MalformedPolicyDocument | undefined => {
  if (!policyCharacters.test(policy)) {
    const rule = pattern("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
    return new InvalidRequest({ message: validationMessage([{ path: "policy", value: policy, rule }]) })
  }
  if (new TextEncoder().encode(policy).length > MAX_POLICY_BYTES) {
    return new LimitExceeded({ message: `Policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.` })
  }
  const document = parseJson(policy)
  if (!Predicate.isObject(document) || Array.isArray(document)) {
    return new MalformedPolicyDocument({ message: "The policy is not valid JSON." })
  }
  const statement = (document as Record<string, unknown>)["Statement"]
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement]
  if (statements.length === 0) {
    return new MalformedPolicyDocument({ message: "The policy must contain at least one statement." })
  }
  for (const each of statements) {
    if (!Predicate.isObject(each) || Array.isArray(each)) {
      return new MalformedPolicyDocument({ message: "Each policy statement must be a JSON object." })
    }
    const fields = each as Record<string, unknown>
    if (fields["Effect"] !== "Allow" && fields["Effect"] !== "Deny") {
      return new MalformedPolicyDocument({ message: "Each policy statement must have an Effect of Allow or Deny." })
    }
    if (fields["Principal"] === undefined && fields["NotPrincipal"] === undefined) {
      return new MalformedPolicyDocument({ message: "Policy statement must contain a principal." })
    }
  }
  return undefined
}
