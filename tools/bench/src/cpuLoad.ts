import autocannon from "autocannon"
import type { SignedRequest } from "./benchClient.ts"
import { cpuSecondsOf } from "./serverCpu.ts"

export interface CpuCell {
  readonly connections: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  /** The server's own CPU (every process under `pid`, from /proc) per request answered. */
  readonly cpuMicros: number
  readonly errors: number
}

/** One cell: `connections` replaying `request` for `seconds`, with the server's CPU per request. */
export const loadWithCpu = async (url: string, pid: number, connections: number, request: SignedRequest, seconds: number): Promise<CpuCell> => {
  const before = cpuSecondsOf(pid)
  const result = await autocannon({ url, method: "POST", connections, duration: seconds, headers: request.headers, body: request.body })
  const cpu = cpuSecondsOf(pid) - before
  return {
    connections,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: Math.round((cpu / Math.max(1, result.requests.total)) * 1e6),
    errors: result.non2xx + result.errors + result.timeouts
  }
}

/** A second of load first: code warm, actors resident, connections open. */
export const warmUp = (url: string, request: SignedRequest) =>
  autocannon({ url, method: "POST", connections: 8, duration: 1, headers: request.headers, body: request.body })
