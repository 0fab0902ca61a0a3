import type { Operation } from "@trent/domain"
import { fields, listOf, type ObjectRule, renamed } from "./Projection.ts"
import { xksAuditRules } from "./xksAuditRules.ts"

/**
 * How each KMS operation is recorded: CloudTrail's readOnly flag, the
 * allow-list of its requestParameters and responseElements, and the
 * additionalEventData drawn from its result.
 *
 * Request parameters keep what CloudTrail's KMS examples show (key ids and
 * ARNs, alias names, encryption contexts, algorithms, key specs and usages,
 * grant parameters, sizes, DryRun, policy names, descriptions, tags and, as
 * CloudTrail does for PutKeyPolicy, the policy text: a policy is not secret).
 * They never keep plaintext, ciphertext blobs, messages, signatures, MACs,
 * peer public keys, data keys, private keys, grant tokens (bearer credentials
 * until the grant is consistent), shared secrets, import tokens or material,
 * key store passwords or proxy credentials.
 *
 * responseElements is null for the cryptographic and read-only operations and
 * keeps identifiers and states for the ones that change something, as in
 * ct-createkey.html (keyMetadata), ct-schedule-key-deletion.html and
 * ct-creategrant.html (grantId, never the grant token). Keyed by every
 * operation of the API model (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html); a test holds it to that.
 */
export interface OperationAuditRule {
  readonly readOnly: boolean
  readonly request: ObjectRule
  /** Absent: responseElements is null. */
  readonly response?: ObjectRule
  /** Nests the projected result under this name (CreateKey's result is the KeyMetadata itself). */
  readonly responseKey?: string
  /** Result fields CloudTrail files under additionalEventData (ct-encrypt.html: keyMaterialId). */
  readonly additional?: ObjectRule
}

const keyOnly = fields({ keyId: "string" })
const page = { limit: "number", marker: "string" } as const
const tag = fields({ tagKey: "string", tagValue: "string" })
const tags = listOf(tag)
// Attestation documents are opaque blobs: keep only which algorithm the recipient asked for.
const recipient = fields({ keyEncryptionAlgorithm: "string" })
const cryptoBase = { keyId: "string", encryptionContext: "stringMap", dryRun: "boolean" } as const
const dataKey = fields({ ...cryptoBase, numberOfBytes: "number", keySpec: "string", recipient })
const dataKeyPair = fields({ ...cryptoBase, keyPairSpec: "string", recipient })
const signing = fields({ keyId: "string", messageType: "string", signingAlgorithm: "string", dryRun: "boolean" })
const mac = fields({ keyId: "string", macAlgorithm: "string", dryRun: "boolean" })
const keyMaterialId = fields({ keyMaterialId: "string" })
const keyAndMaterial = fields({ keyId: "string", keyMaterialId: "string" })
const xksProxy = {
  cloudHsmClusterId: "string",
  xksProxyUriEndpoint: "string",
  xksProxyUriPath: "string",
  xksProxyVpcEndpointServiceName: "string",
  xksProxyConnectivity: "string"
} as const

