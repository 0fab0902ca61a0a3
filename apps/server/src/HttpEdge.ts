import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import type { Credentials } from "@trent/auth"
import { Context, Effect, Layer, Option } from "effect"
import { EdgeFailure, RequestBodyTooLarge, UnknownPath } from "./EdgeErrors.ts"
import { defaultConnectionLimits, makeEdgeServer, overTls } from "./EdgeServer.ts"
import { EdgeSettings } from "./EdgeSettings.ts"
import { failure, handleKmsRequest, type KmsResponse } from "./KmsRequest.ts"
import { MetricsRegistry } from "./metrics/MetricsRegistry.ts"
import { RequestMetrics } from "./metrics/RequestMetrics.ts"
import { Readiness } from "./Readiness.ts"
import { Regions } from "./Regions.ts"
import type { SiblingWrites } from "./SiblingWrites.ts"
import { errorToWire } from "./WireErrorTable.ts"
import { XksStores } from "./xks/XksStores.ts"
import { serveXks } from "./xks/XksEdge.ts"

const JSON_11 = "application/x-amz-json-1.1"
const DRAIN_MS = 10_000

const send = (res: ServerResponse, status: number, requestId: string, body: string, contentType = JSON_11, errorType?: string) => {
  const headers: Record<string, string | number> = {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": requestId
  }
  if (errorType !== undefined) headers["x-amzn-errortype"] = errorType
  res.writeHead(status, headers)
  res.end(body)
}

/** Reads the body up to `limit` bytes; undefined when it is larger (the rest is not read). */
const readBody = (req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0)
    if (declared > limit) return resolve(undefined)
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners("data")
        req.pause()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on("error", reject)
  })

