import type { AuditInput, AuditPrincipal } from "./AuditInput.ts"
import { auditEventVersion, type AuditRecord, type AuditResource, type AuditUserIdentity } from "./AuditRecord.ts"
import { isoSeconds } from "./isoSeconds.ts"
import { auditRuleOf, type OperationAuditRule } from "./operationAuditRules.ts"
import { project, type JsonObject } from "./Projection.ts"

/** "arn:aws:kms:eu-west-1:111122223333:key/…" → "111122223333" (the fifth field of an ARN). */
const accountOfArn = (arn: string): string => arn.split(":")[4] ?? ""

const resourceOf = (arn: string): AuditResource => ({ accountId: accountOfArn(arn), type: "AWS::KMS::Key", ARN: arn })

// CloudTrail writes null, not {}, when a request has no parameters worth recording (ct-retire-grant.html).
const nonEmptyOrNull = (value: JsonObject | undefined): JsonObject | null =>
  value === undefined || Object.keys(value).length === 0 ? null : value

const responseElementsOf = (rule: OperationAuditRule | undefined, input: AuditInput): JsonObject | null => {
  if (rule?.response === undefined || input.error !== undefined) return null
  const projected = nonEmptyOrNull(project(input.response, rule.response))
  if (projected === null || rule.responseKey === undefined) return projected
  return { [rule.responseKey]: projected }
}

const additionalEventDataOf = (rule: OperationAuditRule | undefined, input: AuditInput): JsonObject | undefined => {
  if (rule?.additional === undefined || input.error !== undefined) return undefined
  return nonEmptyOrNull(project(input.response, rule.additional)) ?? undefined
}

// Picked, not spread: the server's principal may carry more (identity policies) than CloudTrail records.
const userIdentityOf = ({ type, principalId, arn, accountId, accessKeyId }: AuditPrincipal): AuditUserIdentity =>
  ({ type, principalId, arn, accountId, accessKeyId })

// Requests Trent issues itself (schedulers) have no caller address, as AWS's own show "AWS Internal".
const internalCaller = "Trent Internal"

/**
 * The audit record of one request, in CloudTrail's shape. Pure: the same
 * input gives the same record. Only allow-listed request parameters and
 * result fields are kept (operationAuditRules); an operation outside the API
 * model (an unknown target) keeps none. Failed requests carry errorCode and
 * errorMessage and a null responseElements, as CloudTrail records them.
 */
export const auditRecordOf = (input: AuditInput): AuditRecord => {
  const rule = auditRuleOf(input.operation)
  const resources = input.resources.map(resourceOf)
  const additionalEventData = additionalEventDataOf(rule, input)
  return {
    eventVersion: auditEventVersion,
    userIdentity: userIdentityOf(input.principal),
    eventTime: isoSeconds(input.time),
    eventSource: "kms.amazonaws.com",
    eventName: input.operation,
    awsRegion: input.region,
    sourceIPAddress: input.sourceIp ?? internalCaller,
    userAgent: input.userAgent ?? internalCaller,
    requestParameters: rule === undefined ? null : nonEmptyOrNull(project(input.request, rule.request)),
    responseElements: responseElementsOf(rule, input),
    ...(additionalEventData === undefined ? {} : { additionalEventData }),
    ...(input.error === undefined ? {} : { errorCode: input.error.code }),
    ...(input.error?.message === undefined ? {} : { errorMessage: input.error.message }),
    requestID: input.requestId,
    eventID: input.eventId,
    readOnly: rule?.readOnly ?? false,
    resources,
    eventType: "AwsApiCall",
    managementEvent: true,
    // The account that owns the key receives the event; with no key, the caller's own account.
    recipientAccountId: resources[0]?.accountId ?? input.principal.accountId,
    eventCategory: "Management"
  }
}
