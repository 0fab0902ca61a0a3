import {
  decryptSymmetric,
  encryptSymmetric,
  type EncryptionContext,
  generateDataKey as generateDataKeyBytes,
  generateRandomBytes,
  InvalidCiphertext,
  parseCiphertext,
  SecretBytes,
  WebCrypto
} from "@trent/crypto"
import {
  arnOfKey,
  currentVersion,
  type EncryptionAlgorithm,
  IncorrectKey,
  InvalidRequest,
  type KeyNotFound,
  type LiveKey,
  type Operation
} from "@trent/domain"
import { Effect, Option } from "effect"
import {
  checkNumberOfBytes,
  checkPlaintext,
  checkSymmetricUse,
  dryRunSucceeded,
  requireCiphertext,
  stopIfDryRun
} from "./cryptoRequestChecks.ts"
import type { KeyActor } from "./KeyActor.ts"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyActors } from "./KeyActors.ts"
import { KeyResolver } from "./KeyResolver.ts"
import type { GenerateDataKeyRequest, RegionApi } from "./RegionApi.ts"
import { RegionInternalError } from "./RegionErrors.ts"

type Cryptographic = Pick<
  RegionApi,
  "encrypt" | "decrypt" | "reEncrypt" | "generateDataKey" | "generateDataKeyWithoutPlaintext" | "generateRandom"
>

interface Opened {
  readonly state: LiveKey
  readonly plaintext: SecretBytes
  readonly materialId: string
}

