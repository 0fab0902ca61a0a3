import { CancelKeyDeletion } from "./operations/CancelKeyDeletion.ts"
import { ConnectCustomKeyStore } from "./operations/ConnectCustomKeyStore.ts"
import { CreateAlias } from "./operations/CreateAlias.ts"
import { CreateCustomKeyStore } from "./operations/CreateCustomKeyStore.ts"
import { CreateGrant } from "./operations/CreateGrant.ts"
import { CreateKey } from "./operations/CreateKey.ts"
import { Decrypt } from "./operations/Decrypt.ts"
import { DeleteAlias } from "./operations/DeleteAlias.ts"
import { DeleteCustomKeyStore } from "./operations/DeleteCustomKeyStore.ts"
import { DeleteImportedKeyMaterial } from "./operations/DeleteImportedKeyMaterial.ts"
import { DeriveSharedSecret } from "./operations/DeriveSharedSecret.ts"
import { DescribeCustomKeyStores } from "./operations/DescribeCustomKeyStores.ts"
import { DescribeKey } from "./operations/DescribeKey.ts"
import { DisableKey } from "./operations/DisableKey.ts"
import { DisableKeyRotation } from "./operations/DisableKeyRotation.ts"
import { DisconnectCustomKeyStore } from "./operations/DisconnectCustomKeyStore.ts"
import { EnableKey } from "./operations/EnableKey.ts"
import { EnableKeyRotation } from "./operations/EnableKeyRotation.ts"
import { Encrypt } from "./operations/Encrypt.ts"
import { GenerateDataKey } from "./operations/GenerateDataKey.ts"
import { GenerateDataKeyPair } from "./operations/GenerateDataKeyPair.ts"
import { GenerateDataKeyPairWithoutPlaintext } from "./operations/GenerateDataKeyPairWithoutPlaintext.ts"
import { GenerateDataKeyWithoutPlaintext } from "./operations/GenerateDataKeyWithoutPlaintext.ts"
import { GenerateMac } from "./operations/GenerateMac.ts"
import { GenerateRandom } from "./operations/GenerateRandom.ts"
import { GetKeyLastUsage } from "./operations/GetKeyLastUsage.ts"
import { GetKeyPolicy } from "./operations/GetKeyPolicy.ts"
import { GetKeyRotationStatus } from "./operations/GetKeyRotationStatus.ts"
import { GetParametersForImport } from "./operations/GetParametersForImport.ts"
import { GetPublicKey } from "./operations/GetPublicKey.ts"
import { ImportKeyMaterial } from "./operations/ImportKeyMaterial.ts"
import { ListAliases } from "./operations/ListAliases.ts"
import { ListGrants } from "./operations/ListGrants.ts"
import { ListKeyPolicies } from "./operations/ListKeyPolicies.ts"
import { ListKeyRotations } from "./operations/ListKeyRotations.ts"
import { ListKeys } from "./operations/ListKeys.ts"
import { ListResourceTags } from "./operations/ListResourceTags.ts"
import { ListRetirableGrants } from "./operations/ListRetirableGrants.ts"
import { PutKeyPolicy } from "./operations/PutKeyPolicy.ts"
import { ReEncrypt } from "./operations/ReEncrypt.ts"
import { ReplicateKey } from "./operations/ReplicateKey.ts"
import { RetireGrant } from "./operations/RetireGrant.ts"
import { RevokeGrant } from "./operations/RevokeGrant.ts"
import { RotateKeyOnDemand } from "./operations/RotateKeyOnDemand.ts"
import { ScheduleKeyDeletion } from "./operations/ScheduleKeyDeletion.ts"
import { Sign } from "./operations/Sign.ts"
import { TagResource } from "./operations/TagResource.ts"
import { UntagResource } from "./operations/UntagResource.ts"
import { UpdateAlias } from "./operations/UpdateAlias.ts"
import { UpdateCustomKeyStore } from "./operations/UpdateCustomKeyStore.ts"
import { UpdateKeyDescription } from "./operations/UpdateKeyDescription.ts"
import { UpdatePrimaryRegion } from "./operations/UpdatePrimaryRegion.ts"
import { Verify } from "./operations/Verify.ts"
import { VerifyMac } from "./operations/VerifyMac.ts"

/**
 * The operations Trent serves, each declared in its own module. Every
 * per-operation table (the served list, decoders, encoders, the Region API's
 * type, the Kafka worker's read/change split, the audit rules) derives from
 * this one.
 */
export const operations = Object.freeze({
  CreateKey,
  DescribeKey,
  ListKeys,
  EnableKey,
  DisableKey,
  ScheduleKeyDeletion,
  CancelKeyDeletion,
  UpdateKeyDescription,
  EnableKeyRotation,
  DisableKeyRotation,
  GetKeyRotationStatus,
  RotateKeyOnDemand,
  ListKeyRotations,
  TagResource,
  UntagResource,
  ListResourceTags,
  PutKeyPolicy,
  GetKeyPolicy,
  ListKeyPolicies,
  CreateAlias,
  UpdateAlias,
  DeleteAlias,
  ListAliases,
  Encrypt,
  Decrypt,
  ReEncrypt,
  GenerateDataKey,
  GenerateDataKeyWithoutPlaintext,
  GenerateRandom,
  GenerateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext,
  Sign,
  Verify,
  GetPublicKey,
  GenerateMac,
  VerifyMac,
  DeriveSharedSecret,
  CreateGrant,
  ListGrants,
  ListRetirableGrants,
  RetireGrant,
  RevokeGrant,
  GetKeyLastUsage,
  ReplicateKey,
  UpdatePrimaryRegion,
  GetParametersForImport,
  ImportKeyMaterial,
  DeleteImportedKeyMaterial,
  CreateCustomKeyStore,
  DescribeCustomKeyStores,
  UpdateCustomKeyStore,
  ConnectCustomKeyStore,
  DisconnectCustomKeyStore,
  DeleteCustomKeyStore
})
