import { Credentials, type HttpRequestParts, type Principal } from "@trent/auth"
import { classifyTarget, decodeRequest, encodeResponse, errorToWire, notServed, serializationError, type ServedOperation, unknownOperation, type WireError } from "@trent/protocol"
import { RequestContext } from "@trent/runtime"
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

const run = <Op extends ServedOperation>(operation: Op, json: unknown, principal: Principal, regionName: string, requestId: string) =>
  Effect.gen(function*() {
    const regions = yield* Regions
    const region = yield* regions.get(principal.accountId, regionName)
    if (region === undefined) return failure(operation, { type: "UnrecognizedClientException", status: 400, message: `Trent does not host Region ${regionName}.` })
    const decoded = decodeRequest(operation, json)
    if (Result.isFailure(decoded)) return failure(operation, decoded.failure)
    const result = yield* Effect.result(
      operationHandlers[operation](region, decoded.success).pipe(
        Effect.provideService(RequestContext, { principal: principal.arn, requestId })
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
export const handleKmsRequest = (request: HttpRequestParts, requestId: string) =>
  EdgeSettings.use((settings) => respond(request, requestId, settings))

const respond = (request: HttpRequestParts, requestId: string, settings: EdgeSettings["Service"]) =>
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
    return yield* run(target.operation, json.success, principal, region ?? regions.names[0]!, requestId)
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
