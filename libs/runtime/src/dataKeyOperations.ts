import {
  generateDataKey as generateDataKeyBytes,
  generateDataKeyPair as generateKeyPair,
  WebCrypto
} from "@trent/crypto"
import {
  arnOfKey,
  checkSymmetricUse,
  dataKeyLength,
  type Operation,
  stopIfDryRun,
  UnsupportedOperation
} from "@trent/domain"
import { Effect } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import type { GenerateDataKeyPairRequest, GenerateDataKeyRequest, RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"
import { makeSealing } from "./Sealing.ts"

type DataKeys = Pick<
  RegionOperationShapes,
  "generateDataKey" | "generateDataKeyWithoutPlaintext" | "generateDataKeyPair" | "generateDataKeyPairWithoutPlaintext"
>

/**
 * Data keys and data key pairs (aws-kms-api.md §3.3): fresh secrets sealed
 * under a symmetric encryption key as ordinary ciphertext, so Decrypt opens
 * them with the same encryption context.
 */
export const makeDataKeyOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const sealing = yield* makeSealing
  const webCrypto = yield* WebCrypto
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  const contextFacts = (request: GenerateDataKeyRequest | GenerateDataKeyPairRequest) => ({
    ...(request.encryptionContext === undefined ? {} : { encryptionContext: request.encryptionContext }),
    grantTokens: request.grantTokens
  })

  const dataKey = (request: GenerateDataKeyRequest, operation: Operation) =>
    Effect.gen(function*() {
      const length = yield* dataKeyLength(request)
      return yield* access.read(request.keyId, operation, (state) =>
        Effect.gen(function*() {
          yield* checkSymmetricUse(state, operation)
          yield* stopIfDryRun(request.dryRun)
          const plaintext = yield* generateDataKeyBytes(length).pipe(
            Effect.mapError(internal("data key generation failed")),
            Effect.provideService(WebCrypto, webCrypto)
          )
          const sealed = yield* sealing.seal(state, plaintext.unsafeBytes(), request.encryptionContext, "SYMMETRIC_DEFAULT")
          return { ciphertextBlob: sealed.ciphertextBlob, plaintext, keyId: arnOfKey(state.key), keyMaterialId: sealed.materialId! }
        }), contextFacts(request))
    })

  const dataKeyPair = (request: GenerateDataKeyPairRequest, operation: Operation) =>
    access.read(request.keyId, operation, (state) =>
      Effect.gen(function*() {
        yield* checkSymmetricUse(state, operation)
        if (request.keyPairSpec === "SM2") {
          return yield* new UnsupportedOperation({ message: "KeyPairSpec SM2 is available only in the AWS China Regions." })
        }
        yield* stopIfDryRun(request.dryRun)
        const pair = yield* generateKeyPair(request.keyPairSpec).pipe(Effect.mapError(internal("key pair generation failed")))
        const sealed = yield* sealing.seal(state, pair.privateKey.unsafeBytes(), request.encryptionContext, "SYMMETRIC_DEFAULT")
          .pipe(Effect.tapError(() => Effect.sync(() => pair.privateKey.destroy())))
        return {
          privateKeyCiphertextBlob: sealed.ciphertextBlob,
          privateKeyPlaintext: pair.privateKey,
          publicKey: pair.publicKey,
          keyId: arnOfKey(state.key),
          keyPairSpec: request.keyPairSpec,
          keyMaterialId: sealed.materialId!
        }
      }), contextFacts(request))

  const operations = {
    generateDataKey: (request) => dataKey(request, "GenerateDataKey"),
    generateDataKeyWithoutPlaintext: (request) =>
      Effect.map(dataKey(request, "GenerateDataKeyWithoutPlaintext"), ({ plaintext, ...rest }) => {
        plaintext.destroy()
        return rest
      }),
    generateDataKeyPair: (request) => dataKeyPair(request, "GenerateDataKeyPair"),
    generateDataKeyPairWithoutPlaintext: (request) =>
      Effect.map(dataKeyPair(request, "GenerateDataKeyPairWithoutPlaintext"), ({ privateKeyPlaintext, ...rest }) => {
        privateKeyPlaintext.destroy()
        return rest
      })
  } satisfies DataKeys
  return operations
})
