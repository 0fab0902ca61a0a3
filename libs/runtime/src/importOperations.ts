import {
  checkImportedMaterial,
  generateWrappingKeyPair,
  importedMaterialId,
  type SecretBytes,
  unwrapImportedMaterial
} from "@trent/crypto"
import {
  arnOfKey,
  checkKeyState,
  checkWrapping,
  decideKey,
  importedMaterialTarget,
  importedMaterialTerms,
  IncorrectKeyMaterial,
  InvalidRequest,
  isKeyRejection,
  type KeyCommand,
  type KeySpec,
  type LiveKey
} from "@trent/domain"
import { Clock, Effect } from "effect"
import { IMPORT_TOKEN_LIFETIME_MS, ImportParameters } from "@trent/key-actors"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyActors } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"

type Importing = Pick<RegionOperationShapes, "getParametersForImport" | "importKeyMaterial" | "deleteImportedKeyMaterial">

/**
 * Importing key material (BYOK, aws-kms-api.md §3.10, §7.10): fresh RSA
 * wrapping parameters per call, the material unwrapped only in memory, checked
 * against the key spec, and re-wrapped under the key's KEK before it is
 * logged. Its KeyMaterialId derives from the bytes, so re-importing the same
 * material finds the same version and other material is IncorrectKeyMaterial.
 */
export const makeImportOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const actors = yield* KeyActors
  const materials = yield* KeyMaterials
  const parameters = yield* ImportParameters
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })

  /** The state table before any expensive work: the KMS key must be one that takes imported material. */
  const requireImportable = (state: LiveKey, operation: "GetParametersForImport" | "ImportKeyMaterial") => {
    const rejected = checkKeyState(operation, state)
    return rejected === undefined ? Effect.void : Effect.fail(rejected)
  }

  const unwrap = (keyId: string, spec: KeySpec, kek: SecretBytes, token: Uint8Array, encrypted: Uint8Array, now: number) =>
    Effect.gen(function*() {
      const issued = yield* parameters.redeem(keyId, kek, token, now)
      const plaintext = yield* unwrapImportedMaterial({
        wrappingAlgorithm: issued.wrappingAlgorithm,
        wrappingPrivateKey: issued.privateKey,
        encryptedKeyMaterial: encrypted
      }).pipe(Effect.ensuring(Effect.sync(() => issued.privateKey.destroy())))
      yield* checkImportedMaterial(spec, plaintext.unsafeBytes()).pipe(
        Effect.mapError(() =>
          new IncorrectKeyMaterial({ message: `The key material is not valid ${spec} key material.` })
        ),
        Effect.onError(() => Effect.sync(() => plaintext.destroy()))
      )
      return plaintext
    })

  const operations = {
    getParametersForImport: ({ keyId, wrappingAlgorithm, wrappingKeySpec }) =>
      access.read(keyId, "GetParametersForImport", (state) =>
        Effect.gen(function*() {
          const wrapping = checkWrapping(state.key.keySpec, wrappingAlgorithm, wrappingKeySpec)
          if (wrapping._tag !== "ServedWrapping") return yield* wrapping
          const pair = yield* generateWrappingKeyPair(wrapping.wrappingKeySpec).pipe(
            Effect.mapError(internal("generating the wrapping key failed"))
          )
          const now = yield* Clock.currentTimeMillis
          const kek = yield* materials.kek(state.key.keyId)
          // The key's lock serializes issuing (a slot counter is read, then written).
          const importToken = yield* actors.locked(state.key.keyId, parameters.issue(state.key.keyId, kek, {
            wrappingAlgorithm,
            wrappingKeySpec,
            issuedAt: now,
            privateKey: pair.privateKey
          })).pipe(Effect.ensuring(Effect.sync(() => pair.privateKey.destroy())))
          return {
            keyId: arnOfKey(state.key),
            importToken,
            publicKey: pair.publicKey,
            parametersValidTo: now + IMPORT_TOKEN_LIFETIME_MS
          }
        })),

    importKeyMaterial: (request) =>
      Effect.gen(function*() {
        const terms = importedMaterialTerms(
          yield* Clock.currentTimeMillis,
          request.expirationModel,
          request.validTo,
          request.keyMaterialDescription
        )
        if (terms instanceof InvalidRequest) return yield* terms
        let materialId = ""
        const { state } = yield* access.change(request.keyId, "ImportKeyMaterial", (before, now) =>
          Effect.gen(function*() {
            if (before.status === "Absent" || before.status === "Destroyed") {
              return { _tag: "ImportKeyMaterial", now, material: { materialId: "", wrapped: new Uint8Array() }, imported: terms } satisfies KeyCommand
            }
            yield* requireImportable(before, "ImportKeyMaterial")
            const { keySpec } = before.key
            const { keyId } = before.key
            const kek = yield* materials.kek(keyId)
            const plaintext = yield* unwrap(keyId, keySpec, kek, request.importToken, request.encryptedKeyMaterial, now)
            materialId = importedMaterialId(keyId, plaintext.unsafeBytes())
            const command = (wrapped: Uint8Array): KeyCommand => ({
              _tag: "ImportKeyMaterial",
              now,
              material: { materialId, wrapped },
              imported: terms,
              ...(request.importType === undefined ? {} : { importType: request.importType }),
              ...(request.keyMaterialId === undefined ? {} : { keyMaterialId: request.keyMaterialId })
            })
            // The decider's verdict (same material? a pending rotation?) before the material is adopted.
            const dry = decideKey(before, command(new Uint8Array(1)))
            if (isKeyRejection(dry)) {
              plaintext.destroy()
              return yield* Effect.fail(dry)
            }
            const material = yield* materials.adoptMaterial(keyId, keySpec, materialId, plaintext)
            return command(material.wrapped)
          }))
        return { keyId: arnOfKey((state as LiveKey).key), keyMaterialId: materialId }
      }),

    deleteImportedKeyMaterial: ({ keyId, keyMaterialId }) =>
      Effect.gen(function*() {
        let target: string | undefined
        const { state } = yield* access.change(keyId, "DeleteImportedKeyMaterial", (before, now) => {
          if (before.status !== "Absent" && before.status !== "Destroyed") target = importedMaterialTarget(before.key, keyMaterialId)
          return Effect.succeed<KeyCommand>({
            _tag: "DeleteImportedKeyMaterial",
            now,
            ...(keyMaterialId === undefined ? {} : { keyMaterialId })
          })
        })
        return { keyId: arnOfKey((state as LiveKey).key), keyMaterialId: target ?? "" }
      })
  } satisfies Importing
  return operations
})