const keyMetadata = fields({
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

const keyPolicyChange = { policy: "string", bypassPolicyLockoutSafetyCheck: "boolean", description: "string", tags } as const

const read = (request: ObjectRule): OperationAuditRule => ({ readOnly: true, request })
const cryptographic = (request: ObjectRule, additional?: ObjectRule): OperationAuditRule =>
  additional === undefined ? { readOnly: true, request } : { readOnly: true, request, additional }
const change = (request: ObjectRule, response?: ObjectRule): OperationAuditRule =>
  response === undefined ? { readOnly: false, request } : { readOnly: false, request, response }

const deepFreeze = <T extends object>(table: T): T => {
  for (const value of Object.values(table)) Object.freeze(value)
  return Object.freeze(table)
}

export const operationAuditRules: { readonly [Op in Operation]: OperationAuditRule } = deepFreeze({
  // Key lifecycle
  CreateKey: {
    readOnly: false,
    request: fields({
      ...keyPolicyChange,
      keyUsage: "string",
      keySpec: "string",
      customerMasterKeySpec: "string",
      origin: "string",
      multiRegion: "boolean",
      customKeyStoreId: "string",
      xksKeyId: "string"
    }),
    response: keyMetadata,
    responseKey: "keyMetadata"
  },
  DescribeKey: read(keyOnly),
  ListKeys: read(fields(page)),
  EnableKey: change(keyOnly),
  DisableKey: change(keyOnly),
  ScheduleKeyDeletion: change(
    fields({ keyId: "string", pendingWindowInDays: "number" }),
    fields({ keyId: "string", keyState: "string", deletionDate: "date", pendingWindowInDays: "number" })
  ),
  CancelKeyDeletion: change(keyOnly, keyOnly),
  UpdateKeyDescription: change(fields({ keyId: "string", description: "string" })),
  GetKeyLastUsage: read(keyOnly),
  // Cryptographic operations; grant tokens are dropped everywhere.
  Encrypt: cryptographic(fields({ ...cryptoBase, encryptionAlgorithm: "string" }), keyMaterialId),
  Decrypt: cryptographic(
    fields({ ...cryptoBase, encryptionAlgorithm: "string", dryRunModifiers: "stringList", recipient }),
    keyMaterialId
  ),
  ReEncrypt: cryptographic(
    fields({
      sourceKeyId: "string",
      destinationKeyId: "string",
      sourceEncryptionContext: "stringMap",
      destinationEncryptionContext: "stringMap",
      sourceEncryptionAlgorithm: "string",
      destinationEncryptionAlgorithm: "string",
      dryRun: "boolean",
      dryRunModifiers: "stringList"
    }),
    fields({ sourceKeyMaterialId: "string", destinationKeyMaterialId: "string" })
  ),
  Sign: cryptographic(signing),
  Verify: cryptographic(signing),
  GenerateMac: cryptographic(mac),
  VerifyMac: cryptographic(mac),
  DeriveSharedSecret: cryptographic(fields({ keyId: "string", keyAgreementAlgorithm: "string", dryRun: "boolean", recipient })),
  GetPublicKey: read(keyOnly),
  GenerateRandom: cryptographic(fields({ numberOfBytes: "number", customKeyStoreId: "string", recipient })),
  // Data keys
  GenerateDataKey: cryptographic(dataKey, keyMaterialId),
  GenerateDataKeyWithoutPlaintext: cryptographic(dataKey, keyMaterialId),
  GenerateDataKeyPair: cryptographic(dataKeyPair, keyMaterialId),
  GenerateDataKeyPairWithoutPlaintext: cryptographic(dataKeyPair, keyMaterialId),
  // Rotation
  EnableKeyRotation: change(fields({ keyId: "string", rotationPeriodInDays: "number" })),
  DisableKeyRotation: change(keyOnly),
  GetKeyRotationStatus: read(keyOnly),
  RotateKeyOnDemand: change(keyOnly, keyOnly),
  ListKeyRotations: read(fields({ keyId: "string", includeKeyMaterial: "string", ...page })),
  // Aliases
  CreateAlias: change(fields({ aliasName: "string", targetKeyId: "string" })),
  UpdateAlias: change(fields({ aliasName: "string", targetKeyId: "string" })),
  DeleteAlias: change(fields({ aliasName: "string" })),
  ListAliases: read(fields({ keyId: "string", ...page })),
  // Key policies: the policy text is kept, as in ct-put-key-policy.html.
  PutKeyPolicy: change(
    fields({ keyId: "string", policyName: "string", policy: "string", bypassPolicyLockoutSafetyCheck: "boolean" })
  ),
  GetKeyPolicy: read(fields({ keyId: "string", policyName: "string" })),
  ListKeyPolicies: read(fields({ keyId: "string", ...page })),
  // Grants: the grant token is a bearer credential and never recorded (ct-retire-grant.html).
  CreateGrant: change(
    fields({
      keyId: "string",
      granteePrincipal: "string",
      retiringPrincipal: "string",
      operations: "stringList",
      constraints: fields({ encryptionContextSubset: "stringMap", encryptionContextEquals: "stringMap" }),
      name: "string",
      dryRun: "boolean"
    }),
    fields({ grantId: "string" })
  ),
  ListGrants: read(fields({ keyId: "string", grantId: "string", granteePrincipal: "string", ...page })),
  ListRetirableGrants: read(fields({ retiringPrincipal: "string", ...page })),
  RetireGrant: change(fields({ keyId: "string", grantId: "string", dryRun: "boolean" })),
  RevokeGrant: change(fields({ keyId: "string", grantId: "string", dryRun: "boolean" })),
  // Tags
  TagResource: change(fields({ keyId: "string", tags })),
  UntagResource: change(fields({ keyId: "string", tagKeys: "stringList" })),
  ListResourceTags: read(fields({ keyId: "string", ...page })),
  // Multi-Region keys
  ReplicateKey: change(
    fields({ keyId: "string", replicaRegion: "string", ...keyPolicyChange }),
    fields({ replicaKeyMetadata: keyMetadata, replicaPolicy: "string", replicaTags: tags })
  ),
  UpdatePrimaryRegion: change(fields({ keyId: "string", primaryRegion: "string" })),
  // Importing key material: the import token, wrapping public key and encrypted material are dropped.
  GetParametersForImport: read(fields({ keyId: "string", wrappingAlgorithm: "string", wrappingKeySpec: "string" })),
  ImportKeyMaterial: change(
    fields({
      keyId: "string",
      validTo: "date",
      expirationModel: "string",
      importType: "string",
      keyMaterialDescription: "string",
      keyMaterialId: "string"
    }),
    keyAndMaterial
  ),
  DeleteImportedKeyMaterial: change(keyAndMaterial, keyAndMaterial),
  // Custom key stores: passwords and proxy credentials are dropped.
  CreateCustomKeyStore: change(
    fields({ customKeyStoreName: "string", customKeyStoreType: "string", ...xksProxy }),
    fields({ customKeyStoreId: "string" })
  ),
  ConnectCustomKeyStore: change(fields({ customKeyStoreId: "string" })),
  DisconnectCustomKeyStore: change(fields({ customKeyStoreId: "string" })),
  DeleteCustomKeyStore: change(fields({ customKeyStoreId: "string" })),
  DescribeCustomKeyStores: read(fields({ customKeyStoreId: "string", customKeyStoreName: "string", ...page })),
  UpdateCustomKeyStore: change(fields({ customKeyStoreId: "string", newCustomKeyStoreName: "string", ...xksProxy }))
})

/** The rule of a KMS operation, or of a call to the XKS proxy surface ("XksProxy.Encrypt"). */
export const auditRuleOf = (operation: string): OperationAuditRule | undefined =>
  Object.hasOwn(operationAuditRules, operation)
    ? operationAuditRules[operation as Operation]
    : Object.hasOwn(xksAuditRules, operation)
    ? xksAuditRules[operation]
    : undefined
