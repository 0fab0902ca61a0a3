import { Result } from "effect"
import { decodeShape } from "./WireDecoder.ts"
import { unsupportedMember, type WireError } from "./WireError.ts"
import type { Shape } from "./WireShape.ts"

/**
 * One operation's request: its wire shape, and how the decoded members
 * become the Region's request. `unsupported` names the members that Trent
 * validates but refuses (their presence is an UnsupportedOperationException).
 */
export interface OperationDecoder<Request> {
  readonly shape: Shape<unknown>
  readonly unsupported: ReadonlyArray<string>
  readonly decode: (body: unknown) => Result.Result<Request, WireError>
}

export const operationDecoder = <Decoded, Request>(
  shape: Shape<Decoded>,
  toRequest: (decoded: Decoded) => Result.Result<Request, WireError>,
  unsupported: ReadonlyArray<string> = []
) => ({
  shape: shape as Shape<unknown>,
  unsupported,
  decode: (body: unknown): Result.Result<Request, WireError> => Result.flatMap(decodeShape(shape, body), toRequest)
})

/** For requests whose decoded members are already the Region's request. */
export const asIs = <A>(decoded: A): Result.Result<A, WireError> => Result.succeed(decoded)

/** Refuses a request that carries a member Trent cannot honour, else passes the rest on. */
export const refuseIfPresent = <A>(
  member: string,
  value: unknown,
  reason: string,
  request: A
): Result.Result<A, WireError> =>
  value === undefined ? Result.succeed(request) : Result.fail(unsupportedMember(member, reason))
