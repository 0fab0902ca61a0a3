import { execFile } from "node:child_process"
import { existsSync, mkdirSync } from "node:fs"
import { homedir } from "node:os"
import { join } from "node:path"

/**
 * local-kms (https://github.com/nsmithuk/local-kms), a Go KMS emulator: unsigned, no policies, no
 * audit. Built once from its public source with the Go toolchain on this machine into
 * ~/.cache/trent/local-kms, outside the test suite; undefined (the row is skipped) without Go.
 */
export const LOCAL_KMS_VERSION = "v0.0.0-20260228092603-2a5e92d09ab6"

const goCommand = () => [process.env["GO"], "/usr/local/go/bin/go", "go"].find((candidate) => candidate !== undefined && (candidate === "go" || existsSync(candidate)))!

export const localKmsBinary = async (): Promise<string | undefined> => {
  const bin = join(homedir(), ".cache", "trent", "local-kms", LOCAL_KMS_VERSION)
  const binary = join(bin, "local-kms")
  if (existsSync(binary)) return binary
  mkdirSync(bin, { recursive: true })
  const built = await new Promise<boolean>((resolve) =>
    execFile(goCommand(), ["install", `github.com/nsmithuk/local-kms@${LOCAL_KMS_VERSION}`], { env: { ...process.env, GOBIN: bin } }, (error, _out, stderr) => {
      if (error !== null) console.error(`local-kms not built (${error.message.split("\n")[0]}): ${stderr.split("\n").slice(-3).join(" ")}`)
      resolve(error === null)
    }))
  return built && existsSync(binary) ? binary : undefined
}
