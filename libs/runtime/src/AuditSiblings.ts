import { AuditLog, auditChainFiles, type AuditFile, lastUsageAcross, openAuditFileReadOnly, readAcross } from "@trent/audit"
import { Effect, Layer, Scope } from "effect"

/**
 * The Region's audit log as this writer sees it: it appends to its own chain,
 * and answers GetKeyLastUsage and reads from every chain of the Region's
 * directory (the other workers' and servers' on the same files), so a key
 * used through one worker reports that use through any. Sibling chains are
 * opened read-only when first seen and closed with the Region.
 */
export const withSiblingChains = (dir: string, ownFile: string) =>
  Layer.effect(AuditLog, Effect.gen(function*() {
    const own = yield* AuditLog
    const scope = yield* Scope.Scope
    const siblings = new Map<string, AuditFile>()

    const chains = Effect.gen(function*() {
      for (const file of auditChainFiles(dir)) {
        if (file === ownFile || siblings.has(file)) continue
        // A chain whose file cannot be opened yet (its writer is creating it) is read next time.
        const opened = yield* Scope.provide(openAuditFileReadOnly(file), scope).pipe(Effect.option)
        if (opened._tag === "Some") siblings.set(file, opened.value)
      }
      return [own, ...siblings.values()]
    })

    return AuditLog.of({
      ...own,
      read: (filter = {}) => Effect.flatMap(chains, (all) => readAcross(all, filter)),
      lastUsage: (keyArn) => Effect.flatMap(chains, (all) => lastUsageAcross(all, keyArn))
    })
  }))
