import { Effect } from "effect"
import { Command } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { auditFileFlags } from "./auditFlags.ts"

/** `trent audit public-key`: the Ed25519 key that signs the Region's audit checkpoints, as the server published it. */
export const publicKeyCommand = Command.make(
  "public-key",
  auditFileFlags,
  (input) => Effect.flatMap(lazy(() => import("./printPublicKey.ts")), ({ printPublicKey }) => printPublicKey(input))
).pipe(
  Command.withShortDescription("The Region's audit signing public key (PEM)"),
  Command.withDescription(
    "Print the Ed25519 public key (SubjectPublicKeyInfo, PEM) whose signatures the Region's audit checkpoints carry, " +
      "as the server published it in <data-dir>/<region>/audit-public-key.pem and in its start-up log. Keep a copy " +
      "somewhere the audit file's host cannot write, and verify against that copy."
  ),
  Command.withExamples([
    { command: "trent audit public-key --region eu-west-1 > audit-eu-west-1.pem", description: "Pin the key" }
  ])
)
