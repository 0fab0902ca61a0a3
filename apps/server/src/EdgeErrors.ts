import { Schema } from "effect"

/**
 * What the server's edge refuses or fails with on its own, outside any
 * library: the HTTP framing, the Region a request names, the XKS-only keys,
 * and the defect that ends a request. Their AWS names and the texts a
 * caller sees are in WireErrorTable.ts.
 */

/** The credential scope names a Region this server does not host: UnrecognizedClientException. */
export class RegionNotHosted extends Schema.TaggedError<RegionNotHosted>()("RegionNotHosted", { message: Schema.String }) {
  static of(region: string): RegionNotHosted {
    return new RegionNotHosted({ message: `Trent does not host Region ${region}.` })
  }
}

/** A body over the edge's limit, refused before it is read (HTTP 413, as a SerializationException). */
export class RequestBodyTooLarge extends Schema.TaggedError<RequestBodyTooLarge>()("RequestBodyTooLarge", { message: Schema.String }) {
  static of(maxBodyBytes: number): RequestBodyTooLarge {
    return new RequestBodyTooLarge({ message: `The request body exceeds ${maxBodyBytes} bytes.` })
  }
}

/** A path the edge does not serve: a bare 404 UnknownOperationException. */
export class UnknownPath extends Schema.TaggedError<UnknownPath>()("UnknownPath", {}) {}

/**
 * node:http's parser refused the message (RFC 9112): not HTTP/1.1 (400),
 * headers too large (431), not received in time (408). ParserRejection.ts.
 */
export class MalformedHttpMessage extends Schema.TaggedError<MalformedHttpMessage>()("MalformedHttpMessage", {}) {}
export class HeadersTooLarge extends Schema.TaggedError<HeadersTooLarge>()("HeadersTooLarge", {}) {}
export class RequestTimedOut extends Schema.TaggedError<RequestTimedOut>()("RequestTimedOut", {}) {}

/** A key reserved for the XKS surface, used through the KMS API (xks/xksOnlyKeys.ts): KMSInvalidStateException. */
export class XksOnlyKey extends Schema.TaggedError<XksOnlyKey>()("XksOnlyKey", { message: Schema.String }) {
  static of(keyArn: string): XksOnlyKey {
    return new XksOnlyKey({ message: `${keyArn} is reserved for the external key store proxy and cannot be used through the KMS API.` })
  }
}

/** A request that ended in a defect (its cause is logged, never answered): KMSInternalException. */
export class RequestDefect extends Schema.TaggedError<RequestDefect>()("RequestDefect", {}) {}

/** The HTTP edge itself failed outside any request's handling (its error is logged): KMSInternalException. */
export class EdgeFailure extends Schema.TaggedError<EdgeFailure>()("EdgeFailure", {}) {}
