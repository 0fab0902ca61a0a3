import type { AuditError, AuditInput, AuditPrincipal } from "@trent/audit"
import type { ClaimedCredential, Principal } from "@trent/auth"
import { operationSpec, type RequestOf, type ResponseOf, type ServedOperation } from "@trent/protocol"
import type { RegionApi } from "@trent/runtime"
import { Clock, Effect } from "effect"

/**
 * One request as the audit trail records it (issue #7: every request to a
 * Region, allowed or denied, successful or failed, gets exactly one record,
 * durable before the response is sent), in the edge's own terms: who, what,
 * which keys, and the error it answered — nothing is read back from the
 * response body or the headers.
 */
export interface AuditedRequest {
  readonly region: RegionApi
  readonly account: string
  readonly operation: string
  readonly principal: AuditPrincipal
  /** The decoded request, when it decoded; the audit allow-list keeps only what is not secret. */
  readonly request: unknown
  /** The Region's result, when it succeeded. */
  readonly result: unknown
  readonly error: AuditError | undefined
  /** ARNs of the keys the request used. */
  readonly resources: ReadonlyArray<string>
  /** Another Region the request changed, whose trail records it too. */
  readonly otherRegion: string | undefined
}

const principalTypes = { Root: "Root", IAMUser: "IAMUser", AssumedRole: "AssumedRole" } as const

/** The authenticated principal, as the audit record names it. */
export const auditPrincipal = (principal: Principal): AuditPrincipal => ({
  type: principalTypes[principal.type],
  principalId: principal.principalId,
  arn: principal.arn,
  accountId: principal.accountId,
  accessKeyId: principal.accessKeyId
})

/** A request whose signature did not verify: only the access key it claimed. */
export const claimedPrincipal = (claimed: ClaimedCredential): AuditPrincipal =>
  ({ type: "Unknown", principalId: "", arn: "", accountId: "", accessKeyId: claimed.accessKeyId })

const KEY_ARN = /^arn:[^:]+:kms:[^:]+:\d{12}:key\/[^/]+$/
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/

/** Key ids and key ARNs as ARNs in this Region and account; alias names and ARNs name no key. */
const keyArns = (references: ReadonlyArray<string | undefined>, region: string, account: string): Array<string> => {
  const found = new Set<string>()
  for (const reference of references) {
    if (reference === undefined) continue
    if (KEY_ARN.test(reference)) found.add(reference)
    else if (KEY_ID.test(reference)) found.add(`arn:aws:kms:${region}:${account}:key/${reference}`)
  }
  return [...found]
}

/**
 * The keys a request used, as ARNs: what its result names (the Region
 * resolved aliases to them), else the key ids and key ARNs its request gave,
 * as the operation's module declares them. An alias that did not resolve
 * names no key.
 */
export const resourcesOf = <Op extends ServedOperation>(
  operation: Op,
  scope: { readonly region: string; readonly account: string },
  request: RequestOf<Op>,
  result: ResponseOf<Op> | undefined
): ReadonlyArray<string> => {
  const spec = operationSpec(operation)
  const fromResult = result === undefined ? [] : keyArns(spec.resultKeys?.(result) ?? [], scope.region, scope.account)
  return fromResult.length > 0 ? fromResult : keyArns(spec.requestKeys?.(request) ?? [], scope.region, scope.account)
}

/** A key ARN of `from` as the same multi-Region key's ARN in `to`. */
const inRegion = (arn: string, to: string) => arn.replace(/^(arn:[^:]+:kms:)[^:]+(:)/, `$1${to}$2`)

/** What the request itself says of where it came from. */
export interface RequestSource {
  readonly requestId: string
  readonly sourceIp: string | undefined
  readonly userAgent: string | undefined
}

/**
 * Appends the request's record to its Region's audit trail (and to the other
 * Region's a multi-Region request changed); resolves once it is durable.
 */
export const recordRequest = (audited: AuditedRequest, source: RequestSource, otherRegion?: RegionApi | undefined) =>
  Effect.gen(function*() {
    const time = yield* Clock.currentTimeMillis
    const input: AuditInput = {
      time,
      operation: audited.operation,
      region: audited.region.region,
      sourceIp: source.sourceIp,
      userAgent: source.userAgent,
      principal: audited.principal,
      request: audited.request,
      response: audited.error === undefined ? audited.result : undefined,
      error: audited.error,
      requestId: source.requestId,
      eventId: crypto.randomUUID(),
      resources: audited.resources
    }
    yield* audited.region.audit.append(input)
    if (otherRegion !== undefined && otherRegion !== audited.region) {
      yield* otherRegion.audit.append({
        ...input,
        region: otherRegion.region,
        eventId: crypto.randomUUID(),
        resources: input.resources.map((arn) => inRegion(arn, otherRegion.region))
      })
    }
  })
