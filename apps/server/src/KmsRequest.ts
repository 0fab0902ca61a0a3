import { claimedCredential, Credentials, headerValue, type HttpRequestParts, type Principal } from "@trent/auth"
import {
  classifyTarget,
  decodeRequest,
  encodeResponse,
  OperationNotServed,
  operationSpec,
  type RequestOf,
  type ResponseOf,
  SerializationFailure,
  type ServedOperation,
  UnknownOperation
} from "@trent/protocol"
import { type Caller, type RegionApi, regionOperation, RequestContext } from "@trent/runtime"
import { Cause, Clock, Effect, Option, Result } from "effect"
import { auditPrincipal, type AuditedRequest, claimedPrincipal, recordRequest, resourcesOf } from "./AuditTrail.ts"
import { RegionNotHosted, RequestDefect } from "./EdgeErrors.ts"
import { logRequest } from "./requestLogLine.ts"
import { EdgeSettings } from "./EdgeSettings.ts"
import { failure, type KmsResponse, success } from "./KmsResponse.ts"
import { Regions } from "./Regions.ts"
import { SiblingWrites } from "./SiblingWrites.ts"
import { errorToWire } from "./WireErrorTable.ts"
import { xksOnlyRefusal } from "./xks/xksOnlyKeys.ts"
import { XksStores } from "./xks/XksStores.ts"

export { failure, type KmsResponse } from "./KmsResponse.ts"

const parseJson = (body: Uint8Array): Result.Result<unknown, SerializationFailure> => {
  if (body.length === 0) return Result.succeed({})
  try {
    return Result.succeed(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)))
  } catch {
    return Result.fail(new SerializationFailure({ message: "The request body is not valid JSON." }))
  }
}

/** Where the request came from, for aws:SourceIp and aws:SecureTransport. */
export interface RequestOrigin {
  readonly sourceIp?: string | undefined
  readonly secureTransport?: boolean | undefined
}

const principalKinds = { Root: "root", IAMUser: "user", AssumedRole: "role" } as const

const callerOf = (principal: Principal, origin: RequestOrigin): Caller => ({
  principal: { arn: principal.arn, account: principal.accountId, kind: principalKinds[principal.type], id: principal.principalId },
  identityPolicies: principal.identityPolicies,
  sourceIp: origin.sourceIp,
  secureTransport: origin.secureTransport ?? false
})

/**
 * The account whose Region holds the key a request names (its module's
 * `targetKey`): a key or alias ARN of another account this server hosts makes
 * a cross-account request, which that account's key policy and the caller's
 * own policies decide together. Everything else goes to the caller's own account.
 */
const targetAccount = (reference: string | undefined, principal: Principal, hosts: (account: string) => boolean): string => {
  const account = reference === undefined ? undefined : /^arn:[^:]+:kms:[^:]*:(\d{12}):/.exec(reference)?.[1]
  return account !== undefined && account !== principal.accountId && hosts(account) ? account : principal.accountId
}

/** What a request came to: its response, and what the audit trail records of it (when a Region was reached). */
interface Outcome {
  readonly response: KmsResponse
  readonly audited: AuditedRequest | undefined
}

const run = <Op extends ServedOperation>(
  operation: Op,
  json: unknown,
  principal: Principal,
  regionName: string,
  requestId: string,
  origin: RequestOrigin,
  audit: boolean
) =>
  Effect.gen(function*() {
    const regions = yield* Regions
    const credentials = yield* Credentials
    const spec = operationSpec(operation)
    const decoded = decodeRequest(operation, json)
    const account = Result.isSuccess(decoded)
      ? targetAccount(spec.targetKey?.(decoded.success), principal, (id) => credentials.hostsAccount(id))
      : principal.accountId
    const region = yield* regions.get(account, regionName)
    const scope = { region: region?.region ?? regionName, account }
    // Under --no-audit nothing is recorded, so nothing about the record is worked out.
    const outcome = (response: KmsResponse, request?: RequestOf<Op>, result?: ResponseOf<Op>): Outcome => ({
      response,
      audited: region === undefined || !audit ? undefined : {
        region,
        account,
        operation,
        principal: auditPrincipal(principal),
        request,
        result,
        error: response.error === undefined ? undefined : { code: response.error.type, message: response.error.message },
        resources: request === undefined ? [] : resourcesOf(operation, scope, request, result),
        otherRegion: request !== undefined && response.status === 200 ? spec.otherRegion?.(request) : undefined
      }
    })
    if (region === undefined) {
      return outcome(failure(operation, errorToWire(RegionNotHosted.of(regionName))))
    }
    if (Result.isFailure(decoded)) return outcome(failure(operation, decoded.failure))
    // Every write another worker of this server acknowledged before this request came is applied here first.
    yield* (yield* SiblingWrites).settled
    const result = yield* Effect.result(
      regionOperation(region, operation)(decoded.success).pipe(
        Effect.provideService(RequestContext, { principal: principal.arn, requestId, caller: callerOf(principal, origin) })
      )
    )
    const xks = yield* Effect.serviceOption(XksStores)
    const reserved = Option.isSome(xks) && Result.isSuccess(result)
      ? xksOnlyRefusal(xks.value.current().xksOnlyKeyIds, operation, resourcesOf(operation, scope, decoded.success, result.success))
      : undefined
    if (reserved !== undefined) return outcome(failure(operation, errorToWire(reserved)), decoded.success)
    return Result.isSuccess(result)
      ? outcome(success(operation, encodeResponse(operation, result.success)), decoded.success, result.success)
      : outcome(failure(operation, errorToWire(result.failure)), decoded.success)
  })

