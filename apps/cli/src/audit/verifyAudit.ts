import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { auditWitnessFileName, latestAnchors } from "@trent/audit"
import { Console, Effect, Option } from "effect"
import { OperationFailed, UsageError } from "../cli/CliFailure.ts"
import { openAuditFile, readPublicKeyFile, regionDir } from "./auditFiles.ts"
import type { VerifyInput } from "./verifyCommand.ts"

/**
 * `audit verify`: walks the whole audit trail — every record's hash and link
 * to the one before, every checkpoint's Ed25519 signature — and names the
 * first position where a record was edited, deleted, reordered or inserted.
 */
export const verifyAudit = Effect.fn("audit.verify")((input: VerifyInput) =>
  Effect.scoped(Effect.gen(function*() {
    const keyFile = Option.getOrUndefined(input.publicKey) ?? join(yield* regionDir(input), "audit-public-key.pem")
    const publicKey = yield* readPublicKeyFile(keyFile)
    const onTopic = input.store === "kafka"
    if (onTopic && Option.isSome(input.anchor)) {
      return yield* new UsageError({ message: "--anchor checks audit files against their witness; the Kafka topic's chains are not a server's files" })
    }
    const audit = yield* openAuditFile(input)
    // The witness kept beside the trail by default; a copy kept elsewhere (--anchor) is what catches a cut witness too.
    const witnessFile = Option.getOrUndefined(input.anchor) ?? join(yield* regionDir(input), auditWitnessFileName)
    const witnessed = !onTopic && (Option.isSome(input.anchor) || existsSync(witnessFile))
      ? yield* Effect.try({
        try: () => latestAnchors(readFileSync(witnessFile, "utf8"), audit.region),
        catch: (cause) => new OperationFailed({ message: `cannot read the anchor file ${witnessFile}`, cause })
      })
      : new Map()
    const report = yield* audit.verify(publicKey, {
      anchors: witnessed,
      ...Option.match(input.maxUnsignedTail, { onNone: () => ({}), onSome: (maxUnsignedTail) => ({ maxUnsignedTail }) })
    }).pipe(Effect.mapError((error) => new OperationFailed({ message: error.message, cause: error })))
    if (!report.ok) {
      return yield* new OperationFailed({
        message: `the audit trail of Region ${audit.region} fails verification at entry ${report.firstBadSeq}: ${report.problem} (${report.detail})`
      })
    }
    yield* Console.log(
      `ok: Region ${audit.region}, ${report.records} records and ${report.checkpoints} signed checkpoints verified` +
        (audit.chains > 1 ? ` in ${audit.chains} writers' chains` : "") +
        (report.unsignedTail > 0 ? `; ${report.unsignedTail} records after the last checkpoint are chained but not yet signed` : "") +
        (witnessed.size > 0 ? `; every chain reaches its witnessed checkpoint` : "; no witness was read, so truncation is not checked") +
        (report.genesis ? "" : "; no genesis (a chain created before Trent signed genesis checkpoints)")
    )
  })))
