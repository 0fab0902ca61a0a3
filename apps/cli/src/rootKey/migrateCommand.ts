import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { auditFileFlags } from "../audit/auditFlags.ts"
import { lazy } from "../cli/lazy.ts"

const config = {
  dataDir: auditFileFlags.dataDir,
  region: auditFileFlags.region.pipe(Flag.withDescription("The Region whose keyvault to re-wrap (default: AWS_REGION, else us-east-1)")),
  account: auditFileFlags.account,
  to: Flag.String("to").pipe(
    Flag.withDescription(
      "The new root key: pkcs11:token=<label>;object=<key label>?module-path=<library>&pin-source=<file:path | env:NAME> " +
        "(the key is created in the token if it is not there)"
    )
  )
}
export type MigrateInput = Command.Command.Config.Infer<typeof config>

/** `trent root-key migrate`: re-wraps a Region's keyvault from its file root key to one in an HSM. */
export const migrateCommand = Command.make(
  "migrate",
  config,
  (input) => Effect.flatMap(lazy(() => import("./migrateRootKey.ts")), ({ migrateRootKey }) => migrateRootKey(input))
).pipe(
  Command.withShortDescription("Move a Region's root key from a file into a PKCS#11 token"),
  Command.withDescription(
    "Re-wrap every KEK, the audit signing key and the root-key check of <data-dir>/<region>/keyvault.db from the current " +
      "root key (TRENT_ROOT_KEY, TRENT_ROOT_KEY_FILE or <data-dir>/<region>/root.key) to a non-extractable AES key in a " +
      "PKCS#11 token, then start the server with --root-key <the same URI>. Refused while a server runs on the Region. " +
      "Safe to run again: entries already under the new key are left as they are."
  ),
  Command.withExamples([
    {
      command: "trent root-key migrate --data-dir /var/lib/trent --region eu-west-1 " +
        "--to 'pkcs11:token=trent;object=trent-root?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/trent/pin'",
      description: "Into SoftHSM2"
    }
  ])
)
