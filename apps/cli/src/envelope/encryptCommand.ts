import { Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { lazy } from "../cli/lazy.ts"
import { kmsFlags } from "../kms/kmsFlags.ts"
import { contextFlag, fileArguments } from "./fileFlags.ts"

const config = {
  key: Flag.String("key").pipe(Flag.withDescription("The KMS key: key id, key ARN, alias name (alias/…) or alias ARN")),
  context: contextFlag("Encryption context pair, repeatable (--context stage=prod --context team=pay); decrypt can require it"),
  ...fileArguments,
  ...kmsFlags
}
export type EncryptInput = Command.Command.Config.Infer<typeof config>

/** `trent encrypt --key <ref> <in> <out>`: envelope encryption of a file of any size, in the AWS Encryption SDK format. */
export const encryptCommand = Command.make(
  "encrypt",
  config,
  (input) => Effect.flatMap(lazy(() => import("./encryptFile.ts")), ({ encryptFile }) => encryptFile(input))
).pipe(
  Command.withShortDescription("Encrypt a file (AWS Encryption SDK format, streaming)"),
  Command.withDescription(
    "Encrypt a file with a data key from Trent (GenerateDataKey), in the AWS Encryption SDK message format: any AWS " +
      "Encryption SDK can decrypt it given access to the key. Streams end to end, so files of any size use little memory; " +
      "shows progress on a terminal for large files."
  ),
  Command.withExamples([
    {
      command: "trent encrypt --key alias/backups --context host=db1 dump.sql dump.sql.enc --data-dir ./data",
      description: "A database dump"
    },
    { command: "tar c /etc | trent encrypt --key alias/backups - etc.tar.enc", description: "From standard input" }
  ])
)
