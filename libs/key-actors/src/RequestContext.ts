import type { PolicyDocument, RequestPrincipal } from "@trent/policy"
import { Context, Data, Effect } from "effect"

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
 * Trent itself acting, not a caller: the Region's scheduler, or a test
 * driving a Region directly. Policies are not consulted for it; it is named
 * in every event it appends (`trent:<name>`).
 */
export interface SystemActor {
  readonly _tag: "System"
  readonly name: string
}

/** Who is asking, for the events' envelope, authorization and audit. */
export interface RequestInfo {
  readonly principal: string
  readonly requestId: string
  readonly caller: Caller | SystemActor
}

export const isSystemActor = (caller: Caller | SystemActor): caller is SystemActor => "_tag" in caller && caller._tag === "System"

/** A request made by Trent itself: the scheduler's, a test's. */
export const systemRequest = (name: string): RequestInfo => ({
  principal: `trent:${name}`,
  requestId: name,
  caller: { _tag: "System", name }
})

/** An operation reached without a RequestContext: a bug, never "no authorization". */
export class MissingRequestContext extends Data.TaggedError("MissingRequestContext")<{ readonly message: string }> {}

/**
 * The request in progress. The HTTP edge and the Kafka request worker provide
 * it with the authenticated caller; the scheduler with `systemRequest`.
 * Nothing provides it by default: an operation that runs without one dies
 * (authorization never fails open).
 */
export const RequestContext = Context.Reference<RequestInfo | undefined>("@trent/key-actors/RequestContext", {
  defaultValue: () => undefined
})

export const currentRequest: Effect.Effect<RequestInfo> = Effect.flatMap(RequestContext, (info) =>
  info === undefined
    ? Effect.die(new MissingRequestContext({ message: "a Region operation ran without a RequestContext: no caller to authorize" }))
    : Effect.succeed(info))

/** The caller to authorize, or undefined for Trent itself. */
export const currentCaller: Effect.Effect<Caller | undefined> = Effect.map(currentRequest, ({ caller }) =>
  isSystemActor(caller) ? undefined : caller)
