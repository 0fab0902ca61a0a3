import { createAlias, deleteAlias, listAliases, updateAlias } from "./aliasRequests.ts"
import {
  connectCustomKeyStore,
  createCustomKeyStore,
  deleteCustomKeyStore,
  describeCustomKeyStores,
  disconnectCustomKeyStore,
  updateCustomKeyStore
} from "./customKeyStoreRequests.ts"
import {
  decrypt,
  encrypt,
  generateDataKey,
  generateDataKeyWithoutPlaintext,
  generateRandom,
  reEncrypt
} from "./cryptoRequests.ts"
import {
  cancelKeyDeletion,
  createKey,
  describeKey,
  disableKey,
  enableKey,
  getKeyLastUsage,
  listKeys,
  scheduleKeyDeletion,
  updateKeyDescription
} from "./keyLifecycleRequests.ts"
import { replicateKey, updatePrimaryRegion } from "./multiRegionRequests.ts"
import { createGrant, listGrants, listRetirableGrants, retireGrant, revokeGrant } from "./grantRequests.ts"
import { deleteImportedKeyMaterial, getParametersForImport, importKeyMaterial } from "./importRequests.ts"
import type { OperationDecoder } from "./OperationDecoder.ts"
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus, listKeyRotations, rotateKeyOnDemand } from "./rotationRequests.ts"
import type { ServedOperation } from "./ServedOperation.ts"
import {
  deriveSharedSecret,
  generateDataKeyPair,
  generateDataKeyPairWithoutPlaintext,
  generateMac,
  getPublicKey,
  sign,
  verify,
  verifyMac
} from "./signingRequests.ts"
import {
  getKeyPolicy,
  listKeyPolicies,
  listResourceTags,
  putKeyPolicy,
  tagResource,
  untagResource
} from "./tagAndPolicyRequests.ts"

/** Every served operation's request decoder, keyed by its AWS name. */
export const requestDecoders: { readonly [Op in ServedOperation]: OperationDecoder<Op> } = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  UpdateKeyDescription: updateKeyDescription,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  PutKeyPolicy: putKeyPolicy,
  GetKeyPolicy: getKeyPolicy,
  ListKeyPolicies: listKeyPolicies,
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  GenerateRandom: generateRandom,
  GenerateDataKeyPair: generateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext: generateDataKeyPairWithoutPlaintext,
  Sign: sign,
  Verify: verify,
  GetPublicKey: getPublicKey,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  DeriveSharedSecret: deriveSharedSecret,
  CreateGrant: createGrant,
  ListGrants: listGrants,
  ListRetirableGrants: listRetirableGrants,
  RetireGrant: retireGrant,
  RevokeGrant: revokeGrant,
  GetKeyLastUsage: getKeyLastUsage,
  ReplicateKey: replicateKey,
  UpdatePrimaryRegion: updatePrimaryRegion,
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
  CreateCustomKeyStore: createCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  UpdateCustomKeyStore: updateCustomKeyStore,
  ConnectCustomKeyStore: connectCustomKeyStore,
  DisconnectCustomKeyStore: disconnectCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore
}
