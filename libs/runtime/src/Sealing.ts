import {
  decryptSymmetric,
  encryptOaep,
  encryptSymmetric,
  type EncryptionContext,
  InvalidCiphertext,
  isDoubleEncrypted,
  parseCiphertext,
  type ParsedCiphertext,
  parseDoubleEncrypted,
  SecretBytes,
  WebCrypto
} from "@trent/crypto"
import {
  checkEncryptionUse,
  currentVersion,
  type EncryptionAlgorithm,
  IncorrectKey,
  InvalidRequest,
  type KeyInvalidState,
  keyKindOf,
  type KeyNotFound,
  type LiveKey,
  type Operation,
  refuseContext,
  stopIfDryRun
} from "@trent/domain"
import { Effect, Option } from "effect"
import type { OperationFacts } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyMaterials } from "@trent/key-actors"
import { KeyResolver } from "./KeyResolver.ts"
import { makeExternalKeyStore } from "./ExternalKeyStore.ts"
import { RegionInternalError } from "@trent/key-actors"
import type { ResidentMaterial } from "@trent/key-actors"

/** A ciphertext made under a key: KeyMaterialId only for symmetric keys (§3.2). */
export interface Sealed {
  readonly ciphertextBlob: Uint8Array
  readonly materialId: string | undefined
}

/** Plaintext recovered from a ciphertext, with the key and algorithm that opened it. */
export interface Opened {
  readonly state: LiveKey
  readonly plaintext: SecretBytes
  readonly materialId: string | undefined
  readonly algorithm: EncryptionAlgorithm
}

type OpenFailure = InvalidCiphertext | IncorrectKey | KeyNotFound

/**
 * Sealing and opening under a key, for every encryption key spec: Trent's
 * symmetric blob for SYMMETRIC_DEFAULT (aws-kms-api.md §9), plain RSAES-OAEP
 * for RSA keys, with no metadata, so that ciphertext made offline with the
 * public key decrypts too (§5.2).
 */
