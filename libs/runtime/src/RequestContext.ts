import { Context } from "effect"

/**
 * Who is asking, for the events' envelope (and, later, audit and policy). The
 * HTTP edge provides it per request; schedulers run as the Region itself.
 */
export interface RequestInfo {
  readonly principal: string
  readonly requestId: string
}

export const RequestContext = Context.Reference<RequestInfo>("@trent/runtime/RequestContext", {
  defaultValue: () => ({ principal: "trent:region", requestId: "internal" })
})
