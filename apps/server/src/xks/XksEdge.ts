import type { HttpRequestParts } from "@trent/auth"
import { xksErrorResponse } from "@trent/protocol"
import { Cause, Effect } from "effect"
import { EdgeSettings } from "../EdgeSettings.ts"
import { recordXksCall } from "./XksAudit.ts"
import { handleXksRequest } from "./XksRequest.ts"

/**
 * The XKS proxy API beside the KMS API on the same port (`--xks`): one call,
 * its audit record (durable before the answer, as for every KMS request),
 * and an answer in the spec's error shape whatever happens — a defect or a
 * trail that cannot write is an InternalException, never a bare 500.
 */
export const serveXks = (request: HttpRequestParts, requestId: string, sourceIp: string | undefined, tooLarge: boolean) =>
  Effect.gen(function*() {
    if (tooLarge) return xksErrorResponse({ errorName: "UnsupportedOperationException", errorMessage: "The request body is too large." })
    const settings = yield* EdgeSettings
    const call = yield* handleXksRequest(request)
    if (settings.audit) yield* recordXksCall(call, request, requestId, sourceIp)
    return { status: call.status, body: call.body }
  }).pipe(
    Effect.catchCause((cause) =>
      Effect.as(
        Effect.logError("XKS request failed", { requestId, cause: Cause.pretty(cause) }),
        xksErrorResponse({ errorName: "InternalException" })
      )
    )
  )
