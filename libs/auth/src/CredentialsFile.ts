import { Effect, Result } from "effect"
import { type CredentialsConfig, decodeCredentialsConfig } from "./CredentialsConfig.ts"
import { CredentialsConfigError } from "./CredentialsConfigError.ts"
import { errorCode, readPrivateFile } from "./PrivateFile.ts"

// JSON.parse's messages may quote the text around the error, which can be a secret: keep only where it is.
const jsonErrorPlace = (error: unknown): string => {
  const place = error instanceof Error ? /at position \d+(?: \(line \d+ column \d+\))?/.exec(error.message) : null
  return place === null ? "" : ` (${place[0]})`
}

const fail = (message: string) => Effect.fail(new CredentialsConfigError({ message }))

/**
 * Reads and validates the credentials file. Missing → undefined (the caller
 * decides whether that is a first start or a mistake). A file that group or
 * others may read is refused: it holds secret access keys.
 */
export const readCredentialsFile = (path: string): Effect.Effect<CredentialsConfig | undefined, CredentialsConfigError> =>
  Effect.suspend(() => {
    let text: string
    try {
      const read = readPrivateFile(path)
      if (read._tag === "Missing") return Effect.succeed(undefined)
      if (read._tag === "Refused") return fail(`refusing the credentials file ${path}: ${read.reason}`)
      text = read.text
    } catch (error) {
      return fail(`cannot read the credentials file ${path} (${errorCode(error)})`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      return fail(`the credentials file ${path} is not valid JSON${jsonErrorPlace(error)}`)
    }
    return Result.match(decodeCredentialsConfig(json, `the credentials file ${path}`), {
      onSuccess: Effect.succeed,
      onFailure: Effect.fail
    })
  })
