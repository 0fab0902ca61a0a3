import type { PolicyDocument, RequestPrincipal } from "@trent/policy"
import { Context } from "effect"

/**
 * The authenticated caller, as policies see it: its principal, its IAM
 * identity policies, and where the request came from (aws:SourceIp,
 * aws:SecureTransport).
 */
export interface Caller {
  readonly principal: RequestPrincipal
  readonly identityPolicies: ReadonlyArray<PolicyDocument>
  readonly sourceIp?: string | undefined
  readonly secureTransport?: boolean | undefined
}

/**
 * Who is asking, for the events' envelope, authorization and (later) audit.
 * The HTTP edge provides it per request, with the `caller` whose access every
 * operation checks. Without a caller the Region acts as itself (its scheduler,
 * in-process tests), and policies are not consulted.
 */
export interface RequestInfo {
  readonly principal: string
  readonly requestId: string
  readonly caller?: Caller | undefined
}

export const RequestContext = Context.Reference<RequestInfo>("@trent/runtime/RequestContext", {
  defaultValue: () => ({ principal: "trent:region", requestId: "internal" })
})