/** Where the edge listens once started (the port is the real one when 0 was asked for). */
export class HttpEdge extends Context.Service<HttpEdge, { readonly url: string }>()("@trent/server/HttpEdge") {
  /**
   * The AWS JSON 1.1 edge over node:http: keep-alive, a body size limit,
   * `x-amzn-RequestId` on every response, `GET /health`, `GET /metrics`,
   * `POST /_trent/reset` in dev mode only. Releasing the layer stops accepting,
   * drains in-flight requests, then lets the Regions close.
   */
  static readonly layer = Layer.effect(HttpEdge, Effect.gen(function*() {
    const settings = yield* EdgeSettings
    const regions = yield* Regions
    const readiness = yield* Readiness
    const context = yield* Effect.context<Credentials | Regions | EdgeSettings | SiblingWrites>()
    const runPromise = Effect.runPromiseWith(context)
    // Log lines from outside a request's fiber go through the server's own (JSON) logger too.
    const runFork = Effect.runForkWith(context)
    const registry = yield* MetricsRegistry
    const metrics = new RequestMetrics(registry.registry)
    // With --xks, paths under /kms/xks/ are the XKS proxy API (xks/XksEdge.ts).
    const xks = yield* Effect.serviceOption(XksStores)
    let inFlight = 0

    /** The peer's address; an IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d. */
    const sourceIpOf = (req: IncomingMessage) => req.socket.remoteAddress?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1")

    const kms = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
      const started = performance.now()
      const body = await readBody(req, settings.maxBodyBytes)
      edge.cap.answering(req.socket)
      res.once("close", () => edge.cap.answered(req.socket))
      const response: KmsResponse = body === undefined
        ? failure("Unknown", errorToWire(RequestBodyTooLarge.of(settings.maxBodyBytes)))
        : await runPromise(handleKmsRequest({
          method: req.method ?? "POST",
          path: req.url?.split("?")[0] ?? "/",
          query: req.url?.split("?")[1] ?? "",
          headers: req.headers,
          body
        }, requestId, { sourceIp: sourceIpOf(req), secureTransport: overTls(req) }).pipe(
          // Keys reserved for the XKS surface are refused here (xks/xksOnlyKeys.ts).
          (effect) => Option.isSome(xks) ? Effect.provideService(effect, XksStores, xks.value) : effect
        ))
      if (body === undefined) res.setHeader("connection", "close")
      send(res, response.status, requestId, response.body, JSON_11, response.status === 200 ? undefined : response.outcome)
      metrics.record(response.operation, response.outcome, (performance.now() - started) / 1000)
    }

    /** Every metric of the server (with workers: of every worker); 503 with the reason when the workers' metrics cannot be had. */
    const scrape = async (res: ServerResponse, requestId: string) => {
      const scraped = await registry.scrape().then((text) => ({ text }), (error: unknown) => ({ error: String(error) }))
      if ("text" in scraped) return send(res, 200, requestId, scraped.text, registry.contentType)
      runFork(Effect.logWarning("GET /metrics: the metrics could not be gathered", { error: scraped.error }))
      send(res, 503, requestId, `metrics unavailable: ${scraped.error}\n`, "text/plain; charset=utf-8")
    }

    const route = async (req: IncomingMessage, res: ServerResponse) => {
      const requestId = randomUUID()
      const path = req.url?.split("?")[0]
      if (req.method === "POST" && path === "/") return kms(req, res, requestId)
      if (Option.isSome(xks) && path?.includes("/kms/xks/") === true) {
        const body = await readBody(req, settings.maxBodyBytes)
        const answer = await runPromise(serveXks({
          method: req.method ?? "POST",
          path,
          query: req.url?.split("?")[1] ?? "",
          headers: req.headers,
          body: body ?? new Uint8Array()
        }, requestId, sourceIpOf(req), body === undefined).pipe(Effect.provideService(XksStores, xks.value)))
        if (answer.status === 405) res.setHeader("allow", "POST")
        return send(res, answer.status, requestId, answer.body, "application/json")
      }
      if (req.method === "GET" && (path === "/health" || path === "/health/ready")) {
        const freshness = (await runPromise(regions.freshness)).map(({ account, region, report }) => ({
          account,
          region,
          appliedFromOtherWriters: report.applied,
          lagMillis: report.lagMillis
        }))
        // Liveness answers 200 whatever the stores do; `ready` and `readiness` say whether requests can succeed.
        const checked = await runPromise(readiness.check)
        const ready = checked.every((region) => region.ready)
        const body = JSON.stringify({ status: "ok", regions: regions.names, freshness, ready, readiness: checked })
        return send(res, path === "/health/ready" && !ready ? 503 : 200, requestId, body, "application/json")
      }
      if (req.method === "GET" && path === "/metrics") return scrape(res, requestId)
      if (req.method === "POST" && path === "/_trent/reset" && settings.devMode && settings.devReset !== false) {
        await runPromise(regions.reset)
        return send(res, 200, requestId, "{}")
      }
      req.resume()
      const unknown = failure("Unknown", errorToWire(new UnknownPath()))
      send(res, unknown.status, requestId, unknown.body, JSON_11, unknown.outcome)
    }

    const edge = yield* Effect.try({
      try: () =>
        makeEdgeServer(settings.tls, settings.connections ?? defaultConnectionLimits, (req, res) => {
          inFlight++
          res.on("close", () => inFlight--)
          route(req, res).catch((error: unknown) => {
            // A client that goes away mid-body is no failure of ours: nothing to answer, one debug line.
            if (req.destroyed || (error as { code?: string }).code === "ECONNRESET") {
              runFork(Effect.logDebug("client went away before its request was read", { code: (error as { code?: string }).code }))
              return res.destroy()
            }
            runFork(Effect.logError("unhandled edge failure", { error: String(error) }))
            if (res.headersSent) return res.destroy()
            const failed = failure("Unknown", errorToWire(new EdgeFailure()))
            send(res, failed.status, "unknown", failed.body, JSON_11, undefined)
          })
        }, (rejection) => runFork(Effect.logDebug("connection refused by the HTTP parser or TLS", rejection))),
      catch: (error) => error as Error
    })
    const { server } = edge

    yield* Effect.acquireRelease(
      Effect.callback<void, Error>((resume) => {
        server.once("error", (error) => resume(Effect.fail(error)))
        server.listen(settings.port, settings.host, () => resume(Effect.void))
      }),
      () =>
        Effect.callback<void>((resume) => {
          // Stop accepting, let in-flight requests finish (bounded), then close idle keep-alive sockets.
          server.close(() => resume(Effect.void))
          server.closeIdleConnections()
          const started = Date.now()
          const drain = setInterval(() => {
            server.closeIdleConnections()
            if (inFlight === 0 || Date.now() - started > DRAIN_MS) {
              clearInterval(drain)
              server.closeAllConnections()
            }
          }, 20)
        })
    ).pipe(Effect.mapError((error) => new Error(`cannot listen on ${settings.host}:${settings.port}: ${error.message}`)))

    const { port } = server.address() as AddressInfo
    const url = `${edge.scheme}://${settings.host}:${port}`
    yield* Effect.logInfo(`Trent listening on ${url}`, { url })
    return HttpEdge.of({ url })
  }))
}
