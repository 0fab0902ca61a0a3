import type { AuditIdentityType, AuditInput } from "@trent/audit"
import { claimedCredential, Credentials, headerValue, type HttpRequestParts } from "@trent/auth"
import type { XksRequestMetadata } from "@trent/protocol"
import { Clock, Effect } from "effect"
import { Regions } from "../Regions.ts"
import type { XksCall } from "./XksRequest.ts"

/** The AWS principal KMS acted for, as CloudTrail types it; a service principal or "AWS Internal" is Unknown. */
const identityType = (arn: string): AuditIdentityType =>
  /^arn:[^:]+:iam::\d{12}:root$/.test(arn) ? "Root"
  : /^arn:[^:]+:iam::\d{12}:user\//.test(arn) ? "IAMUser"
  : /^arn:[^:]+:sts::\d{12}:assumed-role\//.test(arn) ? "AssumedRole"
  : "Unknown"

/**
 * Appends one XKS call to its key store's Region's audit trail (the server's
 * first Region for a path under no key store), durable before the answer: the
 * AWS principal and the KMS request id come from requestMetadata, as the spec
 * asks a proxy to log them ("Logging"). The audit rules keep no plaintext,
 * ciphertext, IV, tag or AAD.
 */
export const recordXksCall = (call: XksCall, http: HttpRequestParts, requestId: string, sourceIp: string | undefined) =>
  Effect.gen(function*() {
    const region = call.region ?? (yield* (yield* Regions).get((yield* Credentials).defaultAccountId, (yield* Regions).names[0]!))
    if (region === undefined) return
    const metadata = (call.request as { readonly requestMetadata?: XksRequestMetadata } | undefined)?.requestMetadata
    const arn = metadata?.awsPrincipalArn ?? ""
    const route = call.route
    const input: AuditInput = {
      time: yield* Clock.currentTimeMillis,
      operation: route._tag === "Operation" ? `XksProxy.${route.operation}` : "XksProxy.Unknown",
      region: region.region,
      sourceIp,
      userAgent: headerValue(http.headers, "user-agent"),
      principal: {
        type: identityType(arn),
        principalId: "",
        arn,
        accountId: arn.split(":")[4] ?? "",
        accessKeyId: call.accessKeyId ?? claimedCredential(http).accessKeyId
      },
      request: {
        ...(call.request as object | undefined),
        uriPath: route.store?.uriPath,
        externalKeyId: route._tag === "Operation" ? route.externalKeyId : undefined
      },
      response: call.result,
      error: call.error === undefined
        ? (call.status === 200 ? undefined : { code: "MethodNotAllowed" })
        : { code: call.error.errorName, message: call.error.errorMessage },
      requestId,
      eventId: crypto.randomUUID(),
      resources: call.keyArn === undefined ? [] : [call.keyArn]
    }
    yield* region.audit.append(input)
  })
