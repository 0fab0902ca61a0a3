import type { Worker } from "node:cluster"
import {
  type AppendedMessage,
  isMessage,
  type ListeningMessage,
  type NotedMessage,
  type NoticeMessage,
  type PublishedMessage
} from "./SiblingWrites.ts"

/**
 * The primary's half of SiblingWrites: an append one worker announces goes to
 * every other live worker as a notice; once each has noted it (or exited),
 * the writer hears `published` and may acknowledge.
 */
export const siblingRelay = () => {
  let nextId = 1
  /** Workers whose SiblingWrites hear notices (a worker still loading its modules does not yet). */
  const listening = new Set<Worker>()
  /** Per notice: the writer and the workers that have not noted it yet. */
  const open = new Map<number, { readonly writer: Worker; readonly writerId: number; readonly unnoted: Set<Worker> }>()

  const finish = (id: number) => {
    const entry = open.get(id)
    if (entry === undefined || entry.unnoted.size > 0) return
    open.delete(id)
    if (entry.writer.isConnected()) entry.writer.send({ trent: "published", id: entry.writerId } satisfies PublishedMessage)
  }

  const announce = (writer: Worker, message: AppendedMessage) => {
    const id = nextId++
    const unnoted = new Set([...listening].filter((worker) => worker !== writer && worker.isConnected()))
    open.set(id, { writer, writerId: message.id, unnoted })
    const notice: NoticeMessage = { trent: "notice", id, account: message.account, region: message.region, marks: message.marks }
    for (const worker of unnoted) worker.send(notice)
    finish(id)
  }

  return {
    /** A message from `worker`: an append to announce, or its note of another's. */
    heard: (worker: Worker, message: unknown) => {
      if (isMessage<ListeningMessage>("listening")(message)) listening.add(worker)
      else if (isMessage<AppendedMessage>("appended")(message)) announce(worker, message)
      else if (isMessage<NotedMessage>("noted")(message)) {
        open.get(message.id)?.unnoted.delete(worker)
        finish(message.id)
      }
    },
    /** A worker exited: nobody waits for its notes any more. */
    gone: (worker: Worker) => {
      listening.delete(worker)
      for (const [id, entry] of open) {
        entry.unnoted.delete(worker)
        finish(id)
      }
    }
  }
}
