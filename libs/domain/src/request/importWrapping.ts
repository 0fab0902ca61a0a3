import type { ImportWrappingAlgorithm, WrappingKeySpec as ServedWrappingKeySpec } from "@trent/crypto"
import { InvalidRequest, UnsupportedOperation } from "../KeyErrors.ts"
import type { KeySpec, WrappingAlgorithm, WrappingKeySpec } from "../KeySpec.ts"

/** A wrapping this Region serves, as the types @trent/crypto's unwrap and key generation take. */
export interface ServedWrapping {
  readonly _tag: "ServedWrapping"
  readonly wrappingAlgorithm: ImportWrappingAlgorithm
  readonly wrappingKeySpec: ServedWrappingKeySpec
}

/**
 * GetParametersForImport: which wrapping algorithm can carry which material
 * (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-get-public-key-and-token.html):
 * RSAES_OAEP_* wrap the material directly, so they cannot carry an RSA private
 * key, and RSA_2048 with them cannot carry an ECC_NIST_P521 one. SM2 is for the
 * China Regions and RSAES_PKCS1_V1_5 has not been accepted since 2023-10-10
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html).
 */
export const checkWrapping = (
  spec: KeySpec,
  algorithm: WrappingAlgorithm,
  wrappingKeySpec: WrappingKeySpec
): ServedWrapping | InvalidRequest | UnsupportedOperation => {
  if (wrappingKeySpec === "SM2" || algorithm === "SM2PKE") {
    return new UnsupportedOperation({ message: "SM2 wrapping is available only in the AWS China Regions." })
  }
  if (algorithm === "RSAES_PKCS1_V1_5") {
    return new InvalidRequest({ message: "The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256." })
  }
  const direct = algorithm === "RSAES_OAEP_SHA_1" || algorithm === "RSAES_OAEP_SHA_256"
  if (direct && (spec.startsWith("RSA_") || (spec === "ECC_NIST_P521" && wrappingKeySpec === "RSA_2048"))) {
    return new InvalidRequest({
      message: `${algorithm} with ${wrappingKeySpec} cannot wrap ${spec} key material. Use RSA_AES_KEY_WRAP_SHA_256.`
    })
  }
  if (direct && spec.startsWith("ML_DSA_")) {
    return new InvalidRequest({ message: `${algorithm} cannot wrap ${spec} key material. Use RSA_AES_KEY_WRAP_SHA_256.` })
  }
  return { _tag: "ServedWrapping", wrappingAlgorithm: algorithm, wrappingKeySpec }
}