export const makeCryptoOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const actors = yield* KeyActors
  const resolver = yield* KeyResolver
  const webCrypto = yield* WebCrypto
  const withCrypto = Effect.provideService(WebCrypto, webCrypto)

  /** Encrypts under the key's current backing version; the blob names that version. */
  const seal = (state: LiveKey, actor: KeyActor, plaintext: Uint8Array, context: EncryptionContext | undefined) =>
    Effect.gen(function*() {
      const version = currentVersion(state.key)
      const material = version === undefined ? Option.none() : yield* actors.material(actor, version.materialId)
      if (version === undefined || Option.isNone(material)) {
        return yield* new RegionInternalError({ message: `key ${state.key.keyId} has no usable current material` })
      }
      const ciphertextBlob = yield* encryptSymmetric({
        keyId: state.key.keyId,
        materialId: version.materialId,
        material: material.value,
        plaintext,
        context
      }).pipe(Effect.mapError((cause) => new RegionInternalError({ message: "encryption failed", cause })), withCrypto)
      return { ciphertextBlob, materialId: version.materialId }
    })

  /**
   * Decrypt's core: the blob names its key and version; a KeyId in the request
   * must name that same key (IncorrectKey). Every authentication failure is one
   * reasonless InvalidCiphertext, including a blob naming a key this Region lacks.
   */
  const open = (
    operation: Operation,
    blob: Uint8Array,
    context: EncryptionContext | undefined,
    keyReference: string | undefined,
    algorithm: EncryptionAlgorithm | undefined,
    dryRun: boolean | undefined
  ) =>
    Effect.gen(function*() {
      const parsed = yield* parseCiphertext(blob)
      if (keyReference !== undefined && (yield* resolver.resolveId(keyReference, operation)) !== parsed.keyId) {
        return yield* new IncorrectKey({
          message: "The key ID in the request does not identify a CMK that can perform this operation."
        })
      }
      return yield* access.read(parsed.keyId, operation, (state, actor) =>
        Effect.gen(function*() {
          yield* checkSymmetricUse(state, operation, algorithm)
          const material = yield* actors.material(actor, parsed.materialId)
          if (Option.isNone(material)) return yield* new InvalidCiphertext()
          const plaintext = yield* decryptSymmetric({ ciphertext: parsed, material: material.value, context }).pipe(withCrypto)
          if (dryRun === true) plaintext.fill(0)
          yield* stopIfDryRun(dryRun)
          const opened: Opened = { state, plaintext: SecretBytes.adopt(plaintext), materialId: parsed.materialId }
          return opened
        })).pipe(Effect.catchTag("KeyNotFound", (error): Effect.Effect<never, KeyNotFound | InvalidCiphertext> =>
          keyReference === undefined ? Effect.fail(new InvalidCiphertext()) : Effect.fail(error)))
    })

  /** DryRun with IGNORE_CIPHERTEXT: check the named key (state, usage) without any ciphertext. */
  const ignoringCiphertext = (operation: Operation, keyReference: string | undefined, algorithm: EncryptionAlgorithm | undefined) =>
    keyReference === undefined
      ? Effect.fail(new InvalidRequest({ message: "KeyId is required when DryRunModifiers contains IGNORE_CIPHERTEXT." }))
      : access.read(keyReference, operation, (state) => checkSymmetricUse(state, operation, algorithm))

  const checkModifiers = (dryRun: boolean | undefined, modifiers: ReadonlyArray<string> | undefined) =>
    modifiers !== undefined && modifiers.length > 0 && dryRun !== true
      ? Effect.fail(new InvalidRequest({ message: "DryRunModifiers can only be used when DryRun is true." }))
      : Effect.succeed(modifiers?.includes("IGNORE_CIPHERTEXT") === true)

  const dataKey = (request: GenerateDataKeyRequest, operation: Operation) =>
    Effect.gen(function*() {
      if ((request.numberOfBytes === undefined) === (request.keySpec === undefined)) {
        return yield* new InvalidRequest({ message: "Please specify either number of bytes or key spec." })
      }
      const length = request.keySpec === undefined
        ? yield* checkNumberOfBytes(request.numberOfBytes!)
        : request.keySpec === "AES_128" ? 16 : 32
      return yield* access.read(request.keyId, operation, (state, actor) =>
        Effect.gen(function*() {
          yield* checkSymmetricUse(state, operation, undefined)
          yield* stopIfDryRun(request.dryRun)
          const plaintext = yield* generateDataKeyBytes(length).pipe(
            Effect.mapError((cause) => new RegionInternalError({ message: "data key generation failed", cause })),
            withCrypto
          )
          const sealed = yield* seal(state, actor, plaintext.unsafeBytes(), request.encryptionContext)
          return { ciphertextBlob: sealed.ciphertextBlob, plaintext, keyId: arnOfKey(state.key), keyMaterialId: sealed.materialId }
        }))
    })

  const operations: Cryptographic = {
    encrypt: (request) =>
      access.read(request.keyId, "Encrypt", (state, actor) =>
        Effect.gen(function*() {
          yield* checkSymmetricUse(state, "Encrypt", request.encryptionAlgorithm)
          yield* checkPlaintext(request.plaintext)
          yield* stopIfDryRun(request.dryRun)
          const { ciphertextBlob } = yield* seal(state, actor, request.plaintext, request.encryptionContext)
          return { ciphertextBlob, keyId: arnOfKey(state.key), encryptionAlgorithm: "SYMMETRIC_DEFAULT" as const }
        })),
    decrypt: (request) =>
      Effect.gen(function*() {
        if (yield* checkModifiers(request.dryRun, request.dryRunModifiers)) {
          yield* ignoringCiphertext("Decrypt", request.keyId, request.encryptionAlgorithm)
          return yield* dryRunSucceeded
        }
        const blob = yield* requireCiphertext(request.ciphertextBlob)
        const opened = yield* open("Decrypt", blob, request.encryptionContext, request.keyId, request.encryptionAlgorithm, request.dryRun)
        return {
          keyId: arnOfKey(opened.state.key),
          plaintext: opened.plaintext,
          encryptionAlgorithm: "SYMMETRIC_DEFAULT" as const,
          keyMaterialId: opened.materialId
        }
      }),
    reEncrypt: (request) =>
      Effect.gen(function*() {
        const checkDestination = access.read(request.destinationKeyId, "ReEncrypt", (state) =>
          checkSymmetricUse(state, "ReEncrypt", request.destinationEncryptionAlgorithm))
        if (yield* checkModifiers(request.dryRun, request.dryRunModifiers)) {
          yield* ignoringCiphertext("ReEncrypt", request.sourceKeyId, request.sourceEncryptionAlgorithm)
          yield* checkDestination
          return yield* dryRunSucceeded
        }
        const blob = yield* requireCiphertext(request.ciphertextBlob)
        yield* checkDestination
        const source = yield* open("ReEncrypt", blob, request.sourceEncryptionContext, request.sourceKeyId, request.sourceEncryptionAlgorithm, request.dryRun)
        return yield* access.read(request.destinationKeyId, "ReEncrypt", (state, actor) =>
          Effect.gen(function*() {
            yield* checkSymmetricUse(state, "ReEncrypt", request.destinationEncryptionAlgorithm)
            const sealed = yield* seal(state, actor, source.plaintext.unsafeBytes(), request.destinationEncryptionContext)
            return {
              ciphertextBlob: sealed.ciphertextBlob,
              sourceKeyId: arnOfKey(source.state.key),
              keyId: arnOfKey(state.key),
              sourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT" as const,
              destinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT" as const,
              sourceKeyMaterialId: source.materialId,
              destinationKeyMaterialId: sealed.materialId
            }
          })).pipe(Effect.ensuring(Effect.sync(() => source.plaintext.destroy())))
      }),
    generateDataKey: (request) => dataKey(request, "GenerateDataKey"),
    generateDataKeyWithoutPlaintext: (request) =>
      Effect.map(dataKey(request, "GenerateDataKeyWithoutPlaintext"), ({ plaintext, ...rest }) => {
        plaintext.destroy()
        return rest
      }),
    generateRandom: ({ numberOfBytes }) =>
      Effect.gen(function*() {
        if (numberOfBytes === undefined) return yield* new InvalidRequest({ message: "NumberOfBytes is required." })
        const length = yield* checkNumberOfBytes(numberOfBytes)
        const bytes = yield* generateRandomBytes(length).pipe(
          Effect.mapError((cause) => new RegionInternalError({ message: "random generation failed", cause })),
          withCrypto
        )
        return { plaintext: SecretBytes.adopt(bytes) }
      })
  }
  return operations
})
