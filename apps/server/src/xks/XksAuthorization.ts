import { type AuthorizationRequest, evaluatePolicy, type PolicyDocument } from "@trent/policy"
import type { XksOperation, XksRequestMetadata } from "@trent/protocol"

/**
 * The proxy's secondary authorization (XKS spec, "Authorization"): the
 * operator's policy, in IAM's language and evaluated by Trent's policy
 * engine, decides on the requestMetadata. It is an identity-style document
 * (no Principal element): its statements name the actions
 * `kms-xks-proxy:GetKeyMetadata|Encrypt|Decrypt`, the external key ids as
 * resources, and conditions on these keys:
 *
 * - `aws:PrincipalArn`: requestMetadata.awsPrincipalArn
 * - `kms:ViaService`: kmsViaService
 * - `aws:SourceVpc`, `aws:SourceVpce`: awsSourceVpc, awsSourceVpce
 * - `kms-xks-proxy:KmsKeyArn`, `kms-xks-proxy:KmsOperation`: kmsKeyArn, kmsOperation
 *
 * Only an explicit Allow passes; an explicit Deny wins. GetHealthStatus "MUST
 * be excluded from secondary authorization" and never comes here.
 */
export const xksAuthorizes = (
  policy: PolicyDocument | undefined,
  operation: Exclude<XksOperation, "GetHealthStatus">,
  externalKeyId: string,
  metadata: XksRequestMetadata
): boolean => {
  if (policy === undefined) return true
  const conditions: Record<string, string> = {}
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) conditions[key] = value
  }
  put("aws:PrincipalArn", metadata.awsPrincipalArn)
  put("kms:ViaService", metadata.kmsViaService)
  put("aws:SourceVpc", metadata.awsSourceVpc)
  put("aws:SourceVpce", metadata.awsSourceVpce)
  put("kms-xks-proxy:KmsKeyArn", metadata.kmsKeyArn)
  put("kms-xks-proxy:KmsOperation", metadata.kmsOperation)
  const arn = metadata.awsPrincipalArn ?? ""
  const request: AuthorizationRequest = {
    // An identity-style document never matches on the principal; it is named for the policy variables only.
    principal: { arn, account: arn.split(":")[4] ?? "", kind: "user" },
    action: `kms-xks-proxy:${operation}`,
    resource: externalKeyId,
    conditions
  }
  return evaluatePolicy(policy, request) === "Allow"
}
