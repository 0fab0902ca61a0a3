import { Schema } from "effect"

/**
 * A policy document AWS would refuse. The tag is the one `@trent/domain` uses, so
 * `protocol`'s single error table answers MalformedPolicyDocumentException.
 */
export class MalformedPolicyDocument extends Schema.TaggedError<MalformedPolicyDocument>()(
  "MalformedPolicyDocument",
  { message: Schema.String }
) {}

/** A CreateGrant request AWS answers with ValidationException (`protocol` maps the tag). */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  message: Schema.String
}) {}

/**
 * The texts used for MalformedPolicyDocumentException. Marked (obs) where a
 * public report of a real AWS answer shows the exact text; the rest are Trent's
 * own wording, written to say plainly what is wrong.
 */
export const PolicyMessages = {
  // (obs) KMS: terraform-aws-modules/terraform-aws-eks#2163.
  noPrincipal: "Policy contains a statement with no principal.",
  // (obs) KMS: e.g. cloudposse/terraform-aws-vpc-flow-logs-s3-bucket#27, aws-samples/…#32.
  invalidPrincipal: "Policy contains a statement with one or more invalid principals.",
  // (obs) KMS: e.g. terraform-aws-modules/terraform-aws-kms#14.
  lockout: "The new key policy will not allow you to update the key policy in the future.",
  // (obs) IAM: hashicorp/terraform-provider-aws#10419.
  principalInIdentityPolicy: "Policy document should not specify a principal.",
  // IAM's texts as getmoto/moto `moto/iam/policy_validation.py` reproduces them.
  noActions: "Policy statement must contain actions.",
  noResources: "Policy statement must contain resources.",
  actionWithoutVendor: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  actionWithColons: "Actions/Condition can contain only one colon.",
  invalidVendor: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceNotArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  duplicateSid: "Statement IDs (SID) in a single policy must be unique.",
  // Trent's wording.
  invalidJson: "The policy is not valid JSON.",
  notAnObject: "The policy must be a JSON object.",
  noStatement: "The policy must contain at least one statement.",
  statementNotObject: "Each policy statement must be a JSON object.",
  badEffect: "Each policy statement must have an Effect of Allow or Deny.",
  actionAndNotAction: "A policy statement cannot contain both Action and NotAction.",
  resourceAndNotResource: "A policy statement cannot contain both Resource and NotResource.",
  principalAndNotPrincipal: "A policy statement cannot contain both Principal and NotPrincipal.",
  unsupportedVersion: (version: string) =>
    `The policy version ${JSON.stringify(version)} is not supported: use "2012-10-17" or "2008-10-17".`,
  unknownElement: (element: string) => `The policy contains an unknown element ${JSON.stringify(element)}.`,
  notAString: (element: string) => `${element} must be a string or a list of strings.`,
  badCondition: "The Condition element must map condition operators to objects of condition keys and values.",
  invalidOperator: (operator: string) => `The policy contains an invalid condition operator ${JSON.stringify(operator)}.`,
  badConditionValue: (operator: string, key: string) =>
    `The values of ${JSON.stringify(key)} under ${JSON.stringify(operator)} must be strings, numbers or booleans.`
} as const
