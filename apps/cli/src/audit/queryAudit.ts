import type { StoredAuditRecord } from "@trent/audit"
import { Console, Effect, Option } from "effect"
import { UsageError } from "../cli/CliFailure.ts"
import { parseInstant } from "../history/parseInstant.ts"
import { printJsonLine } from "../output/jsonLine.ts"
import { renderTable } from "../output/table.ts"
import { openAuditFile } from "./auditFiles.ts"
import type { QueryInput } from "./queryCommand.ts"

const instant = (flag: string, value: Option.Option<string>): Effect.Effect<number | undefined, UsageError> =>
  Option.match(value, {
    onNone: () => Effect.succeed(undefined),
    onSome: (text) => {
      const parsed = parseInstant(text)
      return parsed === undefined
        ? Effect.fail(new UsageError({ message: `--${flag} '${text}' is not an instant (ISO 8601 or epoch milliseconds)` }))
        : Effect.succeed(parsed)
    }
  })

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/

const row = ({ record }: StoredAuditRecord) => [
  record.eventTime,
  record.eventName,
  record.userIdentity.arn || `(unauthenticated ${record.userIdentity.accessKeyId})`,
  record.errorCode ?? "ok",
  record.resources.map((resource) => resource.ARN.slice(resource.ARN.lastIndexOf("/") + 1)).join(" "),
  record.requestID
]

/** `audit query`: the matching records of the Region's trail, as a table or JSON lines. */
export const queryAudit = Effect.fn("audit.query")(function*(input: QueryInput) {
  const since = yield* instant("since", input.since)
  const until = yield* instant("until", input.until)
  yield* Effect.scoped(Effect.gen(function*() {
    const audit = yield* openAuditFile(input)
    const key = Option.getOrUndefined(input.key)
    // A bare key id means the key of this account and Region: match on the ARN's end.
    const keyArn = key !== undefined && KEY_ID.test(key) ? undefined : key
    const records = (yield* audit.read({
      keyArn,
      principalArn: Option.getOrUndefined(input.principal),
      eventName: Option.getOrUndefined(input.event),
      since,
      until,
      errorsOnly: input.errorsOnly,
      limit: key !== undefined && keyArn === undefined ? undefined : Option.getOrUndefined(input.limit)
    }).pipe(Effect.orDie)).filter((entry) =>
      keyArn !== undefined || key === undefined || entry.record.resources.some((resource) => resource.ARN.endsWith(`:key/${key}`))
    )
    const limited = Option.match(input.limit, { onNone: () => records, onSome: (limit) => records.slice(0, limit) })
    if (input.json) {
      for (const entry of limited) yield* printJsonLine(entry.record)
      return
    }
    yield* Console.log(renderTable(["TIME", "OPERATION", "CALLER", "OUTCOME", "KEYS", "REQUEST ID"], limited.map(row)))
  }))
})
