import { readFileSync } from "node:fs"
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { Socket } from "node:net"
import type { TLSSocket } from "node:tls"
import { type ConnectionCap, capConnections } from "./ConnectionCap.ts"
import { answerParserRejection, type ParserRejection } from "./ParserRejection.ts"

/** PEM files, read once at start; the key's contents never leave this module. */
export interface EdgeTls {
  readonly cert: string
  readonly key: string
  /** Clients must present a certificate this CA issued (mutual TLS, RFC 8446 §4.3.2). */
  readonly clientCa?: string | undefined
}

export interface ConnectionLimits {
  readonly maxConnections: number
  readonly headersTimeoutMs: number
  readonly requestTimeoutMs: number
  readonly keepAliveTimeoutMs: number
}

export const defaultConnectionLimits: ConnectionLimits = {
  // Half of the common default of 1,024 open files: the stores, Kafka and the logs need the rest.
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000
}

export class EdgeTlsError extends Error {}

const readPem = (what: string, path: string): Buffer => {
  try {
    return readFileSync(path)
  } catch (error) {
    // The error's message names the path and errno only, never the file's contents.
    throw new EdgeTlsError(`cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`)
  }
}

export interface EdgeServer {
  readonly server: Server
  readonly cap: ConnectionCap
  readonly scheme: "http" | "https"
}

/**
 * The edge's listening server: HTTPS when TLS is configured (a KMS is reached
 * over TLS: AWS KMS endpoints accept HTTPS only), with every connection bounded
 * in time (headers, whole request, keep-alive idle) and in number
 * (ConnectionCap), and the parser's rejections answered in AWS's shape.
 */
export const makeEdgeServer = (
  tls: EdgeTls | undefined,
  limits: ConnectionLimits,
  handler: RequestListener,
  onRejection: (rejection: ParserRejection) => void
): EdgeServer => {
  const options = {
    keepAlive: true,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // The timeouts above are checked this often; node's default (30 s) would let a slow socket overstay them.
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs)
  }
  const server: Server = tls === undefined
    ? createHttpServer(options, handler)
    : createHttpsServer({
      ...options,
      cert: readPem("certificate", tls.cert),
      key: readPem("key", tls.key),
      // A TLS handshake that does not finish holds a socket like an idle one.
      handshakeTimeout: limits.headersTimeoutMs,
      ...(tls.clientCa === undefined ? {} : { ca: readPem("client CA", tls.clientCa), requestCert: true, rejectUnauthorized: true })
    }, handler)
  server.on("clientError", (error: Error & { code?: string }, socket) => onRejection(answerParserRejection(error, socket)))
  // A handshake that fails (no client certificate, a wrong one, plain HTTP on the TLS port) is closed, logged by code only.
  server.on("tlsClientError", (error: Error & { code?: string }, socket: TLSSocket) => {
    socket.destroy()
    onRejection({ answered: false, status: 0, code: error.code ?? "TLS_HANDSHAKE_FAILED" })
  })
  return { server, cap: capConnections(server, limits.maxConnections), scheme: tls === undefined ? "http" : "https" }
}

/** aws:SecureTransport: whether the request came over TLS. */
export const overTls = (req: IncomingMessage): boolean => (req.socket as Socket & { encrypted?: boolean }).encrypted === true
