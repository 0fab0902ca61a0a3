import type { HmacKey } from "@trent/crypto"
import {
  arnOfKey,
  checkAlgorithm,
  checkUsage,
  currentVersion,
  keySpecRules,
  type LiveKey,
  MacInvalid,
  stopIfDryRun
} from "@trent/domain"
import { Effect, Option } from "effect"
import { KeyAccess } from "./KeyAccess.ts"
import { KeyMaterials } from "@trent/key-actors"
import type { GenerateMacRequest, RegionOperationShapes } from "./RegionApi.ts"
import { RegionInternalError } from "@trent/key-actors"

type MacOperations = Pick<RegionOperationShapes, "generateMac" | "verifyMac">

/** GenerateMac and VerifyMac on HMAC keys: raw RFC 2104 HMACs (aws-kms-api.md §3.2, §5.3). */
export const makeMacOperations = Effect.gen(function*() {
  const access = yield* KeyAccess
  const materials = yield* KeyMaterials

  const hmacKey = (state: LiveKey): Effect.Effect<HmacKey, RegionInternalError> =>
    Effect.gen(function*() {
      const version = currentVersion(state.key)
      const material = version === undefined ? Option.none() : yield* materials.material(state.key.keyId, state, version.materialId)
      if (Option.isNone(material) || material.value.kind !== "HMAC") {
        return yield* new RegionInternalError({ message: `key ${state.key.keyId} has no usable HMAC key` })
      }
      return material.value.key
    })

  const checkMac = (state: LiveKey, operation: "GenerateMac" | "VerifyMac", request: GenerateMacRequest) =>
    Effect.gen(function*() {
      yield* checkUsage(state, operation, "GENERATE_VERIFY_MAC")
      return yield* checkAlgorithm(state, request.macAlgorithm, keySpecRules[state.key.keySpec].macAlgorithms)
    })

  const macFacts = (request: GenerateMacRequest) => ({ macAlgorithm: request.macAlgorithm, grantTokens: request.grantTokens })

  const internal = (cause: unknown) => new RegionInternalError({ message: "HMAC computation failed", cause })

  const operations = {
    generateMac: (request) =>
      access.read(request.keyId, "GenerateMac", (state) =>
        Effect.gen(function*() {
          const algorithm = yield* checkMac(state, "GenerateMac", request)
          yield* stopIfDryRun(request.dryRun)
          const key = yield* hmacKey(state)
          const mac = yield* key.mac(algorithm, request.message).pipe(Effect.mapError(internal))
          return { mac, macAlgorithm: algorithm, keyId: arnOfKey(state.key) }
        }), macFacts(request)),
    verifyMac: (request) =>
      access.read(request.keyId, "VerifyMac", (state) =>
        Effect.gen(function*() {
          const algorithm = yield* checkMac(state, "VerifyMac", request)
          const key = yield* hmacKey(state)
          const valid = yield* key.verifyMac(algorithm, request.message, request.mac).pipe(Effect.mapError(internal))
          if (!valid) return yield* new MacInvalid()
          // A dry run of VerifyMac still compares: a wrong MAC is KMSInvalidMacException, not
          // DryRunOperationException ("DryRun": the request is checked as a real one would be,
          // https://docs.aws.amazon.com/kms/latest/developerguide/testing-permissions.html).
          yield* stopIfDryRun(request.dryRun)
          return { keyId: arnOfKey(state.key), macValid: true as const, macAlgorithm: algorithm }
        }), macFacts(request))
  } satisfies MacOperations
  return operations
})
