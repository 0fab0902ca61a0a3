import { generateRandomBytes, SecretBytes, WebCrypto } from "@trent/crypto"
import {
  arnOfKey,
  checkEncryptionUse,
  checkNumberOfBytes,
  checkPlaintext,
  checkSealable,
  dryRunSucceeded,
  type EncryptionAlgorithm,
  InvalidRequest,
  type Operation,
  requireCiphertext,
  stopIfDryRun
} from "@trent/domain"
import { Effect } from "effect"
import { Authorization, type OperationFacts } from "./Authorization.ts"
import { KeyAccess } from "./KeyAccess.ts"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"
import { makeSealing } from "./Sealing.ts"

type Cryptographic = Pick<RegionOperationShapes, "encrypt" | "decrypt" | "reEncrypt" | "generateRandom">

/** Encrypt, Decrypt, ReEncrypt (symmetric and RSA keys) and GenerateRandom (aws-kms-api.md §3.2). */
export const makeCryptoOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const sealing = yield* makeSealing
  const webCrypto = yield* WebCrypto
  const authorization = yield* Authorization

  /** The condition facts of an encryption-side request (kms:EncryptionContext:*, kms:EncryptionAlgorithm). */
  const facts = (
    encryptionContext: Readonly<Record<string, string>> | undefined,
    encryptionAlgorithm: EncryptionAlgorithm | undefined,
    grantTokens: ReadonlyArray<string> | undefined,
    action?: string
  ): OperationFacts => ({
    ...(encryptionContext === undefined ? {} : { encryptionContext }),
    encryptionAlgorithm: encryptionAlgorithm ?? "SYMMETRIC_DEFAULT",
    grantTokens,
    action
  })

  /** DryRun with IGNORE_CIPHERTEXT: check the named key (state, usage) without any ciphertext. */
  const ignoringCiphertext = (operation: Operation, keyReference: string | undefined, algorithm: EncryptionAlgorithm | undefined, operationFacts: OperationFacts) =>
    keyReference === undefined
      ? Effect.fail(new InvalidRequest({ message: "KeyId is required when DryRunModifiers contains IGNORE_CIPHERTEXT." }))
      : access.read(keyReference, operation, (state) => checkEncryptionUse(state, operation, algorithm), operationFacts)

  const checkModifiers = (dryRun: boolean | undefined, modifiers: ReadonlyArray<string> | undefined) =>
    modifiers !== undefined && modifiers.length > 0 && dryRun !== true
      ? Effect.fail(new InvalidRequest({ message: "DryRunModifiers can only be used when DryRun is true." }))
      : Effect.succeed(modifiers?.includes("IGNORE_CIPHERTEXT") === true)

  const operations = {
    encrypt: (request) =>
      access.read(request.keyId, "Encrypt", (state) =>
        Effect.gen(function*() {
          const algorithm = yield* checkEncryptionUse(state, "Encrypt", request.encryptionAlgorithm)
          yield* checkPlaintext(request.plaintext)
          yield* checkSealable(state, algorithm, request.plaintext.length, request.encryptionContext)
          yield* stopIfDryRun(request.dryRun)
          const { ciphertextBlob } = yield* sealing.seal(state, request.plaintext, request.encryptionContext, algorithm)
          return { ciphertextBlob, keyId: arnOfKey(state.key), encryptionAlgorithm: algorithm }
        }), facts(request.encryptionContext, request.encryptionAlgorithm, request.grantTokens)),
    decrypt: (request) =>
      Effect.gen(function*() {
        const decryptFacts = facts(request.encryptionContext, request.encryptionAlgorithm, request.grantTokens)
        if (yield* checkModifiers(request.dryRun, request.dryRunModifiers)) {
          yield* ignoringCiphertext("Decrypt", request.keyId, request.encryptionAlgorithm, decryptFacts)
          return yield* dryRunSucceeded
        }
        const blob = yield* requireCiphertext(request.ciphertextBlob)
        const opened = yield* sealing.open(
          "Decrypt",
          blob,
          request.encryptionContext,
          request.keyId,
          request.encryptionAlgorithm,
          request.dryRun,
          decryptFacts
        )
        return {
          keyId: arnOfKey(opened.state.key),
          plaintext: opened.plaintext,
          encryptionAlgorithm: opened.algorithm,
          keyMaterialId: opened.materialId
        }
      }),
    reEncrypt: (request) =>
      Effect.gen(function*() {
        const sourceFacts = facts(request.sourceEncryptionContext, request.sourceEncryptionAlgorithm, request.grantTokens, "kms:ReEncryptFrom")
        const destinationFacts = facts(
          request.destinationEncryptionContext,
          request.destinationEncryptionAlgorithm,
          request.grantTokens,
          "kms:ReEncryptTo"
        )
        const checkDestination = access.read(request.destinationKeyId, "ReEncrypt", (state) =>
          checkEncryptionUse(state, "ReEncrypt", request.destinationEncryptionAlgorithm), destinationFacts)
        if (yield* checkModifiers(request.dryRun, request.dryRunModifiers)) {
          yield* ignoringCiphertext("ReEncrypt", request.sourceKeyId, request.sourceEncryptionAlgorithm, sourceFacts)
          yield* checkDestination
          return yield* dryRunSucceeded
        }
        const blob = yield* requireCiphertext(request.ciphertextBlob)
        // The source is opened first, as Decrypt opens it: a SourceKeyId that did not encrypt the blob is
        // IncorrectKeyException even when the destination cannot serve ReEncrypt (an HMAC key, say), as AWS
        // answers (IncorrectKeyException, https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html#API_ReEncrypt_Errors).
        // A DryRun stops once the destination's checks have passed too.
        const source = yield* sealing.open(
          "ReEncrypt",
          blob,
          request.sourceEncryptionContext,
          request.sourceKeyId,
          request.sourceEncryptionAlgorithm,
          undefined,
          sourceFacts
        )
        return yield* access.read(request.destinationKeyId, "ReEncrypt", (state) =>
          Effect.gen(function*() {
            const algorithm = yield* checkEncryptionUse(state, "ReEncrypt", request.destinationEncryptionAlgorithm)
            const plaintext = source.plaintext.unsafeBytes()
            yield* checkSealable(state, algorithm, plaintext.length, request.destinationEncryptionContext)
            yield* stopIfDryRun(request.dryRun)
            const sealed = yield* sealing.seal(state, plaintext, request.destinationEncryptionContext, algorithm)
            return {
              ciphertextBlob: sealed.ciphertextBlob,
              sourceKeyId: arnOfKey(source.state.key),
              keyId: arnOfKey(state.key),
              sourceEncryptionAlgorithm: source.algorithm,
              destinationEncryptionAlgorithm: algorithm,
              sourceKeyMaterialId: source.materialId,
              destinationKeyMaterialId: sealed.materialId
            }
          }), destinationFacts).pipe(Effect.ensuring(Effect.sync(() => source.plaintext.destroy())))
      }),
    generateRandom: ({ numberOfBytes }) =>
      Effect.gen(function*() {
        yield* authorization.forRequest("kms:GenerateRandom", "*")
        if (numberOfBytes === undefined) return yield* new InvalidRequest({ message: "NumberOfBytes is required." })
        const length = yield* checkNumberOfBytes(numberOfBytes)
        const bytes = yield* generateRandomBytes(length).pipe(
          Effect.mapError((cause) => new RegionInternalError({ message: "random generation failed", cause })),
          Effect.provideService(WebCrypto, webCrypto)
        )
        return { plaintext: SecretBytes.adopt(bytes) }
      })
  } satisfies Cryptographic
  return operations
})
