import { aesGcmDecrypt, aesGcmEncrypt, InvalidCiphertext, SecretBytes, WebCrypto } from "@trent/crypto"
import {
  arnOfKey,
  currentVersion,
  InvalidKeyUsage,
  KeyInvalidState,
  type KeyNotFound,
  type LiveKey
} from "@trent/domain"
import { Effect, Option } from "effect"
import type { KeyView } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { RegionInternalError } from "@trent/key-actors"

/** GetKeyMetadata's answer (XKS spec, "GetKeyMetadata"): AES_256 keys for encryption report ENCRYPT and DECRYPT. */
export interface XksKeyMetadata {
  readonly keyArn: string
  readonly keySpec: string
  readonly keyUsage: ReadonlyArray<string>
  readonly keyStatus: "ENABLED" | "DISABLED"
}

/** An AES-GCM encryption as the XKS Encrypt response carries it. */
export interface XksSealed {
  readonly keyArn: string
  readonly ciphertext: Uint8Array
  readonly ciphertextMetadata: Uint8Array
  readonly initializationVector: Uint8Array
  readonly authenticationTag: Uint8Array
}

export interface XksOpenInput {
  readonly ciphertext: Uint8Array
  readonly ciphertextMetadata: Uint8Array | undefined
  readonly initializationVector: Uint8Array
  readonly authenticationTag: Uint8Array
  readonly additionalAuthenticatedData: Uint8Array | undefined
}

export type XksKeyError = KeyNotFound | KeyInvalidState | InvalidKeyUsage | RegionInternalError
export type XksDecryptError = XksKeyError | InvalidCiphertext

/**
 * The Region's keys as an external key manager (XKS proxy API v1): raw
 * AES-256-GCM under a symmetric key's material, for an AWS KMS that keeps the
 * key outside AWS. Who may call is the XKS surface's question (its SigV4
 * credentials and policy), not the key policy's: these never consult it.
 */
export interface XksOperations {
  readonly metadata: (reference: string) => Effect.Effect<XksKeyMetadata, XksKeyError>
  readonly encrypt: (
    reference: string,
    plaintext: Uint8Array,
    additionalAuthenticatedData: Uint8Array | undefined
  ) => Effect.Effect<XksSealed, XksKeyError>
  readonly decrypt: (reference: string, input: XksOpenInput) => Effect.Effect<SecretBytes, XksDecryptError>
}

/** Version byte of Trent's ciphertextMetadata, then the first 16 bytes of the material id that encrypted. */
const METADATA_VERSION = 1
const MATERIAL_PREFIX_BYTES = 16

const metadataOf = (materialId: string): Uint8Array =>
  Uint8Array.of(METADATA_VERSION, ...Buffer.from(materialId.slice(0, MATERIAL_PREFIX_BYTES * 2), "hex"))

/**
 * The AAD given to AES-GCM: "2-byte length of additionalAuthenticatedData in
 * big-endian format || additionalAuthenticatedData || 1-byte length of
 * ciphertextMetadata || ciphertextMetadata" (XKS spec, Encrypt,
 * ciphertextMetadata), so neither can pass for the other.
 */
export const xksAad = (aad: Uint8Array | undefined, metadata: Uint8Array): Uint8Array => {
  const given = aad ?? new Uint8Array()
  const out = new Uint8Array(2 + given.length + 1 + metadata.length)
  new DataView(out.buffer).setUint16(0, given.length)
  out.set(given, 2)
  out[2 + given.length] = metadata.length
  out.set(metadata, 3 + given.length)
  return out
}

const isAesKey = (state: LiveKey) => state.key.keySpec === "SYMMETRIC_DEFAULT" && state.key.keyUsage === "ENCRYPT_DECRYPT"

