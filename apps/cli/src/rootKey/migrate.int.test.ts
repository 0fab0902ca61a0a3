import { DecryptCommand, EncryptCommand, CreateKeyCommand } from "@aws-sdk/client-kms"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { initSoftHsmToken } from "@trent/testing"
import { afterAll, describe, expect, it } from "vitest"
import { runCli } from "../testing/runCli.test-support.ts"
import { startTrentServer } from "../testing/trentServer.test-support.ts"

const scratch = mkdtempSync(join(tmpdir(), "trent-root-key-migrate-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe("trent root-key migrate", () => {
  it("moves a Region from its file root key into a SoftHSM2 token: old ciphertexts decrypt on the new key, the file key no longer starts it", async () => {
    // The token store is this process's (SOFTHSM2_CONF), inherited by the servers it starts.
    const token = initSoftHsmToken(join(scratch, "hsm"), "trent-migrate", "2468")
    const pinFile = join(scratch, "pin")
    writeFileSync(pinFile, token.pin, { mode: 0o600 })
    const uri = `pkcs11:token=${token.tokenLabel};object=trent-root?module-path=${token.modulePath}&pin-source=file:${pinFile}`

    const before = await startTrentServer()
    const { dataDir, region } = before
    const context = { purpose: "migration" }
    let sealed: Uint8Array
    try {
      const key = (await before.kms.send(new CreateKeyCommand({}))).KeyMetadata!
      sealed = (await before.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Uint8Array.of(4, 2), EncryptionContext: context })))
        .CiphertextBlob!
      const whileRunning = await runCli(["root-key", "migrate", "--data-dir", dataDir, "--region", region, "--to", uri])
      expect(whileRunning.code).toBe(1)
      expect(whileRunning.stderr).toMatch(/a server is running on .* stop every server of the Region first/)
    } finally {
      await before.halt()
    }

    const migrated = await runCli(["root-key", "migrate", "--data-dir", dataDir, "--region", region, "--to", uri])
    expect(migrated.stderr).toBe("")
    expect(migrated.code).toBe(0)
    // One KEK, the audit signing key and the root-key check.
    expect(migrated.stdout).toMatch(/^ok: Region us-east-1: 3 keyvault entries are wrapped under the PKCS#11 root key \(3 re-wrapped now, 0 already were\)/m)
    expect(migrated.stdout).not.toContain(token.pin)

    const after = await startTrentServer(region, { dataDir, args: ["--root-key", uri] })
    try {
      const opened = await after.kms.send(new DecryptCommand({ CiphertextBlob: sealed, EncryptionContext: context }))
      expect([...opened.Plaintext!]).toEqual([4, 2])
    } finally {
      await after.halt()
    }
    // The file key in <data-dir>/<region>/root.key no longer opens the keyvault.
    await expect(startTrentServer(region, { dataDir })).rejects.toThrow(/exited with 1 before listening/)

    const again = await runCli(["root-key", "migrate", "--data-dir", dataDir, "--region", region, "--to", uri])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/\(0 re-wrapped now, 3 already were\)/)
    rmSync(dataDir, { recursive: true, force: true })
  })

  it("refuses what is not a pkcs11: URI, and a Region without a keyvault, in one line", async () => {
    const notUri = await runCli(["root-key", "migrate", "--data-dir", scratch, "--to", "file:/tmp/key"])
    expect(notUri.code).toBe(2)
    expect(notUri.stderr.trim()).toBe("trent: --to must be a pkcs11: URI (RFC 7512), not 'file:/tmp/key'")
    const empty = await runCli(["root-key", "migrate", "--data-dir", join(scratch, "nothing"), "--to", "pkcs11:token=t;object=k"])
    expect(empty.code).toBe(1)
    expect(empty.stderr.trim()).toMatch(/^trent: there is no keyvault at .*nothing\/us-east-1\/keyvault.db$/)
  })
})
