/** The HMAC key specs (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html, KeySpec), as the AWS enum strings. */
export const hmacKeySpecs = Object.freeze(["HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"] as const)
export type HmacKeySpec = (typeof hmacKeySpecs)[number]

/** MacAlgorithmSpec (https://docs.aws.amazon.com/kms/latest/APIReference/API_Types.html): one per HMAC key spec. */
export const macAlgorithms = Object.freeze(["HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"] as const)
export type MacAlgorithm = (typeof macAlgorithms)[number]

/**
 * One HMAC key spec's parameters (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html): its
 * single MAC algorithm and hash, the MAC length, the size of generated key
 * material (the hash's output length, as AWS generates) and the range that
 * imported key material may have.
 */
export interface HmacParameters {
  readonly algorithm: MacAlgorithm
  readonly hash: "sha224" | "sha256" | "sha384" | "sha512"
  readonly macBytes: 28 | 32 | 48 | 64
  readonly generatedKeyBytes: 28 | 32 | 48 | 64
  readonly minKeyBytes: number
  readonly maxKeyBytes: number
}

export const hmacParameters: { readonly [S in HmacKeySpec]: HmacParameters } = Object.freeze({
  HMAC_224: { algorithm: "HMAC_SHA_224", hash: "sha224", macBytes: 28, generatedKeyBytes: 28, minKeyBytes: 28, maxKeyBytes: 64 },
  HMAC_256: { algorithm: "HMAC_SHA_256", hash: "sha256", macBytes: 32, generatedKeyBytes: 32, minKeyBytes: 32, maxKeyBytes: 64 },
  HMAC_384: { algorithm: "HMAC_SHA_384", hash: "sha384", macBytes: 48, generatedKeyBytes: 48, minKeyBytes: 48, maxKeyBytes: 128 },
  HMAC_512: { algorithm: "HMAC_SHA_512", hash: "sha512", macBytes: 64, generatedKeyBytes: 64, minKeyBytes: 64, maxKeyBytes: 128 }
})
