import { Effect } from "effect"
import { kmsSettings } from "../kms/kmsClient.ts"
import { kmsFailureMessage } from "../kms/sendKms.ts"
import type { EncryptInput } from "./encryptCommand.ts"
import { esdk, FRAME_LENGTH } from "./esdkClient.ts"
import { esdkKeyring } from "./esdkKeyring.ts"
import { withEncryptStreamErrors } from "./encryptStreamErrors.ts"
import { fileTransform } from "./fileTransform.ts"

/** `encrypt`: the input through the SDK's encrypt stream, under a data key GenerateDataKey made for `--key`. */
export const encryptFile = Effect.fn("encrypt")(function*(input: EncryptInput) {
  const settings = yield* kmsSettings(input)
  const keyring = yield* esdkKeyring(settings, { _tag: "Generate", keyId: input.key })
  yield* fileTransform({
    input: input.input,
    output: input.output,
    mode: 0o644,
    // No plaintextLength: 5.0.2 miscounts it with some frame lengths ("Encrypted data exceeded plaintextLength").
    stages: () => [withEncryptStreamErrors(esdk.encryptStream(keyring, { encryptionContext: input.context, frameLength: FRAME_LENGTH }))],
    describe: (error) => `cannot encrypt ${input.input}: ${kmsFailureMessage(error, settings.endpoint)}`
  })
}, Effect.scoped)
