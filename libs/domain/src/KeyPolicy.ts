import { parsePolicy } from "@trent/policy"
import { Result } from "effect"
import { accountRootArn, type ResourceScope } from "./KeyIdentifiers.ts"
import { InvalidRequest, KeyNotFound, LimitExceeded, MalformedPolicyDocument } from "./KeyErrors.ts"
import { pattern, validationMessage } from "./ValidationMessage.ts"

/** The only policy name, the quota, and the default policy. */
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

/**
 * Storage-level validation (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html): characters, the 32 KB quota, then the
 * document itself as @trent/policy parses key policies (JSON, Version,
 * statements, Principal required, operators…). The lockout safety check needs
 * the caller, so the runtime makes it.
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
  const parsed = parsePolicy(policy, "key")
  return Result.isFailure(parsed) ? new MalformedPolicyDocument({ message: parsed.failure.message }) : undefined
}
