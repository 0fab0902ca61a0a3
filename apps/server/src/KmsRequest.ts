import { Credentials, type HttpRequestParts, type Principal } from "@trent/auth"
import { classifyTarget, decodeRequest, encodeResponse, errorToWire, notServed, serializationError, type ServedOperation, unknownOperation, type WireError } from "@trent/protocol"
import { decodeGrantToken } from "@trent/domain"
import { type Caller, RequestContext } from "@trent/runtime"
import { Cause, Clock, Effect, Result } from "effect"
import { EdgeSettings } from "./EdgeSettings.ts"
import { operationHandlers } from "./operationHandlers.ts"
import { Regions } from "./Regions.ts"

export interface KmsResponse {
  readonly status: number
  readonly body: string
  /** The operation (or "Unknown") and outcome ("Success" or the AWS error code), for metrics and logs. */
  readonly operation: string
  readonly outcome: string
}

const success = (operation: string, body: unknown): KmsResponse => ({ status: 200, body: JSON.stringify(body), operation, outcome: "Success" })

export const failure = (operation: string, error: WireError): KmsResponse => ({
  status: error.status,
  body: JSON.stringify(error.message === undefined ? { __type: error.type } : { __type: error.type, message: error.message }),
  operation,
  outcome: error.type
})

const parseJson = (body: Uint8Array): Result.Result<unknown, WireError> => {
  if (body.length === 0) return Result.succeed({})
  try {
    return Result.succeed(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)))
  } catch {
    return Result.fail(serializationError("The request body is not valid JSON."))
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
    if (Result.isFailure(decoded)) return failure(operation, decoded.failure)
    const account = targetAccount(decoded.success, principal, (id) => credentials.hostsAccount(id))
    const region = yield* regions.get(account, regionName)
    if (region === undefined) return failure(operation, { type: "UnrecognizedClientException", status: 400, message: `Trent does not host Region ${regionName}.` })
    const result = yield* Effect.result(
      operationHandlers[operation](region, decoded.success).pipe(
        Effect.provideService(RequestContext, { principal: principal.arn, requestId, caller: callerOf(principal, origin) })
      )
    )
    return Result.isSuccess(result)
      ? success(operation, encodeResponse(operation, result.success))
      : failure(operation, errorToWire(result.failure))
  })

/**
 * One AWS JSON 1.1 request (aws-kms-api.md §1): authenticate (SigV4), pick the
 * Region from the credential scope, classify the target, decode and validate,
 * run the Region operation, encode. Every failure is an AWS-shaped error; a
 * defect is logged with detail and answered as KMSInternalException.
 */
export const handleKmsRequest = (request: HttpRequestParts, requestId: string, origin: RequestOrigin = {}) =>
  EdgeSettings.use((settings) => respond(request, requestId, settings, origin))

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
    if (Result.isFailure(authenticated)) return failure(operation, errorToWire(authenticated.failure))
    if (target._tag === "Unknown") return failure(operation, unknownOperation(typeof header === "string" ? header : undefined))
    if (target._tag === "NotServed") return failure(operation, notServed(target.operation))
    const json = parseJson(request.body)
    if (Result.isFailure(json)) return failure(operation, json.failure)
    const { principal, region } = authenticated.success
    return yield* run(target.operation, json.success, principal, region ?? regions.names[0]!, requestId, origin)
  }).pipe(
    // Building a log record costs as much as the request's crypto: only when debug logs are on.
    Effect.tap((response) =>
      settings.requestLogs
        ? Effect.logDebug("request", { requestId, operation: response.operation, outcome: response.outcome, status: response.status })
        : Effect.void
    ),
    Effect.catchCause((cause) =>
      Effect.as(
        Effect.logError("request failed with a defect", { requestId, cause: Cause.pretty(cause) }),
        failure("Unknown", errorToWire({ _tag: "Defect" }))
      )
    )
  )
