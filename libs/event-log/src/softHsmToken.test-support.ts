import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Redacted } from "effect"
import type { Pkcs11RootKeyOptions } from "./Pkcs11RootKeyUri.ts"

/** The Debian softhsm2 package's PKCS#11 library (SoftHSM v2 README, "Using SoftHSM"). */
export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"

/**
 * A fresh SoftHSM2 token store in `dir`: SOFTHSM2_CONF names a config whose directories.tokendir
 * is there (softhsm2.conf(5)), then `softhsm2-util --init-token --free` makes one token in it.
 * The library reads SOFTHSM2_CONF at C_Initialize, so each test's token store is its own.
 */
export const initSoftHsmToken = (dir: string, tokenLabel: string, pin: string): Pkcs11RootKeyOptions => {
  const tokens = join(dir, "tokens")
  mkdirSync(tokens, { recursive: true })
  const conf = join(dir, "softhsm2.conf")
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  process.env["SOFTHSM2_CONF"] = conf
  execFileSync("softhsm2-util", ["--init-token", "--free", "--label", tokenLabel, "--pin", pin, "--so-pin", "so-" + pin], {
    stdio: "ignore"
  })
  return { modulePath: SOFTHSM_MODULE, tokenLabel, keyLabel: "trent-root", pin: Redacted.make(pin) }
}
