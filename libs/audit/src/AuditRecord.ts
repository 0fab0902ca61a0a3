import { Schema } from "effect"

/**
 * One audit record, in the shape of a CloudTrail management event for KMS, so
 * that tools that read CloudTrail read Trent's audit log unchanged. Field by
 * field after "CloudTrail record contents for management, data, and network
 * activity events"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html)
 * and the KMS examples in "Logging AWS KMS API calls with AWS CloudTrail"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/understanding-kms-entries.html,
 * e.g. ct-encrypt.html, ct-createkey.html, ct-put-key-policy.html).
 *
 * Trent writes eventVersion 1.08, the version of the KMS examples that carry
 * every field below (managementEvent and eventCategory arrived in 1.08).
 */
export const auditEventVersion = "1.08"

/** CloudTrail's "type" values for the identities Trent authenticates; "Unknown" when no signature verified. */
export const AuditIdentityType = Schema.Literals(["IAMUser", "AssumedRole", "Root", "AWSAccount", "Unknown"])
export type AuditIdentityType = typeof AuditIdentityType.Type

/** The CloudTrail userIdentity element (cloudtrail-event-reference-user-identity.html), without userName. */
export const AuditUserIdentity = Schema.Struct({
  type: AuditIdentityType,
  principalId: Schema.String,
  arn: Schema.String,
  accountId: Schema.String,
  accessKeyId: Schema.String
})
export type AuditUserIdentity = typeof AuditUserIdentity.Type

/** A resource of the event; for KMS, each key the request used (ct-put-key-policy.html). */
export const AuditResource = Schema.Struct({
  accountId: Schema.String,
  type: Schema.Literal("AWS::KMS::Key"),
  ARN: Schema.String
})
export type AuditResource = typeof AuditResource.Type

/** CloudTrail writes eventTime in UTC to the second: "2026-11-28T14:03:05Z". */
export const EventTime = Schema.String.check(Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/))

export const AuditRecord = Schema.Struct({
  eventVersion: Schema.Literal(auditEventVersion),
  userIdentity: AuditUserIdentity,
  eventTime: EventTime,
  eventSource: Schema.Literal("kms.amazonaws.com"),
  eventName: Schema.String,
  awsRegion: Schema.String,
  sourceIPAddress: Schema.String,
  userAgent: Schema.String,
  /** The allow-listed request parameters (operationAuditRules), or null when none are kept. */
  requestParameters: Schema.NullOr(Schema.JsonObject),
  /** Null for failed requests and for operations that change nothing, as CloudTrail writes them. */
  responseElements: Schema.NullOr(Schema.JsonObject),
  /** CloudTrail's service-specific extras (keyMaterialId for KMS crypto operations). */
  additionalEventData: Schema.optionalKey(Schema.JsonObject),
  errorCode: Schema.optionalKey(Schema.String),
  errorMessage: Schema.optionalKey(Schema.String),
  requestID: Schema.String,
  eventID: Schema.String,
  readOnly: Schema.Boolean,
  resources: Schema.Array(AuditResource),
  eventType: Schema.Literal("AwsApiCall"),
  managementEvent: Schema.Literal(true),
  recipientAccountId: Schema.String,
  eventCategory: Schema.Literal("Management")
})
export type AuditRecord = typeof AuditRecord.Type
