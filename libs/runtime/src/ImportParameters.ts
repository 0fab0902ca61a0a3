import { SecretBytes, unwrapKeyMaterial, WebCrypto, wrapKeyMaterial } from "@trent/crypto"
import { ExpiredImportToken, InvalidImportToken, type WrappingAlgorithm, type WrappingKeySpec } from "@trent/domain"
import { Keyvault } from "@trent/event-log"
import { Context, Effect, Layer, Option } from "effect"
import { RegionConfig } from "./RegionConfig.ts"
import { RegionInternalError } from "./RegionErrors.ts"

/** An import token and its wrapping key last 24 hours (aws-kms-api.md §7.10). */
export const IMPORT_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000

const TOKEN_VERSION = 1
const KEY_ID_BYTES = 36
const TOKEN_ID_BYTES = 32

/** What GetParametersForImport issued: the wrapping private key stays here, wrapped under the key's KEK. */
export interface IssuedParameters {
  readonly wrappingAlgorithm: WrappingAlgorithm
  readonly wrappingKeySpec: WrappingKeySpec
  readonly issuedAt: number
  readonly privateKey: SecretBytes
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const entryId = (keyId: string, tokenId: Uint8Array) => `import-parameters:${keyId}:${hex(tokenId)}`
const binding = (region: string, keyId: string, tokenId: Uint8Array) => ({
  region,
  keyId,
  versionId: `import-parameters:${hex(tokenId)}`,
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
 * Import parameters issued by GetParametersForImport. The token names its key
 * and a random id (`01 | keyId | 32 random bytes`); the wrapping private key
 * lives in the Region's keyvault under that id, wrapped under the key's own
 * KEK, so deleting the key shreds it with everything else. A token is good for
 * its key only, for 24 hours.
 */
export class ImportParameters extends Context.Service<ImportParameters, {
  issue(keyId: string, kek: SecretBytes, issued: IssuedParameters): Effect.Effect<Uint8Array, RegionInternalError>
  redeem(
    keyId: string,
    kek: SecretBytes,
    token: Uint8Array,
    now: number
  ): Effect.Effect<IssuedParameters, InvalidImportToken | ExpiredImportToken | RegionInternalError>
}>()("@trent/runtime/ImportParameters") {
  static readonly layer = Layer.effect(ImportParameters, Effect.gen(function*() {
    const { region } = yield* RegionConfig
    const keyvault = yield* Keyvault
    const webCrypto = yield* WebCrypto
    const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
    const invalid = new InvalidImportToken({ message: "The import token is not valid for this KMS key." })

    const issue = (keyId: string, kek: SecretBytes, issued: IssuedParameters) =>
      Effect.gen(function*() {
        const tokenId = webCrypto.getRandomValues(new Uint8Array(TOKEN_ID_BYTES))
        const record = encodeRecord(issued)
        const sealed = yield* wrapKeyMaterial(kek, record, binding(region, keyId, tokenId)).pipe(
          Effect.ensuring(Effect.sync(() => record.destroy()))
        )
        yield* keyvault.put(entryId(keyId, tokenId), sealed).pipe(Effect.mapError(internal("storing import parameters failed")))
        const token = new Uint8Array(1 + KEY_ID_BYTES + TOKEN_ID_BYTES)
        token[0] = TOKEN_VERSION
        token.set(new TextEncoder().encode(keyId), 1)
        token.set(tokenId, 1 + KEY_ID_BYTES)
        return token
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    const redeem = (keyId: string, kek: SecretBytes, token: Uint8Array, now: number) =>
      Effect.gen(function*() {
        if (token.length !== 1 + KEY_ID_BYTES + TOKEN_ID_BYTES || token[0] !== TOKEN_VERSION) return yield* invalid
        const tokenKeyId = new TextDecoder().decode(token.subarray(1, 1 + KEY_ID_BYTES))
        if (tokenKeyId !== keyId) return yield* invalid
        const tokenId = token.slice(1 + KEY_ID_BYTES)
        const stored = yield* keyvault.get(entryId(keyId, tokenId)).pipe(Effect.mapError(internal("reading import parameters failed")))
        if (Option.isNone(stored)) return yield* invalid
        const record = yield* unwrapKeyMaterial(kek, stored.value, binding(region, keyId, tokenId)).pipe(
          Effect.mapError(() => invalid)
        )
        const issued = decodeRecord(record)
        record.destroy()
        if (now - issued.issuedAt >= IMPORT_TOKEN_LIFETIME_MS) {
          issued.privateKey.destroy()
          yield* keyvault.remove(entryId(keyId, tokenId)).pipe(Effect.ignore)
          return yield* new ExpiredImportToken({ message: "The import token has expired. Call GetParametersForImport for new parameters." })
        }
        return issued
      }).pipe(Effect.provideService(WebCrypto, webCrypto))

    return ImportParameters.of({ issue, redeem })
  }))
}
