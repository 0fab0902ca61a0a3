import { IncompatibleAlgorithm, IncompatibleMessageType, InvalidDigestLength } from "../CryptoErrors.ts"
import type { AsymmetricKeySpec } from "./AsymmetricKeySpec.ts"
import {
  type MessageType,
  type SigningAlgorithm,
  signingAlgorithmParameters,
  signingAlgorithmsBySpec
} from "./SigningAlgorithm.ts"

export type SigningInputViolation = IncompatibleAlgorithm | IncompatibleMessageType | InvalidDigestLength

/**
 * The rules Sign and Verify share, in AWS's order: the algorithm must fit the
 * spec (§5.1), the message type the algorithm (§5.1), and a DIGEST or
 * EXTERNAL_MU message the algorithm's hash length (§5.3). The 1..4096-byte
 * limit on RAW messages is the API edge's, not checked here. Returns the
 * violation, or undefined; a plain function, since it runs on every call.
 */
export const signingInputViolation = (input: {
  readonly spec: AsymmetricKeySpec
  readonly algorithm: SigningAlgorithm
  readonly messageType: MessageType
  readonly message: Uint8Array
}): SigningInputViolation | undefined => {
  if (!signingAlgorithmsBySpec[input.spec].includes(input.algorithm)) {
    return IncompatibleAlgorithm.of(input.algorithm, input.spec)
  }
  const parameters = signingAlgorithmParameters[input.algorithm]
  if (!parameters.messageTypes.includes(input.messageType)) {
    return IncompatibleMessageType.of(input.algorithm, input.messageType)
  }
  if (input.messageType !== "RAW" && input.message.length !== parameters.digestBytes) {
    return InvalidDigestLength.of(input.algorithm)
  }
  return undefined
}
