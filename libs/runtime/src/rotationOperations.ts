import {
  isReplica,
  type KeyCommand,
  keyRotations,
  keyRotationStatus,
  type LiveKey,
  rotationStatusRefusal,
  rotationUnsupported,
  supportsRotation
} from "@trent/domain"
import { Effect } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import { mustAccept } from "@trent/key-actors"
import { KeyMaterials } from "@trent/key-actors"
import { fromPage } from "./keyManagementOperations.ts"
import { pageByIndex } from "./Pagination.ts"
import type { RegionOperationShapes } from "./RegionApi.ts"
import { answerOf } from "./changeAnswer.ts"

type Rotation = Pick<
  RegionOperationShapes,
  "enableKeyRotation" | "disableKeyRotation" | "getKeyRotationStatus" | "rotateKeyOnDemand" | "listKeyRotations"
>

/** [7]: rotation is for SYMMETRIC_DEFAULT keys of AWS_KMS origin (aws-kms-api.md §6, §7.2). */
const rotatable = (state: LiveKey) =>
  supportsRotation(state.key) ? Effect.succeed(state) : Effect.fail(rotationUnsupported(state.key))

/** ListKeyRotations also lists an imported symmetric key's materials (aws-kms-api.md §2.3). */
const listable = (state: LiveKey) =>
  state.key.origin === "EXTERNAL" && state.key.keySpec === "SYMMETRIC_DEFAULT" ? Effect.succeed(state) : rotatable(state)

export const makeRotationOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const materials = yield* KeyMaterials

  const operations = {
    enableKeyRotation: ({ keyId, rotationPeriodInDays }) =>
      access.change(keyId, "EnableKeyRotation", (_, now) =>
        Effect.succeed<KeyCommand>({ _tag: "EnableKeyRotation", now, rotationPeriodInDays })).pipe(Effect.asVoid),
    disableKeyRotation: ({ keyId }) =>
      access.change(keyId, "DisableKeyRotation", (_, now) => Effect.succeed<KeyCommand>({ _tag: "DisableKeyRotation", now }))
        .pipe(Effect.asVoid),
    getKeyRotationStatus: ({ keyId }) =>
      access.read(keyId, "GetKeyRotationStatus", (state) => {
        const refusal = rotationStatusRefusal(state.key)
        return refusal === undefined ? Effect.succeed(keyRotationStatus(state)) : Effect.fail(refusal)
      }),
    rotateKeyOnDemand: ({ keyId }) =>
      access.change(keyId, "RotateKeyOnDemand", (state, now) => {
        const without: KeyCommand = { _tag: "RotateKeyOnDemand", now, material: { materialId: "", wrapped: new Uint8Array() } }
        // Material is generated only once the decider accepts the rotation (state, spec, the rotation limit).
        return state.status === "Enabled" && supportsRotation(state.key) && !isReplica(state.key)
          ? mustAccept(state, { ...without, material: { materialId: "", wrapped: new Uint8Array(1) } }).pipe(
            Effect.andThen(materials.newMaterial(state.key.keyId, state.key.keySpec)),
            Effect.map(({ wrapped }): KeyCommand => ({ ...without, material: wrapped }))
          )
          : Effect.succeed(without)
      }).pipe(Effect.flatMap(({ state }) => answerOf("RotateKeyOnDemand", state))),
    listKeyRotations: ({ keyId, includeKeyMaterial, ...page }) =>
      access.read(keyId, "ListKeyRotations", (state) =>
        Effect.flatMap(listable(state), (key) =>
          fromPage(pageByIndex(keyRotations(key.key, includeKeyMaterial === "ALL_KEY_MATERIAL"), page, {
            list: "ListKeyRotations",
            max: 1000,
            fallback: 100
          }))))
  } satisfies Rotation
  return operations
})
