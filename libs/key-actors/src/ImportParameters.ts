import { SecretBytes, unwrapKeyMaterial, WebCrypto, wrapKeyMaterial } from "@trent/crypto"
import { ExpiredImportToken, InvalidImportToken, type WrappingAlgorithm, type WrappingKeySpec } from "@trent/domain"
import { Keyvault } from "@trent/event-log"
import { Context, Effect, Layer, Option } from "effect"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"
import { importParametersEntryId } from "./rootKeyBindings.ts"

/** An import token and its wrapping key last 24 hours (aws-kms-api.md §7.10). */
export const IMPORT_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000

const TOKEN_VERSION = 2
const KEY_ID_BYTES = 36
const TOKEN_ID_BYTES = 32
/** Outstanding parameters per key: the 16 most recent; issuing a 17th replaces the oldest. */
export const IMPORT_PARAMETER_SLOTS = 16
const TOKEN_BYTES = 1 + KEY_ID_BYTES + 1 + TOKEN_ID_BYTES

/** What GetParametersForImport issued: the wrapping private key stays here, wrapped under the key's KEK. */
export interface IssuedParameters {
  readonly wrappingAlgorithm: WrappingAlgorithm
  readonly wrappingKeySpec: WrappingKeySpec
  readonly issuedAt: number
  readonly privateKey: SecretBytes
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const slotId = (keyId: string, slot: number) => importParametersEntryId(keyId, slot)
const counterId = (keyId: string) => importParametersEntryId(keyId, "next")
/** Every keyvault entry a key's import parameters can use, for removal with the key. */
export const importParameterEntries = (keyId: string): ReadonlyArray<string> => [
  counterId(keyId),
  ...Array.from({ length: IMPORT_PARAMETER_SLOTS }, (_, slot) => slotId(keyId, slot))
]
const binding = (region: string, keyId: string, slot: number, tokenId: Uint8Array) => ({
  region,
  keyId,
  versionId: `import-parameters:${slot}:${hex(tokenId)}`,
  algorithm: "IMPORT_WRAPPING_KEY"
})

/** The sealed record: `algorithm \0 spec \0 issuedAt \0` then the PKCS#8 private key. */
const encodeRecord = (issued: IssuedParameters): SecretBytes => {
  const header = new TextEncoder().encode(`${issued.wrappingAlgorithm}\0${issued.wrappingKeySpec}\0${issued.issuedAt}\0`)
  const bytes = new Uint8Array(header.length + issued.privateKey.length)
  bytes.set(header)
  bytes.set(issued.privateKey.unsafeBytes(), header.length)
  return SecretBytes.adopt(bytes)
}

const decodeRecord = (record: SecretBytes): IssuedParameters => {
  const bytes = record.unsafeBytes()
  const fields: Array<string> = []
  let start = 0
  for (let field = 0; field < 3; field++) {
    const end = bytes.indexOf(0, start)
    fields.push(new TextDecoder().decode(bytes.subarray(start, end)))
    start = end + 1
  }
  return {
    wrappingAlgorithm: fields[0] as WrappingAlgorithm,
    wrappingKeySpec: fields[1] as WrappingKeySpec,
    issuedAt: Number(fields[2]),
    privateKey: SecretBytes.adopt(bytes.slice(start))
  }
}

/**
 * Import parameters issued by GetParametersForImport. The token names its key,
 * a slot and a random id (`02 | keyId | slot | 32 random bytes`); the wrapping
 * private key lives in the Region's keyvault in that slot, wrapped under the
 * key's own KEK with the id in the AAD. A key has 16 slots, reused oldest
 * first, so storage stays bounded, and they are removed with the key's KEK. A
 * token is good for its key only, for 24 hours, until its slot is reused.
 */
export class ImportParameters extends Context.Service<ImportParameters, {
  /** Callers serialize issues per key (the key actor's lock): the slot counter is read, then written. */
  issue(keyId: string, kek: SecretBytes, issued: IssuedParameters): Effect.Effect<Uint8Array, RegionInternalError>
  redeem(
    keyId: string,
    kek: SecretBytes,
    token: Uint8Array,
    now: number
  ): Effect.Effect<IssuedParameters, InvalidImportToken | ExpiredImportToken | RegionInternalError>
}>()("@trent/key-actors/ImportParameters") {
  static readonly layer = Layer.effect(ImportParameters, Effect.gen(function*() {
    const { region } = yield* RegionConfig
    const keyvault = yield* Keyvault
    const webCrypto = yield* WebCrypto
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
    const invalid = new InvalidImportToken({ message: "The import token is not valid for this KMS key." })

    const nextSlot = (keyId: string) =>
      Effect.gen(function*() {
        const stored = yield* keyvault.get(counterId(keyId))
        const slot = Option.isSome(stored) && stored.value.length === 1 ? stored.value[0]! % IMPORT_PARAMETER_SLOTS : 0
        yield* keyvault.put(counterId(keyId), Uint8Array.of((slot + 1) % IMPORT_PARAMETER_SLOTS))
        return slot
      }).pipe(Effect.mapError(internal("reading the import parameter slots failed")))

    const issue = (keyId: string, kek: SecretBytes, issued: IssuedParameters) =>
      Effect.gen(function*() {
        const tokenId = webCrypto.getRandomValues(new Uint8Array(TOKEN_ID_BYTES))
        const slot = yield* nextSlot(keyId)
        const record = encodeRecord(issued)
        const sealed = yield* wrapKeyMaterial(kek, record, binding(region, keyId, slot, tokenId)).pipe(
          Effect.ensuring(Effect.sync(() => record.destroy()))
        )
        yield* keyvault.put(slotId(keyId, slot), sealed).pipe(Effect.mapError(internal("storing import parameters failed")))
        const token = new Uint8Array(TOKEN_BYTES)
        token[0] = TOKEN_VERSION
        token.set(new TextEncoder().encode(keyId), 1)
        token[1 + KEY_ID_BYTES] = slot
        token.set(tokenId, 2 + KEY_ID_BYTES)
        return token
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const redeem = (keyId: string, kek: SecretBytes, token: Uint8Array, now: number) =>
      Effect.gen(function*() {
        if (token.length !== TOKEN_BYTES || token[0] !== TOKEN_VERSION) return yield* invalid
        const tokenKeyId = new TextDecoder().decode(token.subarray(1, 1 + KEY_ID_BYTES))
        const slot = token[1 + KEY_ID_BYTES]!
        if (tokenKeyId !== keyId || slot >= IMPORT_PARAMETER_SLOTS) return yield* invalid
        const tokenId = token.slice(2 + KEY_ID_BYTES)
        const stored = yield* keyvault.get(slotId(keyId, slot)).pipe(Effect.mapError(internal("reading import parameters failed")))
        if (Option.isNone(stored)) return yield* invalid
        // The token id is in the AAD: a slot reused since, or a forged id, does not unwrap.
        const record = yield* unwrapKeyMaterial(kek, stored.value, binding(region, keyId, slot, tokenId)).pipe(
          Effect.mapError(() => invalid)
        )
        const issued = decodeRecord(record)
        record.destroy()
        if (now - issued.issuedAt >= IMPORT_TOKEN_LIFETIME_MS) {
          issued.privateKey.destroy()
          return yield* new ExpiredImportToken({ message: "The import token has expired. Call GetParametersForImport for new parameters." })
        }
        return issued
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    return ImportParameters.of({ issue, redeem })
  }))
}