export const makeSealing = Effect.gen(function*() {
  const access = yield* KeyAccess
  const materials = yield* KeyMaterials
  const resolver = yield* KeyResolver
  const external = yield* makeExternalKeyStore
  const webCrypto = yield* WebCrypto
  const withCrypto = Effect.provideService(WebCrypto, webCrypto)
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  const currentMaterial = (state: LiveKey) =>
    Effect.gen(function*() {
      const version = currentVersion(state.key)
      const material = version === undefined ? Option.none() : yield* materials.material(state.key.keyId, state, version.materialId)
      if (version === undefined || Option.isNone(material)) {
        return yield* new RegionInternalError({ message: `key ${state.key.keyId} has no usable current material` })
      }
      return { materialId: version.materialId, material: material.value }
    })

  const asymmetric = (material: ResidentMaterial, keyId: string) =>
    material.kind === "ASYMMETRIC"
      ? Effect.succeed(material.key)
      : Effect.fail(new RegionInternalError({ message: `key ${keyId} holds ${material.kind} material, not a private key` }))

  /** Encrypts under the key's current version; domain's `checkSealable` has passed. */
  const seal = (
    state: LiveKey,
    plaintext: Uint8Array,
    context: EncryptionContext | undefined,
    algorithm: EncryptionAlgorithm
  ): Effect.Effect<Sealed, RegionInternalError | InvalidRequest | KeyInvalidState> =>
    Effect.gen(function*() {
      const { materialId, material } = yield* currentMaterial(state)
      if (material.kind === "SYMMETRIC") {
        const ciphertextBlob = yield* encryptSymmetric({
          keyId: state.key.keyId,
          materialId,
          material: material.key,
          plaintext,
          context
        }).pipe(Effect.mapError(internal("encryption failed")), withCrypto)
        // A key in an external key store: Trent's own material first, then the external key (double encryption).
        if (state.key.customKeyStore !== undefined) {
          return { ciphertextBlob: yield* external.seal(state, ciphertextBlob, "Encrypt"), materialId }
        }
        return { ciphertextBlob, materialId }
      }
      const key = yield* asymmetric(material, state.key.keyId)
      const ciphertextBlob = yield* encryptOaep({
        spec: key.spec,
        publicKey: key.publicKey,
        algorithm,
        plaintext
      }).pipe(Effect.mapError(internal("RSA encryption failed")))
      return { ciphertextBlob, materialId: undefined }
    })

  const openSymmetric = (
    operation: Operation,
    blob: Uint8Array,
    context: EncryptionContext | undefined,
    keyReference: string | undefined,
    algorithm: EncryptionAlgorithm | undefined,
    dryRun: boolean | undefined,
    facts: OperationFacts
  ) =>
    Effect.gen(function*() {
      const doubled = isDoubleEncrypted(blob) ? yield* parseDoubleEncrypted(blob) : undefined
      const single = doubled === undefined ? yield* parseCiphertext(blob) : undefined
      const keyId = doubled?.keyId ?? single!.keyId
      if (keyReference !== undefined && (yield* resolver.resolveId(keyReference, operation)) !== keyId) {
        return yield* new IncorrectKey({
          message: "The key ID in the request does not identify a CMK that can perform this operation."
        })
      }
      return yield* access.read(keyId, operation, (state) =>
        Effect.gen(function*() {
          const chosen = yield* checkEncryptionUse(state, operation, algorithm)
          // A key in an external key store opens only double-encrypted blobs, and no other key does.
          if ((state.key.customKeyStore !== undefined) !== (doubled !== undefined)) return yield* new InvalidCiphertext()
          const parsed: ParsedCiphertext = doubled === undefined ? single! : yield* Effect.flatMap(
            external.open(state, doubled, operation),
            (inner) => parseCiphertext(inner)
          )
          if (parsed.keyId !== keyId) return yield* new InvalidCiphertext()
          const material = yield* materials.material(state.key.keyId, state, parsed.materialId)
          if (Option.isNone(material) || material.value.kind !== "SYMMETRIC") return yield* new InvalidCiphertext()
          const plaintext = yield* decryptSymmetric({ ciphertext: parsed, material: material.value.key, context }).pipe(withCrypto)
          if (dryRun === true) plaintext.fill(0)
          yield* stopIfDryRun(dryRun)
          const opened: Opened = { state, plaintext: SecretBytes.adopt(plaintext), materialId: parsed.materialId, algorithm: chosen }
          return opened
        }), facts).pipe(Effect.catchTag("KeyNotFound", (error): Effect.Effect<never, OpenFailure> =>
          keyReference === undefined ? Effect.fail(new InvalidCiphertext()) : Effect.fail(error)))
    })

  const openAsymmetric = (
    state: LiveKey,
    operation: Operation,
    blob: Uint8Array,
    context: EncryptionContext | undefined,
    algorithm: EncryptionAlgorithm | undefined,
    dryRun: boolean | undefined
  ) =>
    Effect.gen(function*() {
      const chosen = yield* checkEncryptionUse(state, operation, algorithm)
      yield* refuseContext(state, context)
      const { material } = yield* currentMaterial(state)
      const key = yield* asymmetric(material, state.key.keyId)
      // checkEncryptionUse admitted only the spec's own algorithms, so an RSA key gets an OAEP one.
      const plaintext = yield* key.decrypt({ algorithm: chosen, ciphertext: blob }).pipe(
        Effect.catchTag("IncompatibleAlgorithm", (cause) => Effect.fail(new RegionInternalError({ message: "RSA decryption refused", cause })))
      )
      if (dryRun === true) plaintext.destroy()
      yield* stopIfDryRun(dryRun)
      const opened: Opened = { state, plaintext, materialId: undefined, algorithm: chosen }
      return opened
    })

  /**
   * Decrypt's core. A symmetric blob names its key and version; a KeyId in the
   * request must name that same key (IncorrectKey). An RSA ciphertext carries
   * nothing, so the KeyId and algorithm are required (§5.2). Every
   * authentication failure is one reasonless InvalidCiphertext.
   */
  const open = (
    operation: Operation,
    blob: Uint8Array,
    context: EncryptionContext | undefined,
    keyReference: string | undefined,
    algorithm: EncryptionAlgorithm | undefined,
    dryRun: boolean | undefined,
    facts: OperationFacts
  ) =>
    keyReference === undefined
      ? openSymmetric(operation, blob, context, keyReference, algorithm, dryRun, facts)
      : Effect.flatMap(
        access.read(keyReference, operation, (state) =>
          keyKindOf(state.key.keySpec) === "ASYMMETRIC"
            ? Effect.map(openAsymmetric(state, operation, blob, context, algorithm, dryRun), Option.some)
            : Effect.succeed(Option.none<Opened>()), facts),
        (opened) =>
          Option.isSome(opened)
            ? Effect.succeed(opened.value)
            : openSymmetric(operation, blob, context, keyReference, algorithm, dryRun, facts)
      )

  return { seal, open }
})
