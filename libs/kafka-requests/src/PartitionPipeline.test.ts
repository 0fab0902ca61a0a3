import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { PartitionPipeline, type PipelineJob } from "./PartitionPipeline.ts"

/** A pipeline over jobs that log when they start and end, each ending when the test says. */
const harness = (maxInFlight: number) => {
  const log: Array<string> = []
  const durable: Array<number> = []
  const release = new Map<number, () => void>()
  const pipeline = new PartitionPipeline<string, never>({
    maxInFlight,
    fork: (effect) => Effect.runFork(effect),
    onDurable: (next) => durable.push(next)
  })
  const job = (offset: number, changesState: boolean, fails = 0): PipelineJob<string, never> => {
    let failures = fails
    return {
      offset,
      changesState,
      run: (executed) =>
        Effect.gen(function*() {
          log.push(`start ${offset}`)
          yield* Effect.callback<void>((resume) => void release.set(offset, () => resume(Effect.void)))
          log.push(`ran ${offset}`)
          yield* executed
          if (failures-- > 0) return yield* Effect.fail("the reply was not acknowledged")
          log.push(`end ${offset}`)
        })
    }
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10))
  const finish = async (offset: number) => {
    release.get(offset)!()
    release.delete(offset)
    await settle()
  }
  return { log, durable, pipeline, job, settle, finish }
}

const startAll = <E, R>(pipeline: PartitionPipeline<E, R>, jobs: ReadonlyArray<PipelineJob<E, R>>) => jobs.forEach((job) => pipeline.start(job))

describe("a partition's pipeline", () => {
  it("runs reads together, a state change alone after them, and the reads after it only once it ran", async () => {
    const { log, pipeline, job, settle, finish } = harness(10)
    const at = (entry: string) => log.indexOf(entry)
    startAll(pipeline, [job(0, false), job(1, false), job(2, true), job(3, false), job(4, false)])
    await settle()
    expect(log).toEqual(["start 0", "start 1"])
    await finish(1)
    expect(log).not.toContain("start 2")
    await finish(0)
    expect(at("start 2")).toBeGreaterThan(Math.max(at("ran 0"), at("ran 1")))
    expect(log).not.toContain("start 3")
    await finish(2)
    expect(Math.min(at("start 3"), at("start 4"))).toBeGreaterThan(at("ran 2"))
    await finish(4)
    await finish(3)
    await pipeline.drained()
  })

  it("makes an offset committable only when every job before it is durable", async () => {
    const { durable, pipeline, job, finish } = harness(10)
    startAll(pipeline, [job(10, false), job(11, false), job(12, false)])
    await finish(11)
    expect(durable).toEqual([])
    await finish(10)
    expect(durable).toEqual([12])
    await finish(12)
    expect(durable).toEqual([12, 13])
  })

  it("has no room while full, and says when it is half empty again: what pauses and resumes a busy partition", async () => {
    const { pipeline, job, finish } = harness(4)
    startAll(pipeline, [job(0, false), job(1, false), job(2, false), job(3, false)])
    expect(pipeline.hasRoom).toBe(false)
    let room = false
    void pipeline.whenRoom().then(() => (room = true))
    await finish(0)
    expect([pipeline.hasRoom, room]).toEqual([true, false])
    await finish(1)
    expect(room).toBe(true)
    await finish(2)
    await finish(3)
  })

  it("retries a job whose reply Kafka did not take, and commits past it only then", async () => {
    const { durable, log, pipeline, job, finish } = harness(10)
    startAll(pipeline, [job(0, false, 1)])
    await finish(0)
    expect(durable).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 600))
    await finish(0)
    expect(log).toEqual(["start 0", "ran 0", "start 0", "ran 0", "end 0"])
    expect(durable).toEqual([1])
  })

  it("never commits the offset of a job abandoned at shutdown", async () => {
    const { durable, pipeline, job, settle } = harness(10)
    startAll(pipeline, [job(0, true)])
    await settle()
    pipeline.interrupt()
    await pipeline.drained()
    expect(durable).toEqual([])
  })
})