/** "The specified external key … is disabled, deactivated or blocked" (XKS spec, error table: InvalidStateException). */
const usable = (view: KeyView): Effect.Effect<LiveKey, KeyInvalidState | InvalidKeyUsage> => {
  const state = view.state as LiveKey
  if (!isAesKey(state)) {
    return Effect.fail(new InvalidKeyUsage({ message: `${arnOfKey(state.key)} is not an AES-256 encryption key.` }))
  }
  return state.status === "Enabled"
    ? Effect.succeed(state)
    : Effect.fail(new KeyInvalidState({ message: `${arnOfKey(state.key)} is ${state.status}.` }))
}

export const makeXksOperations = Effect.gen(function*() {
  const resolver = yield* KeyResolver
  const materials = yield* KeyMaterials
  const webCrypto = yield* WebCrypto
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  const symmetricMaterial = (state: LiveKey, materialId: string) =>
    Effect.flatMap(materials.material(state.key.keyId, state, materialId), (material) =>
      Option.isSome(material) && material.value.kind === "SYMMETRIC"
        ? Effect.succeed(material.value.key)
        : Effect.fail(new KeyInvalidState({ message: `${arnOfKey(state.key)} has no usable key material.` })))

  const operations: XksOperations = {
    metadata: (reference) =>
      resolver.withKey(reference, "DescribeKey", (view) => {
        const state = view.state as LiveKey
        return Effect.succeed({
          keyArn: arnOfKey(state.key),
          keySpec: isAesKey(state) ? "AES_256" : state.key.keySpec,
          keyUsage: isAesKey(state) ? ["ENCRYPT", "DECRYPT"] : [],
          keyStatus: state.status === "Enabled" ? "ENABLED" : "DISABLED"
        } as const)
      }),
    encrypt: (reference, plaintext, additionalAuthenticatedData) =>
      resolver.withKey(reference, "Encrypt", (view) =>
        Effect.gen(function*() {
          const state = yield* usable(view)
          const version = currentVersion(state.key)
          if (version === undefined) return yield* new KeyInvalidState({ message: `${arnOfKey(state.key)} has no key material.` })
          const key = yield* symmetricMaterial(state, version.materialId)
          const ciphertextMetadata = metadataOf(version.materialId)
          const box = yield* aesGcmEncrypt(key, plaintext, () => xksAad(additionalAuthenticatedData, ciphertextMetadata)).pipe(
            Effect.mapError(internal("encryption failed")),
            Effect.provideService(WebCrypto, webCrypto)
          )
          return {
            keyArn: arnOfKey(state.key),
            ciphertext: box.ciphertext,
            ciphertextMetadata,
            initializationVector: box.iv,
            authenticationTag: box.tag
          }
        })),
    decrypt: (reference, input) =>
      resolver.withKey(reference, "Decrypt", (view) =>
        Effect.gen(function*() {
          const state = yield* usable(view)
          const metadata = input.ciphertextMetadata
          // Only ciphertext this proxy made decrypts: it always carries the version of the material that made it.
          if (metadata?.length !== 1 + MATERIAL_PREFIX_BYTES || metadata[0] !== METADATA_VERSION) return yield* new InvalidCiphertext()
          const prefix = Buffer.from(metadata.subarray(1)).toString("hex")
          const version = state.key.versions.find((each) => each.materialId.startsWith(prefix))
          if (version === undefined) return yield* new InvalidCiphertext()
          const key = yield* symmetricMaterial(state, version.materialId)
          const plaintext = yield* aesGcmDecrypt(
            key,
            { iv: input.initializationVector, ciphertext: input.ciphertext, tag: input.authenticationTag },
            xksAad(input.additionalAuthenticatedData, metadata)
          ).pipe(
            // A wrong IV or tag size is a ciphertext that is not this proxy's, said the same way as any other.
            Effect.catchTag("InvalidCryptoParameter", () => Effect.fail(new InvalidCiphertext())),
            Effect.provideService(WebCrypto, webCrypto)
          )
          return SecretBytes.adopt(plaintext)
        }))
  }
  return operations
})
