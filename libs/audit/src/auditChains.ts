import { existsSync, readdirSync } from "node:fs"
import { basename, join } from "node:path"
import { Effect, type Scope } from "effect"
import type { StoredAuditRecord } from "./AuditEntry.ts"
import { type AuditFilter, eventTimeMillis } from "./AuditFilter.ts"
import { AuditLogFailure } from "./AuditLogFailure.ts"
import type { KeyLastUsage } from "./KeyLastUsage.ts"
import { type AuditAnchor, anchorSignedBy } from "./AuditAnchor.ts"
import { ed25519PublicKey } from "./checkpointSignature.ts"
import { type AuditFile, openAuditFileReadOnly } from "./openAuditFileReadOnly.ts"
import type { VerifyOptions, VerifyReport } from "./VerifyReport.ts"

/**
 * A Region's audit trail is one hash chain per writer: `audit.db` for writer slot 0, `audit-<n>.db`
 * for slot n, each a whole audit log of its own, signed by the Region's key.
 */
const chainFile = /^audit(?:-(\d+))?\.db$/

const slotOf = (name: string): number => Number(chainFile.exec(name)?.[1] ?? 0)

/** The chain files of a Region directory, slot 0 first. */
export const auditChainFiles = (dir: string): Array<string> =>
  existsSync(dir)
    ? readdirSync(dir).filter((name) => chainFile.test(name)).sort((a, b) => slotOf(a) - slotOf(b)).map((name) => join(dir, name))
    : []

/** What one chain answers, live or read-only. */
export type ChainReads = Pick<AuditFile, "read" | "lastUsage">

/** Records of several chains as one trail: in time order (each chain's own order kept for equal times). */
export const readAcross = (chains: ReadonlyArray<ChainReads>, filter: AuditFilter) =>
  Effect.map(
    Effect.forEach(chains, (chain) => chain.read(filter)),
    (lists): ReadonlyArray<StoredAuditRecord> => {
      const merged = lists.flat().sort((a, b) => eventTimeMillis(a) - eventTimeMillis(b))
      return filter.limit === undefined ? merged : merged.slice(0, Math.max(0, Math.floor(filter.limit)))
    }
  )

/** The latest use recorded by any chain. */
export const lastUsageAcross = (chains: ReadonlyArray<ChainReads>, keyArn: string) =>
  Effect.map(
    Effect.forEach(chains, (chain) => chain.lastUsage(keyArn)),
    (found) =>
      found.reduce<KeyLastUsage | undefined>((latest, usage) => usage !== undefined && (latest === undefined || usage.time > latest.time) ? usage : latest, undefined)
  )

/** Every chain must verify; the first that does not is named. Counts add up. */
export const combineReports = (reports: ReadonlyArray<readonly [string, VerifyReport]>): VerifyReport => {
  let records = 0
  let checkpoints = 0
  let unsignedTail = 0
  let lastSeq = 0
  let genesis = true
  for (const [file, report] of reports) {
    if (!report.ok) return { ...report, detail: `${basename(file)}: ${report.detail}` }
    records += report.records
    checkpoints += report.checkpoints
    unsignedTail += report.unsignedTail
    lastSeq = Math.max(lastSeq, report.lastSeq)
    genesis &&= report.genesis
  }
  const only = reports.length === 1 ? reports[0]![1] : undefined
  return { ok: true, records, checkpoints, lastSeq, unsignedTail, lastCheckpoint: only?.ok === true ? only.lastCheckpoint : undefined, genesis }
}

/** Verifying a whole trail: each chain against its latest anchor, by chain name (AuditAnchor.latestAnchors). */
export interface TrailVerifyOptions extends Omit<VerifyOptions, "anchor" | "chain"> {
  readonly anchors?: ReadonlyMap<string, AuditAnchor> | undefined
}

/** The Region's chains as one trail, read-only. */
export interface AuditTrail extends Omit<AuditFile, "verify"> {
  readonly chains: number
  verify(publicKey: Uint8Array, options?: TrailVerifyOptions): Effect.Effect<VerifyReport, AuditLogFailure>
}

/**
 * The anchors that prove nothing against `publicKey` (a forged or garbled
 * witness line, or one of another Region), and the chains they name that are
 * gone: either fails the trail before any chain is read.
 */
const anchorProblem = (
  region: string,
  files: ReadonlyArray<string>,
  publicKey: Uint8Array,
  anchors: ReadonlyMap<string, AuditAnchor>
): VerifyReport | undefined => {
  const key = ed25519PublicKey(publicKey)
  const chains = new Set(files.map((file) => basename(file)))
  for (const [chain, anchor] of anchors) {
    if (key !== undefined && (anchor.region !== region || !anchorSignedBy(key, anchor))) {
      return { ok: false, firstBadSeq: anchor.seq, problem: "bad-signature", detail: `the witnessed checkpoint of chain ${chain} at seq ${anchor.seq} is not signed by Region ${region}'s key` }
    }
    if (!chains.has(chain)) {
      return { ok: false, firstBadSeq: 1, problem: "truncated-checkpoint", detail: `${chain} is missing, but its writer was witnessed at seq ${anchor.seq}` }
    }
  }
  return undefined
}

/** Every chain of a Region directory, read-only, as one AuditFile (`trent audit query` and `verify`). */
export const openAuditChainsReadOnly = (dir: string): Effect.Effect<AuditTrail, AuditLogFailure, Scope.Scope> =>
  Effect.gen(function*() {
    const files = auditChainFiles(dir)
    if (files.length === 0) return yield* new AuditLogFailure({ message: `there is no audit trail in ${dir}` })
    const opened = yield* Effect.forEach(files, (file) => Effect.map(openAuditFileReadOnly(file), (chain) => [file, chain] as const))
    const chains = opened.map(([, chain]) => chain)
    const region = chains[0]!.region
    const other = chains.find((chain) => chain.region !== region)
    if (other !== undefined) {
      return yield* new AuditLogFailure({ message: `${dir} holds audit chains of Regions ${region} and ${other.region}` })
    }
    return {
      region,
      chains: chains.length,
      read: (filter = {}) => readAcross(chains, filter),
      lastUsage: (keyArn) => lastUsageAcross(chains, keyArn),
      verify: (publicKey: Uint8Array, { anchors = new Map(), ...options }: TrailVerifyOptions = {}) => {
        const problem = anchorProblem(region, files, publicKey, anchors)
        if (problem !== undefined) return Effect.succeed(problem)
        return Effect.map(
          Effect.forEach(opened, ([file, chain]) => {
            const name = basename(file)
            const anchor = anchors.get(name)
            return Effect.map(chain.verify(publicKey, { ...options, chain: name, anchor }), (report) => [file, report] as const)
          }),
          combineReports
        )
      },
      entries: () => Effect.map(Effect.forEach(chains, (chain) => chain.entries()), (all) => all.flat())
    }
  })
