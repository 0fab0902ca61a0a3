import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { auditTrailFlags } from "./auditFlags.ts"

const config = {
  ...auditTrailFlags,
  publicKey: Flag.String("public-key").pipe(
    Flag.withDescription("The trusted public key (PEM or DER); default: <data-dir>/<region>/audit-public-key.pem"),
    Flag.optional
  ),
  anchor: Flag.String("anchor").pipe(
    Flag.withDescription(
      "A witness file (audit-witness.jsonl) or a server JSON log: each chain must still reach its latest checkpoint there " +
        "(default: <data-dir>/<region>/audit-witness.jsonl, if present)"
    ),
    Flag.optional
  ),
  maxUnsignedTail: Flag.Int("max-unsigned-tail").pipe(
    Flag.withDescription("Fail when more records than this follow the last signed checkpoint (default: any number)"),
    Flag.optional
  )
}
export type VerifyInput = Command.Command.Config.Infer<typeof config>

/** `trent audit verify`: the audit trail's hash chain and checkpoint signatures, checked offline. */
export const verifyCommand = Command.make(
  "verify",
  config,
  (input) => Effect.flatMap(lazy(() => import("./verifyAudit.ts")), ({ verifyAudit }) => verifyAudit(input))
).pipe(
  Command.withShortDescription("Check the audit trail's hash chain and signatures"),
  Command.withDescription(
    "Verify the Region's audit trail offline: every record's hash and its link to the record before, and every " +
      "checkpoint's Ed25519 signature under the trusted public key. Exits 0 when it verifies; otherwise prints the first " +
      "position where a record was edited, deleted, reordered or inserted, and exits 1."
  ),
  Command.withExamples([
    { command: "trent audit verify --region eu-west-1 --public-key audit-eu-west-1.pem", description: "Against a pinned key" }
  ])
)
