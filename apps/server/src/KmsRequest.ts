import { Credentials, headerValue, type HttpRequestParts, type Principal } from "@trent/auth"
import { decodeGrantToken } from "@trent/domain"
import {
  classifyTarget,
  decodeRequest,
  encodeResponse,
  OperationNotServed,
  SerializationFailure,
  type ServedOperation,
  UnknownOperation
} from "@trent/protocol"
import { type Caller, type RegionApi, RequestContext } from "@trent/runtime"
import { Cause, Clock, Effect, Option, Result } from "effect"
import { type AuditedRequest, otherRegionOf, recordRequest } from "./AuditTrail.ts"
import { RegionNotHosted, RequestDefect } from "./EdgeErrors.ts"
import { logRequest } from "./requestLogLine.ts"
import { EdgeSettings } from "./EdgeSettings.ts"
import { failure, type KmsResponse, success } from "./KmsResponse.ts"
import { operationHandlers } from "./operationHandlers.ts"
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
 * The account whose Region holds the key a request names: a key or alias ARN
 * of another account this server hosts makes a cross-account request, which
 * that account's key policy and the caller's own policies decide together.
 * Everything else goes to the caller's own account.
 */
const targetAccount = (request: unknown, principal: Principal, hosts: (account: string) => boolean): string => {
  const fields = request as { readonly keyId?: unknown; readonly destinationKeyId?: unknown; readonly grantToken?: unknown }
  const reference = typeof fields.keyId === "string"
    ? fields.keyId
    : typeof fields.grantToken === "string"
    ? decodeGrantToken(fields.grantToken)?.keyArn
    : fields.destinationKeyId
  const account = typeof reference === "string" ? /^arn:[^:]+:kms:[^:]*:(\d{12}):/.exec(reference)?.[1] : undefined
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
  origin: RequestOrigin
) =>
  Effect.gen(function*() {
    const regions = yield* Regions
    const credentials = yield* Credentials
    const decoded = decodeRequest(operation, json)
    const account = Result.isSuccess(decoded)
      ? targetAccount(decoded.success, principal, (id) => credentials.hostsAccount(id))
      : principal.accountId
    const region = yield* regions.get(account, regionName)
    const outcome = (response: KmsResponse, request?: unknown, result?: unknown): Outcome => ({
      response,
      audited: region === undefined ? undefined : { region, account, operation, principal, request, result, response }
    })
    if (region === undefined) {
      return outcome(failure(operation, errorToWire(RegionNotHosted.of(regionName))))
    }
    if (Result.isFailure(decoded)) return outcome(failure(operation, decoded.failure))
    // Every write another worker of this server acknowledged before this request came is applied here first.
    yield* (yield* SiblingWrites).settled
    const result = yield* Effect.result(
      operationHandlers[operation](region, decoded.success).pipe(
        Effect.provideService(RequestContext, { principal: principal.arn, requestId, caller: callerOf(principal, origin) })
      )
    )
    const xks = yield* Effect.serviceOption(XksStores)
    const reserved = Option.isSome(xks) && Result.isSuccess(result)
      ? xksOnlyRefusal(xks.value.current().xksOnlyKeyIds, operation, { region: region.region, account }, decoded.success, result.success)
      : undefined
    if (reserved !== undefined) return outcome(failure(operation, errorToWire(reserved)), decoded.success)
    return Result.isSuccess(result)
      ? outcome(success(operation, encodeResponse(operation, result.success)), decoded.success, result.success)
      : outcome(failure(operation, errorToWire(result.failure)), decoded.success)
  })

/** The credential scope's Region of a request whose signature did not verify, if the header names one. */
const claimedRegion = (request: HttpRequestParts): string | undefined =>
  /Credential=[^/,]+\/\d{8}\/([a-z0-9-]+)\//.exec(headerValue(request.headers, "authorization") ?? "")?.[1]

/**
 * The Region that records a request refused before it reached one (bad
 * signature, unknown operation, bad JSON): the Region its signature names, in
 * the caller's account when known, else the default account's.
 */
const refusedAt = (request: HttpRequestParts, principal: Principal | undefined, operation: string, response: KmsResponse) =>
  Effect.gen(function*() {
    const regions = yield* Regions
    const credentials = yield* Credentials
    const named = claimedRegion(request)
    const regionName = named !== undefined && regions.names.includes(named) ? named : regions.names[0]!
    const account = principal?.accountId ?? credentials.defaultAccountId
    const region: RegionApi | undefined = yield* regions.get(account, regionName)
    const audited: AuditedRequest | undefined = region === undefined
      ? undefined
      : { region, account, operation, principal, request: undefined, result: undefined, response }
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
      return run(target.operation, json.success, authenticated.success.principal, authenticated.success.region ?? regions.names[0]!, requestId, origin)
    })
    if (outcome.audited === undefined || !settings.audit) return outcome.response
    // The record is durable before the caller hears anything (issue #7): a trail that cannot write fails the request.
    const otherName = otherRegionOf(outcome.audited)
    const otherRegion = otherName === undefined ? undefined : yield* regions.get(outcome.audited.account, otherName)
    return yield* recordRequest(outcome.audited, request, requestId, origin.sourceIp, otherRegion).pipe(
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
