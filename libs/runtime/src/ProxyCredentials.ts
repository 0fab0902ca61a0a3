import { SecretBytes, unwrapKeyMaterial, WebCrypto, type WrapBinding, wrapKeyMaterial } from "@trent/crypto"
import type { WrappedProxyCredential } from "@trent/domain"
import { Effect } from "effect"
import { KeyEncryptionKeys } from "@trent/key-actors"
import { RegionConfig } from "@trent/key-actors"
import { RegionInternalError } from "@trent/key-actors"

/**
 * A custom key store's proxy secret at rest: wrapped, as key material is,
 * under the store's own KEK in the Region's keyvault (itself wrapped under the
 * root key), with AAD binding the Region, the store and the access key id. The
 * log holds only the wrapped form; DeleteCustomKeyStore destroys the KEK.
 */
const binding = (region: string, customKeyStoreId: string, accessKeyId: string): WrapBinding => ({
  region,
  keyId: customKeyStoreId,
  versionId: accessKeyId,
  algorithm: "XKS_PROXY_AUTHENTICATION_CREDENTIAL"
})

export const makeProxyCredentials = Effect.gen(function*() {
  const { region } = yield* RegionConfig
  const keks = yield* KeyEncryptionKeys
  const webCrypto = yield* WebCrypto
  const internal = (message: string) => (cause: unknown) => new RegionInternalError({ message, cause })
  // Keyed by the wrapped form, which changes with every new credential: nothing stale is ever read.
  const unwrapped = new Map<string, SecretBytes>()

  const wrap = (customKeyStoreId: string, accessKeyId: string, secret: SecretBytes, options: { readonly newKek: boolean }) =>
    Effect.gen(function*() {
      const kek = options.newKek ? yield* keks.create(customKeyStoreId) : yield* keks.load(customKeyStoreId)
      const wrapped = yield* wrapKeyMaterial(kek, secret, binding(region, customKeyStoreId, accessKeyId))
      const credential: WrappedProxyCredential = { accessKeyId, wrappedSecret: Buffer.from(wrapped).toString("base64") }
      return credential
    }).pipe(Effect.provideService(WebCrypto, webCrypto))

  const unwrap = (customKeyStoreId: string, credential: WrappedProxyCredential) =>
    Effect.gen(function*() {
      const held = unwrapped.get(credential.wrappedSecret)
      if (held !== undefined) return held
      const kek = yield* keks.load(customKeyStoreId)
      const secret = yield* unwrapKeyMaterial(
        kek,
        new Uint8Array(Buffer.from(credential.wrappedSecret, "base64")),
        binding(region, customKeyStoreId, credential.accessKeyId)
      ).pipe(Effect.mapError(internal(`the proxy credential of ${customKeyStoreId} does not unwrap`)))
      unwrapped.set(credential.wrappedSecret, secret)
      return secret
    }).pipe(Effect.provideService(WebCrypto, webCrypto))

  /** Crypto-shreds the secret: the KEK goes, and with it every wrapped form in the log. */
  const destroy = (customKeyStoreId: string) => keks.destroy(customKeyStoreId)

  return { wrap, unwrap, destroy }
})

export type ProxyCredentials = Effect.Success<typeof makeProxyCredentials>
