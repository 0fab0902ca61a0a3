import type { Duplex } from "node:stream"
import { routeUncaught } from "../cli/uncaughtExceptions.ts"

const isPrematureClose = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE"

/**
 * @aws-crypto/encrypt-node 5.0.2 joins its frame and signature streams with
 * readable-stream's `pipeline` and no callback (encrypt_stream.js), so an
 * error inside a message — or the destroy that stopping a pipeline early
 * performs — is thrown as an uncaught exception instead of reaching the
 * stream's user. This routes such an exception onto `stream`, failing the
 * caller's pipeline (which then removes its partial output), and drops the
 * "Premature close" that destroying the stream causes.
 */
export const withEncryptStreamErrors = (stream: Duplex): Duplex => {
  routeUncaught((error) => {
    if (isPrematureClose(error)) return true
    if (stream.destroyed) return false
    stream.destroy(error instanceof Error ? error : new Error(String(error)))
    return true
  })
  return stream
}
