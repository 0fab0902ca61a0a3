import type { AuditInput, AuditPrincipal } from "@trent/audit"
import type { HttpRequestParts, Principal } from "@trent/auth"
import { headerValue } from "@trent/auth"
import { parseCiphertext } from "@trent/crypto"
import type { RegionApi } from "@trent/runtime"
import { Clock, Effect, Option } from "effect"
import type { KmsResponse } from "./KmsResponse.ts"

/**
 * One request as the audit trail records it (issue #7: every request to a
 * Region, allowed or denied, successful or failed, gets exactly one record,
 * durable before the response is sent).
 */
export interface AuditedRequest {
  readonly region: RegionApi
  readonly account: string
  readonly operation: string
  readonly principal: Principal | undefined
  /** The decoded request, when it decoded; the audit allow-list keeps only what is not secret. */
  readonly request: unknown
  readonly result: unknown
  readonly response: KmsResponse
}

const principalTypes = { Root: "Root", IAMUser: "IAMUser", AssumedRole: "AssumedRole" } as const

/** The access key id a request claimed, from its Authorization header, when its signature did not verify. */
const claimedAccessKey = (http: HttpRequestParts): string =>
  /Credential=([A-Za-z0-9]+)\//.exec(headerValue(http.headers, "authorization") ?? "")?.[1] ?? ""

const auditPrincipal = (principal: Principal | undefined, http: HttpRequestParts): AuditPrincipal =>
  principal === undefined
    ? { type: "Unknown", principalId: "", arn: "", accountId: "", accessKeyId: claimedAccessKey(http) }
    : {
      type: principalTypes[principal.type],
      principalId: principal.principalId,
      arn: principal.arn,
      accountId: principal.accountId,
      accessKeyId: principal.accessKeyId
    }

const KEY_ARN = /^arn:[^:]+:kms:[^:]+:\d{12}:key\/[^/]+$/
const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/

/**
 * The keys a request used, as ARNs: what the result names (KeyId, SourceKeyId,
 * KeyMetadata.Arn — the Region resolved aliases to them), else key ids and key
 * ARNs the request gave. An alias that did not resolve names no key.
 */
export const resourcesOf = (region: string, account: string, request: unknown, result: unknown): ReadonlyArray<string> => {
  const found = new Set<string>()
  const add = (value: unknown) => {
    if (typeof value !== "string") return
    if (KEY_ARN.test(value)) found.add(value)
    else if (KEY_ID.test(value)) found.add(`arn:aws:kms:${region}:${account}:key/${value}`)
  }
  const fromResult = result as { keyId?: unknown; sourceKeyId?: unknown; arn?: unknown } | undefined
  if (typeof fromResult === "object" && fromResult !== null) {
    add(fromResult.sourceKeyId)
    add(fromResult.arn)
    add(fromResult.keyId)
  }
  if (found.size === 0 && typeof request === "object" && request !== null) {
    const fields = request as Record<string, unknown>
    for (const field of ["keyId", "sourceKeyId", "destinationKeyId", "targetKeyId"]) add(fields[field])
    // A Decrypt (or ReEncrypt) refused for its encryption context names no key in its request: the
    // ciphertext's header does (CiphertextBlob), as CloudTrail records the key of a failed Decrypt.
    const blob = fields["ciphertextBlob"]
    if (blob instanceof Uint8Array && fields["keyId"] === undefined && fields["sourceKeyId"] === undefined) {
      const header = Effect.runSync(Effect.option(parseCiphertext(blob)))
      if (Option.isSome(header)) add(header.value.keyId)
    }
  }
  return [...found]
}

/**
 * The other Region a successful multi-Region request changed: ReplicateKey
 * creates a key in ReplicaRegion, UpdatePrimaryRegion promotes the key in
 * PrimaryRegion. As CloudTrail does, that Region's trail records the request
 * too, so no key appears in a Region without a record of who made it.
 */
export const otherRegionOf = (audited: Pick<AuditedRequest, "operation" | "request" | "response">): string | undefined => {
  if (audited.response.status !== 200) return undefined
  const request = audited.request as { readonly replicaRegion?: unknown; readonly primaryRegion?: unknown } | undefined
  const named = audited.operation === "ReplicateKey"
    ? request?.replicaRegion
    : audited.operation === "UpdatePrimaryRegion"
    ? request?.primaryRegion
    : undefined
  return typeof named === "string" ? named : undefined
}

/** A key ARN of `from` as the same multi-Region key's ARN in `to`. */
const inRegion = (arn: string, to: string) => arn.replace(/^(arn:[^:]+:kms:)[^:]+(:)/, `$1${to}$2`)

/**
 * Appends the request's record to its Region's audit trail (and to the other
 * Region's a multi-Region request changed); resolves once it is durable.
 */
export const recordRequest = (
  audited: AuditedRequest,
  http: HttpRequestParts,
  requestId: string,
  sourceIp: string | undefined,
  otherRegion?: RegionApi | undefined
) =>
  Effect.gen(function*() {
    const time = yield* Clock.currentTimeMillis
    const error = audited.response.status === 200 ? undefined : errorOf(audited.response)
    const input: AuditInput = {
      time,
      operation: audited.operation,
      region: audited.region.region,
      sourceIp,
      userAgent: headerValue(http.headers, "user-agent"),
      principal: auditPrincipal(audited.principal, http),
      request: audited.request,
      response: error === undefined ? audited.result : undefined,
      error,
      requestId,
      eventId: crypto.randomUUID(),
      resources: resourcesOf(audited.region.region, audited.account, audited.request, audited.result)
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

const errorOf = (response: KmsResponse): { readonly code: string; readonly message?: string } => {
  const body = JSON.parse(response.body) as { readonly __type?: string; readonly message?: string }
  return body.message === undefined ? { code: response.outcome } : { code: response.outcome, message: body.message }
}