/**
 * The Region that records a request refused before it reached one (bad
 * signature, unknown operation, bad JSON): the Region its signature names, in
 * the caller's account when known, else the default account's.
 */
const refusedAt = (request: HttpRequestParts, principal: Principal | undefined, operation: string, response: KmsResponse) =>
  Effect.gen(function*() {
    const regions = yield* Regions
    const credentials = yield* Credentials
    const claimed = claimedCredential(request)
    const regionName = claimed.region !== undefined && regions.names.includes(claimed.region) ? claimed.region : regions.names[0]!
    const account = principal?.accountId ?? credentials.defaultAccountId
    const region: RegionApi | undefined = yield* regions.get(account, regionName)
    const audited: AuditedRequest | undefined = region === undefined ? undefined : {
      region,
      account,
      operation,
      principal: principal === undefined ? claimedPrincipal(claimed) : auditPrincipal(principal),
      request: undefined,
      result: undefined,
      error: response.error === undefined ? undefined : { code: response.error.type, message: response.error.message },
      resources: [],
      otherRegion: undefined
    }
    return { response, audited }
  })

/**
 * One AWS JSON 1.1 request (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): authenticate (SigV4), pick the
 * Region from the credential scope, classify the target, decode and validate,
 * run the Region operation, encode. Every failure is an AWS-shaped error; a
 * defect is logged with detail and answered as KMSInternalException.
 */
export const handleKmsRequest = (request: HttpRequestParts, requestId: string, origin: RequestOrigin = {}) =>
  EdgeSettings.use((settings) =>
    Effect.gen(function*() {
      const started = performance.now()
      const response = yield* respond(request, requestId, settings, origin)
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000
      yield* logRequest({ requestId, operation: response.operation, outcome: response.outcome, status: response.status, durationMs }, settings.requestLogSample)
      return response
    }))

const respond = (request: HttpRequestParts, requestId: string, settings: EdgeSettings["Service"], origin: RequestOrigin) =>
  Effect.gen(function*() {
    const credentials = yield* Credentials
    const regions = yield* Regions
    const now = yield* Clock.currentTimeMillis
    const authenticated = yield* Effect.result(
      credentials.authenticate(request, { now, knownRegions: settings.knownRegions, acceptSessionTokens: settings.acceptSessionTokens })
    )
    const header = request.headers["x-amz-target"]
    const target = classifyTarget(typeof header === "string" ? header : undefined)
    const operation = target._tag === "Unknown" ? "Unknown" : target.operation
    const principal = Result.isSuccess(authenticated) ? authenticated.success.principal : undefined
    const outcome: Outcome = yield* Effect.suspend(() => {
      if (Result.isFailure(authenticated)) return refusedAt(request, principal, operation, failure(operation, errorToWire(authenticated.failure)))
      if (target._tag === "Unknown") {
        return refusedAt(request, principal, operation, failure(operation, errorToWire(new UnknownOperation())))
      }
      if (target._tag === "NotServed") return refusedAt(request, principal, operation, failure(operation, errorToWire(OperationNotServed.of(target.operation))))
      const json = parseJson(request.body)
      if (Result.isFailure(json)) return refusedAt(request, principal, operation, failure(operation, errorToWire(json.failure)))
      return run(target.operation, json.success, authenticated.success.principal, authenticated.success.region ?? regions.names[0]!, requestId, origin, settings.audit)
    })
    if (outcome.audited === undefined || !settings.audit) return outcome.response
    // The record is durable before the caller hears anything (issue #7): a trail that cannot write fails the request.
    const otherName = outcome.audited.otherRegion
    const otherRegion = otherName === undefined ? undefined : yield* regions.get(outcome.audited.account, otherName)
    const source = { requestId, sourceIp: origin.sourceIp, userAgent: headerValue(request.headers, "user-agent") }
    return yield* recordRequest(outcome.audited, source, otherRegion).pipe(
      Effect.as(outcome.response),
      Effect.catchTag("AuditLogFailure", (error) =>
        Effect.as(
          Effect.logError("the audit trail could not record a request", { requestId, error: error.message }),
          failure(operation, errorToWire(error))
        ))
    )
  }).pipe(
    Effect.catchCause((cause) =>
      Effect.as(
        Effect.logError("request failed with a defect", { requestId, cause: Cause.pretty(cause) }),
        failure("Unknown", errorToWire(new RequestDefect()))
      )
    )
  )
