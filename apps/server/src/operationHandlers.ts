import type { RequestOf, ResponseOf, ServedOperation } from "@trent/protocol"
import type { RegionApi, RegionError } from "@trent/runtime"
import type { Effect } from "effect"

type Handler<Op extends ServedOperation> = (region: RegionApi, request: RequestOf<Op>) => Effect.Effect<ResponseOf<Op>, RegionError>

/**
 * Each AWS operation bound to its Region method. The protocol's decoded
 * request and encoder types are checked against the Region API here, so a
 * drift between the wire shapes and the Region fails to compile.
 */
export const operationHandlers: { readonly [Op in ServedOperation]: Handler<Op> } = {
  CreateKey: (region, request) => region.createKey(request),
  DescribeKey: (region, request) => region.describeKey(request),
  ListKeys: (region, request) => region.listKeys(request),
  EnableKey: (region, request) => region.enableKey(request),
  DisableKey: (region, request) => region.disableKey(request),
  ScheduleKeyDeletion: (region, request) => region.scheduleKeyDeletion(request),
  CancelKeyDeletion: (region, request) => region.cancelKeyDeletion(request),
  UpdateKeyDescription: (region, request) => region.updateKeyDescription(request),
  EnableKeyRotation: (region, request) => region.enableKeyRotation(request),
  DisableKeyRotation: (region, request) => region.disableKeyRotation(request),
  GetKeyRotationStatus: (region, request) => region.getKeyRotationStatus(request),
  RotateKeyOnDemand: (region, request) => region.rotateKeyOnDemand(request),
  ListKeyRotations: (region, request) => region.listKeyRotations(request),
  TagResource: (region, request) => region.tagResource(request),
  UntagResource: (region, request) => region.untagResource(request),
  ListResourceTags: (region, request) => region.listResourceTags(request),
  PutKeyPolicy: (region, request) => region.putKeyPolicy(request),
  GetKeyPolicy: (region, request) => region.getKeyPolicy(request),
  ListKeyPolicies: (region, request) => region.listKeyPolicies(request),
  CreateAlias: (region, request) => region.createAlias(request),
  UpdateAlias: (region, request) => region.updateAlias(request),
  DeleteAlias: (region, request) => region.deleteAlias(request),
  ListAliases: (region, request) => region.listAliases(request),
  Encrypt: (region, request) => region.encrypt(request),
  Decrypt: (region, request) => region.decrypt(request),
  ReEncrypt: (region, request) => region.reEncrypt(request),
  GenerateDataKey: (region, request) => region.generateDataKey(request),
  GenerateDataKeyWithoutPlaintext: (region, request) => region.generateDataKeyWithoutPlaintext(request),
  GenerateRandom: (region, request) => region.generateRandom(request),
  GenerateDataKeyPair: (region, request) => region.generateDataKeyPair(request),
  GenerateDataKeyPairWithoutPlaintext: (region, request) => region.generateDataKeyPairWithoutPlaintext(request),
  Sign: (region, request) => region.sign(request),
  Verify: (region, request) => region.verify(request),
  GetPublicKey: (region, request) => region.getPublicKey(request),
  GenerateMac: (region, request) => region.generateMac(request),
  VerifyMac: (region, request) => region.verifyMac(request),
  DeriveSharedSecret: (region, request) => region.deriveSharedSecret(request),
  CreateGrant: (region, request) => region.createGrant(request),
  ListGrants: (region, request) => region.listGrants(request),
  ListRetirableGrants: (region, request) => region.listRetirableGrants(request),
  RetireGrant: (region, request) => region.retireGrant(request),
  RevokeGrant: (region, request) => region.revokeGrant(request),
  GetKeyLastUsage: (region, request) => region.getKeyLastUsage(request),
  ReplicateKey: (region, request) => region.replicateKey(request),
  UpdatePrimaryRegion: (region, request) => region.updatePrimaryRegion(request),
  GetParametersForImport: (region, request) => region.getParametersForImport(request),
  ImportKeyMaterial: (region, request) => region.importKeyMaterial(request),
  DeleteImportedKeyMaterial: (region, request) => region.deleteImportedKeyMaterial(request),
  CreateCustomKeyStore: (region, request) => region.createCustomKeyStore(request),
  DescribeCustomKeyStores: (region, request) => region.describeCustomKeyStores(request),
  UpdateCustomKeyStore: (region, request) => region.updateCustomKeyStore(request),
  ConnectCustomKeyStore: (region, request) => region.connectCustomKeyStore(request),
  DisconnectCustomKeyStore: (region, request) => region.disconnectCustomKeyStore(request),
  DeleteCustomKeyStore: (region, request) => region.deleteCustomKeyStore(request)
}
