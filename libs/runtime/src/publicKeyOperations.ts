import { type AsymmetricPrivateKey, verifySignature } from "@trent/crypto"
import {
  arnOfKey,
  checkAlgorithm,
  checkSigningMessage,
  checkUsage,
  currentVersion,
  customerMasterKeySpecOf,
  InvalidRequest,
  keyAlgorithms,
  keyKindOf,
  keySpecRules,
  type LiveKey,
  SignatureInvalid,
  stopIfDryRun,
  UnsupportedOperation
} from "@trent/domain"
import { Effect, Option } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyMaterials } from "@trent/key-actors"
import type { SignRequest, RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"

type PublicKeyOperations = Pick<RegionOperationShapes, "sign" | "verify" | "getPublicKey" | "deriveSharedSecret">

/** Sign, Verify, GetPublicKey and DeriveSharedSecret: the operations of asymmetric keys (§3.2). */
export const makePublicKeyOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const materials = yield* KeyMaterials

  const privateKey = (state: LiveKey): Effect.Effect<AsymmetricPrivateKey, RegionInternalError> =>
    Effect.gen(function*() {
      const version = currentVersion(state.key)
      const material = version === undefined ? Option.none() : yield* materials.material(state.key.keyId, state, version.materialId)
      if (Option.isNone(material) || material.value.kind !== "ASYMMETRIC") {
        return yield* new RegionInternalError({ message: `key ${state.key.keyId} has no usable private key` })
      }
      return material.value.key
    })

  /** The checks Sign and Verify share, in AWS's order: usage, algorithm, message. */
  const checkSigning = (state: LiveKey, operation: "Sign" | "Verify", request: SignRequest) =>
    Effect.gen(function*() {
      yield* checkUsage(state, operation, "SIGN_VERIFY")
      const algorithm = yield* checkAlgorithm(state, request.signingAlgorithm, keySpecRules[state.key.keySpec].signingAlgorithms)
      const messageType = request.messageType ?? "RAW"
      yield* checkSigningMessage(algorithm, messageType, request.message)
      return { algorithm, messageType }
    })

  const signingFacts = (request: SignRequest) => ({
    signingAlgorithm: request.signingAlgorithm,
    messageType: request.messageType ?? "RAW",
    grantTokens: request.grantTokens
  })

  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  const operations = {
    sign: (request) =>
      access.read(request.keyId, "Sign", (state) =>
        Effect.gen(function*() {
          const { algorithm, messageType } = yield* checkSigning(state, "Sign", request)
          yield* stopIfDryRun(request.dryRun)
          const key = yield* privateKey(state)
          const signature = yield* key.sign({ algorithm, messageType, message: request.message })
            .pipe(Effect.mapError(internal("signing failed")))
          return { keyId: arnOfKey(state.key), signature, signingAlgorithm: algorithm }
        }), signingFacts(request)),
    verify: (request) =>
      access.read(request.keyId, "Verify", (state) =>
        Effect.gen(function*() {
          const { algorithm, messageType } = yield* checkSigning(state, "Verify", request)
          const key = yield* privateKey(state)
          const valid = yield* verifySignature({
            spec: key.spec,
            publicKey: key.publicKey,
            algorithm,
            messageType,
            message: request.message,
            signature: request.signature
          }).pipe(Effect.mapError(internal("verification failed")))
          if (!valid) return yield* new SignatureInvalid()
          // As VerifyMac: a dry run compares first, so a wrong signature is KMSInvalidSignatureException
          // (https://docs.aws.amazon.com/kms/latest/developerguide/testing-permissions.html).
          yield* stopIfDryRun(request.dryRun)
          return { keyId: arnOfKey(state.key), signatureValid: true as const, signingAlgorithm: algorithm }
        }), signingFacts(request)),
    getPublicKey: (request) =>
      access.read(request.keyId, "GetPublicKey", (state) =>
        Effect.gen(function*() {
          const { key } = state
          if (keyKindOf(key.keySpec) !== "ASYMMETRIC") {
            return yield* new UnsupportedOperation({
              message: `${arnOfKey(key)} key spec is ${key.keySpec} which is not valid for GetPublicKey.`
            })
          }
          const { macAlgorithms: _, ...algorithms } = keyAlgorithms(key.keySpec, key.keyUsage)
          return {
            keyId: arnOfKey(key),
            publicKey: (yield* privateKey(state)).publicKey,
            customerMasterKeySpec: customerMasterKeySpecOf(key.keySpec),
            keySpec: key.keySpec,
            keyUsage: key.keyUsage,
            ...algorithms
          }
        }), { grantTokens: request.grantTokens }),
    deriveSharedSecret: (request) =>
      access.read(request.keyId, "DeriveSharedSecret", (state) =>
        Effect.gen(function*() {
          yield* checkUsage(state, "DeriveSharedSecret", "KEY_AGREEMENT")
          const algorithm = yield* checkAlgorithm(
            state,
            request.keyAgreementAlgorithm,
            keySpecRules[state.key.keySpec].keyAgreementAlgorithms
          )
          const key = yield* privateKey(state)
          // A PublicKey that is no usable point on the key's curve is AWS's bare ValidationException, with an empty
          // message (DeriveSharedSecret, https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html#KMS-DeriveSharedSecret-request-PublicKey):
          // the reason stays inside.
          const sharedSecret = yield* key.deriveSharedSecret(request.publicKey).pipe(
            Effect.mapError((error) => new InvalidRequest({ message: error._tag === "InvalidPublicKey" ? "" : error.message }))
          )
          if (request.dryRun === true) sharedSecret.destroy()
          yield* stopIfDryRun(request.dryRun)
          return { keyId: arnOfKey(state.key), sharedSecret, keyAgreementAlgorithm: algorithm, keyOrigin: state.key.origin }
        }), { grantTokens: request.grantTokens })
  } satisfies PublicKeyOperations
  return operations
})
