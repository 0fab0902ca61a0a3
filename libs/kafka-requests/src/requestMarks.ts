import { Credentials, type HttpRequestParts } from "@trent/auth"
import { decodeGrantToken } from "@trent/domain"
import { Clock, Effect } from "effect"
import { KafkaRequestEdge } from "./KafkaRequestEdge.ts"
import { logEnd, type LogPoint } from "./logScan.ts"
import type { LogMark } from "./RecordedRequest.ts"
import { type RegionLogAccess, RegionEventLogs } from "./RegionEventLogs.ts"

/** The accounts of key ARNs a request names (KeyId, DestinationKeyId, a grant token's key): a cross-account request changes that account's Region. */
const accountsNamedIn = (body: Uint8Array): Array<string> => {
  let json: Record<string, unknown>
  try {
    json = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>
  } catch {
    return []
  }
  if (typeof json !== "object" || json === null) return []
  const references = [json["KeyId"], json["DestinationKeyId"], json["TargetKeyId"]]
  if (typeof json["GrantToken"] === "string") references.push(decodeGrantToken(json["GrantToken"])?.keyArn)
  return references.flatMap((reference) => {
    const account = typeof reference === "string" ? /^arn:[^:]+:kms:[^:]*:(\d{12}):/.exec(reference)?.[1] : undefined
    return account === undefined ? [] : [account]
  })
}

/** The log of an account's Region, starting the Region if it is not open yet; undefined when this server does not host it. */
export const openRegionLog = (account: string, region: string): Effect.Effect<RegionLogAccess | undefined, unknown, KafkaRequestEdge | RegionEventLogs> =>
  Effect.gen(function*() {
    const started = yield* (yield* KafkaRequestEdge).startRegion(account, region)
    return started ? (yield* RegionEventLogs).get(account, region) : undefined
  })

/**
 * Where the log of every Region a state-changing request could change ends
 * now: the Region of the account it is signed by (the topic's account when
 * its signature does not verify — then it will not run at all) and of any
 * other hosted account whose key ARN it names. `known` remembers each log's
 * end between calls, so that finding it again reads only what was appended since.
 */
export const requestMarks = (
  topicAccount: string,
  region: string,
  request: HttpRequestParts,
  known: Map<string, LogPoint>
): Effect.Effect<ReadonlyArray<LogMark>, unknown, Credentials | KafkaRequestEdge | RegionEventLogs> =>
  Effect.gen(function*() {
    const credentials = yield* Credentials
    const edge = yield* KafkaRequestEdge
    const now = yield* Clock.currentTimeMillis
    const signer = yield* Effect.result(credentials.authenticate(request, { now, knownRegions: new Set([region]), acceptSessionTokens: edge.acceptSessionTokens }))
    const accounts = new Set([signer._tag === "Success" ? signer.success.principal.accountId : topicAccount])
    for (const account of accountsNamedIn(request.body)) if (credentials.hostsAccount(account)) accounts.add(account)
    const marks: Array<LogMark> = []
    for (const account of accounts) {
      const access = yield* openRegionLog(account, region)
      if (access === undefined) continue
      const key = `${account}/${region}`
      const end = yield* logEnd(access.eventLog, known.get(key) ?? { position: 0, eventId: null })
      known.set(key, end)
      marks.push({ account, region, position: end.position, eventId: end.eventId })
    }
    return marks
  })
