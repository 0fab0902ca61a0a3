import { describe, expect, it } from "vitest"
import { asymmetricKeySpecs } from "./AsymmetricKeySpec.ts"
import { type MessageType, messageTypes, type SigningAlgorithm, signingAlgorithmParameters, signingAlgorithms, signingAlgorithmsBySpec } from "./SigningAlgorithm.ts"
import { signingInputViolation } from "./SigningInputRules.ts"

const bytes = (length: number) => new Uint8Array(length)

describe("signingInputViolation (AWS KMS API reference §5.1, §5.3)", () => {
  it("offers each spec exactly AWS's signing algorithms, and SM2DSA to none", () => {
    expect(signingAlgorithmsBySpec).toEqual({
      RSA_2048: signingAlgorithms.filter((a) => a.startsWith("RSASSA_")),
      RSA_3072: signingAlgorithms.filter((a) => a.startsWith("RSASSA_")),
      RSA_4096: signingAlgorithms.filter((a) => a.startsWith("RSASSA_")),
      ECC_NIST_P256: ["ECDSA_SHA_256"],
      ECC_NIST_P384: ["ECDSA_SHA_384"],
      ECC_NIST_P521: ["ECDSA_SHA_512"],
      ECC_SECG_P256K1: ["ECDSA_SHA_256"],
      ECC_NIST_EDWARDS25519: ["ED25519_SHA_512", "ED25519_PH_SHA_512"],
      ML_DSA_44: ["ML_DSA_SHAKE_256"],
      ML_DSA_65: ["ML_DSA_SHAKE_256"],
      ML_DSA_87: ["ML_DSA_SHAKE_256"]
    })
    expect(asymmetricKeySpecs.some((spec) => signingAlgorithmsBySpec[spec].includes("SM2DSA"))).toBe(false)
  })

  for (const spec of asymmetricKeySpecs) {
    for (const algorithm of signingAlgorithms.filter((a) => !signingAlgorithmsBySpec[spec].includes(a))) {
      it(`refuses ${algorithm} on ${spec} with AWS's incompatibility message`, () => {
        const violation = signingInputViolation({ spec, algorithm, messageType: "RAW", message: bytes(1) })
        expect(violation?._tag).toBe("IncompatibleAlgorithm")
        expect(violation?.message).toBe(`Algorithm ${algorithm} is incompatible with key spec ${spec}.`)
      })
    }
  }

  const combinations: ReadonlyArray<[SigningAlgorithm, MessageType]> = signingAlgorithms
    .filter((algorithm) => algorithm !== "SM2DSA")
    .flatMap((algorithm) => messageTypes.map((messageType): [SigningAlgorithm, MessageType] => [algorithm, messageType]))
  const specFor = (algorithm: SigningAlgorithm) => asymmetricKeySpecs.find((spec) => signingAlgorithmsBySpec[spec].includes(algorithm))!

  for (const [algorithm, messageType] of combinations) {
    const { messageTypes: allowed, digestBytes } = signingAlgorithmParameters[algorithm]
    const spec = specFor(algorithm)
    if (!allowed.includes(messageType)) {
      it(`refuses MessageType ${messageType} for ${algorithm} as IncompatibleMessageType`, () => {
        const violation = signingInputViolation({ spec, algorithm, messageType, message: bytes(digestBytes) })
        expect(violation?._tag).toBe("IncompatibleMessageType")
        expect(violation?.message).toBe(`MessageType ${messageType} is not valid for signing algorithm ${algorithm}.`)
      })
    } else if (messageType === "RAW") {
      it(`takes a RAW message of any length for ${algorithm} (1..4096 is the API edge's rule)`, () => {
        for (const length of [0, 1, digestBytes, 4096, 5000]) {
          expect(signingInputViolation({ spec, algorithm, messageType, message: bytes(length) })).toBeUndefined()
        }
      })
    } else {
      it(`takes a ${messageType} message of exactly ${digestBytes} bytes for ${algorithm}, and no other length`, () => {
        expect(signingInputViolation({ spec, algorithm, messageType, message: bytes(digestBytes) })).toBeUndefined()
        for (const length of [0, 1, 20, 28, 32, 48, 64, 66, 4096].filter((n) => n !== digestBytes)) {
          const violation = signingInputViolation({ spec, algorithm, messageType, message: bytes(length) })
          expect(violation?._tag).toBe("InvalidDigestLength")
          expect(violation?.message).toBe(`Digest is invalid length for algorithm ${algorithm}.`)
        }
      })
    }
  }

  it("checks the algorithm before the message type, and the message type before the length (AWS's order)", () => {
    const wrongEverything = { spec: "ECC_NIST_P256", algorithm: "ED25519_PH_SHA_512", messageType: "RAW", message: bytes(3) } as const
    expect(signingInputViolation(wrongEverything)?._tag).toBe("IncompatibleAlgorithm")
    const wrongTypeAndLength = { spec: "ECC_NIST_EDWARDS25519", algorithm: "ED25519_SHA_512", messageType: "DIGEST", message: bytes(3) } as const
    expect(signingInputViolation(wrongTypeAndLength)?._tag).toBe("IncompatibleMessageType")
  })
})
