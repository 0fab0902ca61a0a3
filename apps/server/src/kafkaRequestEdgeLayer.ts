import { KafkaRequestEdge } from "@trent/kafka-requests"
import { Effect, Layer } from "effect"
import { RequestDefect, RequestBodyTooLarge } from "./EdgeErrors.ts"
import { EdgeSettings } from "./EdgeSettings.ts"
import { failure, handleKmsRequest } from "./KmsRequest.ts"
import { MetricsRegistry } from "./metrics/MetricsRegistry.ts"
import { Regions } from "./Regions.ts"
import { errorToWire } from "./WireErrorTable.ts"

/** The services `handleKmsRequest` needs, whatever they are: the worker's requests run in the server's context. */
type KmsRequestServices = Effect.Services<ReturnType<typeof handleKmsRequest>>

/**
 * What the Kafka request worker (@trent/kafka-requests) gets from this server:
 * its requests go through `handleKmsRequest`, the HTTP edge's request path,
 * with the edge's settings but one known Region, the topic's; refusals and
 * failures are the edge's AWS errors (WireErrorTable.ts); its counters go into
 * the server's metrics registry.
 */
export const kafkaRequestEdgeLayer = Layer.effect(KafkaRequestEdge, Effect.gen(function*() {
  const settings = yield* EdgeSettings
  const regions = yield* Regions
  const metrics = yield* MetricsRegistry
  const context = yield* Effect.context<KmsRequestServices>()
  // One topic's signatures are scoped to its Region: another is refused as HTTP refuses an unknown one.
  const scopedTo = new Map<string, EdgeSettings["Service"]>()
  const settingsFor = (region: string) => {
    const known = scopedTo.get(region)
    if (known !== undefined) return known
    const scoped = EdgeSettings.of({ ...settings, knownRegions: new Set([region]) })
    scopedTo.set(region, scoped)
    return scoped
  }
  return KafkaRequestEdge.of({
    handle: (request, requestId, region) =>
      handleKmsRequest(request, requestId, { secureTransport: false }).pipe(
        Effect.provideService(EdgeSettings, settingsFor(region)),
        Effect.provideContext(context)
      ),
    failure,
    internalFailure: (operation) => failure(operation, errorToWire(new RequestDefect())),
    bodyTooLarge: (maxBodyBytes) => errorToWire(RequestBodyTooLarge.of(maxBodyBytes)),
    acceptSessionTokens: settings.acceptSessionTokens,
    startRegion: (account, region) => Effect.map(regions.get(account, region), (started) => started !== undefined),
    metricsRegistry: metrics.registry
  })
}))
