export { CIPHERTEXT_OVERHEAD, type CiphertextHeader, type ParsedCiphertext, parseCiphertext } from "./CiphertextBlob.ts"
export { InvalidCiphertext, InvalidCryptoParameter, KeyUnwrapFailed } from "./CryptoErrors.ts"
export { dataKeySpecBytes, generateDataKey } from "./DataKey.ts"
export { canonicalEncryptionContext, type EncryptionContext } from "./EncryptionContext.ts"
export { KEY_ID_LENGTH } from "./KeyId.ts"
export { generateKeyMaterial } from "./KeyMaterial.ts"
export { unwrapKeyMaterial, type WrapBinding, wrapKeyMaterial } from "./KeyMaterialWrapping.ts"
export { generateMaterialId } from "./MaterialId.ts"
export { generateRandomBytes } from "./RandomBytes.ts"
export { SecretBytes } from "./SecretBytes.ts"
export { decryptSymmetric, encryptSymmetric } from "./SymmetricEncryption.ts"
export { type AesGcmBox, aesGcmDecrypt, aesGcmEncrypt } from "./AesGcm.ts"
export { AesGcmKey } from "./AesGcmKey.ts"
export type { AesGcmKeyInput } from "./InsecureAesGcmWithIv.ts"
export { WebCrypto } from "./WebCrypto.ts"
export {
  IncompatibleAlgorithm,
  IncompatibleMessageType,
  InvalidDigestLength,
  InvalidKeyMaterial,
  InvalidPublicKey,
  PlaintextTooLarge,
  UnsupportedKeySpec
} from "./CryptoErrors.ts"
export {
  type AsymmetricKeyPair,
  generateAsymmetricKeyPair,
  generateDataKeyPair
} from "./asymmetric/AsymmetricKeyGeneration.ts"
export {
  type AsymmetricKeySpec,
  asymmetricKeySpecs,
  type DataKeyPairSpec,
  dataKeyPairSpecs,
  type KeyAgreementAlgorithm
} from "./asymmetric/AsymmetricKeySpec.ts"
export { AsymmetricPrivateKey } from "./asymmetric/AsymmetricPrivateKey.ts"
export { encryptOaep } from "./asymmetric/PublicKeyEncryption.ts"
export { publicKeyFromPrivateKey } from "./asymmetric/PublicKeyFromPrivateKey.ts"
export {
  oaepPlaintextLimit,
  type RsaEncryptionAlgorithm,
  rsaEncryptionAlgorithms
} from "./asymmetric/RsaEncryptionAlgorithm.ts"
export { verifySignature } from "./asymmetric/SignatureVerification.ts"
export {
  type MessageType,
  messageTypes,
  type SigningAlgorithm,
  signingAlgorithmParameters,
  signingAlgorithms
} from "./asymmetric/SigningAlgorithm.ts"
export {
  type EncryptionAlgorithm,
  encryptionAlgorithms,
  isAsymmetricKeySpec,
  isHmacKeySpec,
  isRsaEncryptionAlgorithm,
  keyAgreementAlgorithms,
  type KeySpec,
  type KeySpecRule,
  keySpecRules,
  keySpecs,
  type KeyUsage,
  keyUsages
} from "./KeySpecRules.ts"
export type { SigningInputViolation } from "./asymmetric/SigningInputRules.ts"
export { generateHmacKeyMaterial, HmacKey } from "./hmac/HmacKey.ts"
export { type HmacKeySpec, hmacKeySpecs, type MacAlgorithm, macAlgorithms } from "./hmac/HmacKeySpec.ts"
export { checkImportedMaterial, type ImportableKeySpec, importableKeySpecs } from "./import/ImportedMaterialCheck.ts"
export { importedMaterialId } from "./import/ImportedMaterialId.ts"
export { unwrapImportedMaterial } from "./import/ImportedMaterialUnwrap.ts"
export {
  type ImportWrappingAlgorithm,
  importWrappingAlgorithms,
  type WrappingAlgorithm,
  wrappingAlgorithms
} from "./import/ImportWrappingAlgorithm.ts"
export { generateWrappingKeyPair, type WrappingKeySpec, wrappingKeySpecs } from "./import/WrappingKeyPair.ts"
export { lengthPrefixed } from "./LengthPrefixedEncoding.ts"
export { concatBytes } from "./concatBytes.ts"
export {
  doubleEncryptedHeader,
  encodeDoubleEncrypted,
  type ExternalLayer,
  isDoubleEncrypted,
  parseDoubleEncrypted,
  type ParsedDoubleEncrypted
} from "./DoubleEncryptedBlob.ts"
