import type { ConditionValue, Conditions, RequestPrincipal } from "./AuthorizationRequest.ts"

/**
 * What the runtime knows about a request, by name; `requestConditions` turns it
 * into the condition-key map policies read. Each field fills the keys named
 * beside it (KMS Developer Guide, "AWS KMS condition keys"; IAM User Guide, "AWS
 * global condition context keys"). Leave a field out when the request has no
 * such value: the key is then absent, which is not the same as empty.
 */
export interface RequestFacts {
  /** kms:CallerAccount, aws:PrincipalArn, aws:PrincipalAccount, aws:userid (its id), aws:username (IAM users only). */
  readonly caller?: RequestPrincipal
  /** The request time in epoch milliseconds: aws:CurrentTime and aws:EpochTime (seconds). */
  readonly now?: number
  /** aws:SourceIp. */
  readonly sourceIp?: string
  /** aws:SecureTransport. */
  readonly secureTransport?: boolean
  /** kms:EncryptionContext:<key> for each pair, and kms:EncryptionContextKeys (absent when there is no pair). */
  readonly encryptionContext?: Readonly<Record<string, string>>
  /** kms:GrantOperations (multivalued). */
  readonly grantOperations?: ReadonlyArray<string>
  readonly grantIsForAwsResource?: boolean
  /** "EncryptionContextEquals" or "EncryptionContextSubset". */
  readonly grantConstraintType?: string
  readonly granteePrincipal?: string
  readonly retiringPrincipal?: string
  readonly keySpec?: string
  readonly keyUsage?: string
  readonly keyOrigin?: string
  /** The alias name the request used as KeyId (kms:RequestAlias), e.g. "alias/finance-key". */
  readonly requestAlias?: string
  /** Every alias name of the key (kms:ResourceAliases, multivalued). */
  readonly resourceAliases?: ReadonlyArray<string>
  readonly encryptionAlgorithm?: string
  readonly signingAlgorithm?: string
  readonly macAlgorithm?: string
  readonly messageType?: string
  /** kms:ViaService, e.g. "ec2.us-west-2.amazonaws.com". */
  readonly viaService?: string
  readonly bypassPolicyLockoutSafetyCheck?: boolean
  /** aws:ResourceTag/<key> for each of the key's tags. */
  readonly resourceTags?: Readonly<Record<string, string>>
  /** aws:RequestTag/<key> for each tag in the request, and aws:TagKeys (multivalued). */
  readonly requestTags?: Readonly<Record<string, string>>
}

/** The single-valued facts and the key each one fills. */
const simpleKeys = {
  sourceIp: "aws:SourceIp",
  secureTransport: "aws:SecureTransport",
  grantOperations: "kms:GrantOperations",
  grantIsForAwsResource: "kms:GrantIsForAWSResource",
  grantConstraintType: "kms:GrantConstraintType",
  granteePrincipal: "kms:GranteePrincipal",
  retiringPrincipal: "kms:RetiringPrincipal",
  keySpec: "kms:KeySpec",
  keyUsage: "kms:KeyUsage",
  keyOrigin: "kms:KeyOrigin",
  requestAlias: "kms:RequestAlias",
  resourceAliases: "kms:ResourceAliases",
  encryptionAlgorithm: "kms:EncryptionAlgorithm",
  signingAlgorithm: "kms:SigningAlgorithm",
  macAlgorithm: "kms:MacAlgorithm",
  messageType: "kms:MessageType",
  viaService: "kms:ViaService",
  bypassPolicyLockoutSafetyCheck: "kms:BypassPolicyLockoutSafetyCheck"
} as const satisfies Partial<Record<keyof RequestFacts, string>>

const IAM_USER = /^arn:aws[a-z-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/

const callerKeys = (caller: RequestPrincipal): Record<string, ConditionValue> => {
  const username = IAM_USER.exec(caller.arn)?.[1]
  return {
    "kms:CallerAccount": caller.account,
    "aws:PrincipalArn": caller.arn,
    "aws:PrincipalAccount": caller.account,
    ...(caller.id === undefined ? {} : { "aws:userid": caller.id }),
    ...(username === undefined ? {} : { "aws:username": username })
  }
}

const prefixed = (prefix: string, pairs: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(pairs).map(([key, value]) => [`${prefix}${key}`, value]))

export const requestConditions = (facts: RequestFacts): Conditions => {
  const conditions: Record<string, ConditionValue> = {}
  for (const [field, key] of Object.entries(simpleKeys)) {
    const value = facts[field as keyof typeof simpleKeys]
    if (value !== undefined) conditions[key] = value
  }
  const context = facts.encryptionContext ?? {}
  const contextKeys = Object.keys(context)
  const tagKeys = Object.keys(facts.requestTags ?? {})
  return {
    ...conditions,
    ...(facts.caller === undefined ? {} : callerKeys(facts.caller)),
    ...(facts.now === undefined
      ? {}
      : { "aws:CurrentTime": { epochMillis: facts.now }, "aws:EpochTime": Math.floor(facts.now / 1000) }),
    ...prefixed("kms:EncryptionContext:", context),
    ...(contextKeys.length === 0 ? {} : { "kms:EncryptionContextKeys": contextKeys }),
    ...prefixed("aws:ResourceTag/", facts.resourceTags ?? {}),
    ...prefixed("aws:RequestTag/", facts.requestTags ?? {}),
    ...(tagKeys.length === 0 ? {} : { "aws:TagKeys": tagKeys })
  }
}
