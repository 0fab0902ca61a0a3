import { fields, listOf, type ObjectRule, type OperationAuditRule, renamed } from "./auditRule.ts"

/** Audit rule pieces several operations share (CloudTrail's KMS examples, https://docs.aws.amazon.com/kms/latest/developerguide/understanding-kms-entries.html). */
export const keyOnly = fields({ keyId: "string" })
export const paging = { limit: "number", marker: "string" } as const
export const tag = fields({ tagKey: "string", tagValue: "string" })
export const tags = listOf(tag)
// Attestation documents are opaque blobs: keep only which algorithm the recipient asked for.
export const recipient = fields({ keyEncryptionAlgorithm: "string" })
export const cryptoBase = { keyId: "string", encryptionContext: "stringMap", dryRun: "boolean" } as const
export const dataKey = fields({ ...cryptoBase, numberOfBytes: "number", keySpec: "string", recipient })
export const dataKeyPair = fields({ ...cryptoBase, keyPairSpec: "string", recipient })
export const signing = fields({ keyId: "string", messageType: "string", signingAlgorithm: "string", dryRun: "boolean" })
export const mac = fields({ keyId: "string", macAlgorithm: "string", dryRun: "boolean" })
export const keyMaterialId = fields({ keyMaterialId: "string" })
export const keyAndMaterial = fields({ keyId: "string", keyMaterialId: "string" })
export const xksProxy = {
  cloudHsmClusterId: "string",
  xksProxyUriEndpoint: "string",
  xksProxyUriPath: "string",
  xksProxyVpcEndpointServiceName: "string",
  xksProxyConnectivity: "string"
} as const

export const keyMetadata = fields({
  awsAccountId: renamed("AWSAccountId", "string"),
  keyId: "string",
  arn: "string",
  creationDate: "date",
  enabled: "boolean",
  description: "string",
  keyUsage: "string",
  keyState: "string",
  deletionDate: "date",
  validTo: "date",
  origin: "string",
  customKeyStoreId: "string",
  keyManager: "string",
  customerMasterKeySpec: "string",
  keySpec: "string",
  encryptionAlgorithms: "stringList",
  signingAlgorithms: "stringList",
  macAlgorithms: "stringList",
  keyAgreementAlgorithms: "stringList",
  multiRegion: "boolean",
  pendingDeletionWindowInDays: "number",
  currentKeyMaterialId: "string"
})

export const keyPolicyChange = { policy: "string", bypassPolicyLockoutSafetyCheck: "boolean", description: "string", tags } as const

export const read = (request: ObjectRule): OperationAuditRule => ({ readOnly: true, request })
export const cryptographic = (request: ObjectRule, additional?: ObjectRule): OperationAuditRule =>
  additional === undefined ? { readOnly: true, request } : { readOnly: true, request, additional }
export const change = (request: ObjectRule, response?: ObjectRule): OperationAuditRule =>
  response === undefined ? { readOnly: false, request } : { readOnly: false, request, response }
