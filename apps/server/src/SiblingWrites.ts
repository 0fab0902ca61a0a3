import { type RegionApi, type StreamMark } from "@trent/runtime"
import { Context, Duration, Effect, Layer } from "effect"

/**
 * The workers of one `trent serve --workers N` share its endpoint, so a
 * client's next request may reach another worker than the one that
 * acknowledged its write. Before a worker acknowledges an append it tells the
 * others, through the primary (siblingRelay.ts), and waits until each has
 * noted it; a worker starts every request only once what it has noted is
 * applied. So every worker reads every acknowledged write: read-your-writes
 * for the whole endpoint, not only the worker that wrote.
 */

/** worker → primary: this worker appended; answer `published` once every other worker has noted it. */
export interface AppendedMessage {
  readonly trent: "appended"
  readonly id: number
  readonly account: string
  readonly region: string
  readonly marks: ReadonlyArray<StreamMark>
}
/** primary → worker: another worker appended; answer `noted` once this worker will wait for it. */
export interface NoticeMessage {
  readonly trent: "notice"
  readonly id: number
  readonly account: string
  readonly region: string
  readonly marks: ReadonlyArray<StreamMark>
}
/** worker → primary: this worker hears notices from now on. */
export interface ListeningMessage {
  readonly trent: "listening"
}
export interface NotedMessage {
  readonly trent: "noted"
  readonly id: number
}
export interface PublishedMessage {
  readonly trent: "published"
  readonly id: number
}

export const isMessage = <T extends { readonly trent: string }>(kind: T["trent"]) => (message: unknown): message is T =>
  typeof message === "object" && message !== null && (message as { trent?: unknown }).trent === kind

/** A sibling that has not noted an append by then is stuck; the writer acknowledges anyway, and says so. */
const PUBLISH_TIMEOUT = Duration.seconds(2)
/** A noted append not applied by then (the follower is failing): requests go on, and the log says so. */
const APPLY_TIMEOUT = Duration.seconds(5)

export class SiblingWrites extends Context.Service<SiblingWrites, {
  /** Completes once every other worker has noted these appends to the Region. */
  readonly publish: (account: string, region: string, marks: ReadonlyArray<StreamMark>) => Effect.Effect<void>
  /** Completes once every sibling append noted before the call is applied in this worker. */
  readonly settled: Effect.Effect<void>
  /** Where noted appends are applied: this worker's open Regions (set once they are). */
  readonly applyTo: (find: (account: string, region: string) => RegionApi | undefined) => Effect.Effect<void>
}>()("@trent/server/SiblingWrites") {
  /** A server that is one process has no siblings. */
  static readonly none = Layer.succeed(SiblingWrites, SiblingWrites.of({
    publish: () => Effect.void,
    settled: Effect.void,
    applyTo: () => Effect.void
  }))

  /** In a worker of node:cluster: siblings reached through the primary's IPC channel. */
  static readonly cluster = Layer.effect(SiblingWrites, Effect.gen(function*() {
    const send = (message: AppendedMessage | NotedMessage | ListeningMessage) => process.send?.(message)
    // Applying a notice runs outside any request's fiber: with the server's context, so its log lines are JSON too.
    const runPromise = Effect.runPromiseWith(yield* Effect.context<never>())
    let nextId = 1
    const waiting = new Map<number, () => void>()
    const pending = new Set<Promise<void>>()
    let find: ((account: string, region: string) => RegionApi | undefined) | undefined
    /** Notices heard before this worker's Regions were open: applied once they are, before it serves. */
    let early: Array<NoticeMessage> | undefined = []

    const apply = (notice: NoticeMessage): Promise<void> => {
      const region = find?.(notice.account, notice.region)
      // A Region this worker has not opened loads from the store when it opens: nothing to wait for.
      if (region === undefined) return Promise.resolve()
      return runPromise(region.applied(notice.marks).pipe(
        Effect.timeout(APPLY_TIMEOUT),
        Effect.catch((error) => Effect.logWarning(`a sibling's append to Region ${notice.region} was not applied in time`, error))
      ))
    }

    const onMessage = (message: unknown) => {
      if (isMessage<PublishedMessage>("published")(message)) {
        waiting.get(message.id)?.()
        waiting.delete(message.id)
      } else if (isMessage<NoticeMessage>("notice")(message)) {
        if (early === undefined) note(message)
        else early.push(message)
        send({ trent: "noted", id: message.id })
      }
    }
    const note = (notice: NoticeMessage) => {
      const applying = apply(notice).finally(() => pending.delete(applying))
      pending.add(applying)
    }
    yield* Effect.acquireRelease(
      Effect.sync(() => {
        process.on("message", onMessage)
        send({ trent: "listening" })
      }),
      () => Effect.sync(() => process.off("message", onMessage))
    )

    const publish = (account: string, region: string, marks: ReadonlyArray<StreamMark>) =>
      Effect.callback<void>((resume) => {
        const id = nextId++
        waiting.set(id, () => resume(Effect.void))
        send({ trent: "appended", id, account, region, marks })
        return Effect.sync(() => waiting.delete(id))
      }).pipe(
        Effect.timeoutOrElse({
          duration: PUBLISH_TIMEOUT,
          orElse: () => Effect.logWarning(`the other workers did not note an append to Region ${region} in time`)
        })
      )

    const settled = Effect.suspend(() =>
      pending.size === 0 ? Effect.void : Effect.promise(() => Promise.all([...pending]).then(() => undefined))
    )

    const applyTo = (lookup: (account: string, region: string) => RegionApi | undefined) =>
      Effect.sync(() => {
        find = lookup
        const heard = early ?? []
        early = undefined
        heard.forEach(note)
      })

    return SiblingWrites.of({ publish, settled, applyTo })
  }))
}
