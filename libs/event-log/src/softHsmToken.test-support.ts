import { initSoftHsmToken as initToken } from "@trent/testing"
import { Redacted } from "effect"
import type { Pkcs11RootKeyOptions } from "./Pkcs11RootKeyUri.ts"

export { SOFTHSM_MODULE } from "@trent/testing"

/** A fresh SoftHSM2 token (see @trent/testing's initSoftHsmToken), as the options of a root key labelled "trent-root" in it. */
export const initSoftHsmToken = (dir: string, tokenLabel: string, pin: string): Pkcs11RootKeyOptions => {
  const token = initToken(dir, tokenLabel, pin)
  return { modulePath: token.modulePath, tokenLabel, keyLabel: "trent-root", pin: Redacted.make(pin) }
}
