import {
  CreateKeyCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  type KeySpec,
  type KeyUsageType,
  KMSClient,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  SignCommand,
  type SigningAlgorithmSpec,
  VerifyCommand,
  VerifyMacCommand
} from "@aws-sdk/client-kms"
import { constants, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, publicEncrypt, verify } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/** Every asymmetric, HMAC and key-agreement key spec end to end through @aws-sdk/client-kms (issue: asymmetric keys). */
let server: RunningServer
let kms: KMSClient
const utf8 = (s: string) => new TextEncoder().encode(s)

beforeAll(async () => {
  server = await startServer()
  kms = server.client()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
})

const createKey = async (KeySpec: KeySpec, KeyUsage: KeyUsageType) =>
  (await kms.send(new CreateKeyCommand({ KeySpec, KeyUsage }))).KeyMetadata!

const hashOf: Record<string, string> = {
  RSASSA_PSS_SHA_256: "sha256", RSASSA_PSS_SHA_384: "sha384", RSASSA_PSS_SHA_512: "sha512",
  RSASSA_PKCS1_V1_5_SHA_256: "sha256", RSASSA_PKCS1_V1_5_SHA_384: "sha384", RSASSA_PKCS1_V1_5_SHA_512: "sha512",
  ECDSA_SHA_256: "sha256", ECDSA_SHA_384: "sha384", ECDSA_SHA_512: "sha512"
}

/** Verifies with node:crypto, independently of Trent: the original message, hashed by OpenSSL. */
const verifiesWithNode = (algorithm: string, publicKeyDer: Uint8Array, message: Uint8Array, signature: Uint8Array) => {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: "der", type: "spki" })
  if (algorithm === "ED25519_SHA_512" || algorithm === "ML_DSA_SHAKE_256") return verify(null, message, key, signature)
  const pss = algorithm.startsWith("RSASSA_PSS")
  return verify(hashOf[algorithm]!, message, {
    key,
    ...(pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}),
    ...(algorithm.startsWith("ECDSA") ? { dsaEncoding: "der" as const } : {})
  }, signature)
}

const signingSpecs: ReadonlyArray<readonly [KeySpec, ReadonlyArray<SigningAlgorithmSpec>]> = [
  ["RSA_2048", ["RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"]],
  ["RSA_3072", ["RSASSA_PSS_SHA_384", "RSASSA_PKCS1_V1_5_SHA_256"]],
  ["RSA_4096", ["RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_512"]],
  ["ECC_NIST_P256", ["ECDSA_SHA_256"]],
  ["ECC_NIST_P384", ["ECDSA_SHA_384"]],
  ["ECC_NIST_P521", ["ECDSA_SHA_512"]],
  ["ECC_SECG_P256K1", ["ECDSA_SHA_256"]],
  ["ECC_NIST_EDWARDS25519", ["ED25519_SHA_512"]],
  ["ML_DSA_44", ["ML_DSA_SHAKE_256"]],
  ["ML_DSA_65", ["ML_DSA_SHAKE_256"]],
  ["ML_DSA_87", ["ML_DSA_SHAKE_256"]]
]

describe("Sign, Verify and GetPublicKey", () => {
  it.each(signingSpecs)("%s: signatures verify with Trent and with node:crypto, and tampering is caught", async (spec, algorithms) => {
    const key = await createKey(spec, "SIGN_VERIFY")
    expect(key.SigningAlgorithms).toEqual(expect.arrayContaining([...algorithms]))
    expect(key.EncryptionAlgorithms).toBeUndefined()
    const publicKey = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))
    expect(publicKey).toMatchObject({ KeyId: key.Arn, KeySpec: spec, KeyUsage: "SIGN_VERIFY" })
    expect(publicKey.SigningAlgorithms).toEqual(key.SigningAlgorithms)
    const message = utf8(`message for ${spec}`)
    for (const algorithm of algorithms) {
      const signed = await kms.send(new SignCommand({ KeyId: key.KeyId, Message: message, SigningAlgorithm: algorithm }))
      expect(signed).toMatchObject({ KeyId: key.Arn, SigningAlgorithm: algorithm })
      expect(verifiesWithNode(algorithm, publicKey.PublicKey!, message, signed.Signature!), algorithm).toBe(true)
      const verified = await kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: message, Signature: signed.Signature, SigningAlgorithm: algorithm }))
      expect(verified.SignatureValid).toBe(true)
      const tampered = Uint8Array.from(signed.Signature!)
      tampered[tampered.length >> 1]! ^= 0x01
      const invalid = await rejects(kms.send(new VerifyCommand({ KeyId: key.KeyId, Message: message, Signature: tampered, SigningAlgorithm: algorithm })))
      expect(invalid.name).toBe("KMSInvalidSignatureException")
    }
  })

  it("signs a precomputed digest (MessageType DIGEST) so that the original message verifies", async () => {
    const key = await createKey("ECC_NIST_P384", "SIGN_VERIFY")
    const message = utf8("the real message")
    const digest = createHash("sha384").update(message).digest()
    const signed = await kms.send(new SignCommand({ KeyId: key.KeyId, Message: digest, MessageType: "DIGEST", SigningAlgorithm: "ECDSA_SHA_384" }))
    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))
    expect(verifiesWithNode("ECDSA_SHA_384", PublicKey!, message, signed.Signature!)).toBe(true)
    const short = await rejects(kms.send(new SignCommand({ KeyId: key.KeyId, Message: digest.subarray(1), MessageType: "DIGEST", SigningAlgorithm: "ECDSA_SHA_384" })))
    expect(short.name).toBe("ValidationException")
    expect(short.message).toBe("Digest is invalid length for algorithm ECDSA_SHA_384.")
  })

  it("answers a wrong algorithm, usage or key type with AWS's errors", async () => {
    const ec = await createKey("ECC_NIST_P256", "SIGN_VERIFY")
    const wrongAlgorithm = await rejects(kms.send(new SignCommand({ KeyId: ec.KeyId, Message: utf8("m"), SigningAlgorithm: "ECDSA_SHA_384" })))
    expect(wrongAlgorithm.name).toBe("InvalidKeyUsageException")
    expect(wrongAlgorithm.message).toBe("Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.")
    const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const wrongUsage = await rejects(kms.send(new SignCommand({ KeyId: symmetric.KeyId, Message: utf8("m"), SigningAlgorithm: "ECDSA_SHA_256" })))
    expect(wrongUsage.name).toBe("InvalidKeyUsageException")
    expect(wrongUsage.message).toBe(`${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`)
    expect((await rejects(kms.send(new GetPublicKeyCommand({ KeyId: symmetric.KeyId })))).name).toBe("UnsupportedOperationException")
    expect((await rejects(kms.send(new EnableKeyRotationCommand({ KeyId: ec.KeyId })))).name).toBe("UnsupportedOperationException")
    expect((await rejects(kms.send(new RotateKeyOnDemandCommand({ KeyId: ec.KeyId })))).name).toBe("UnsupportedOperationException")
    const noUsage = await rejects(kms.send(new CreateKeyCommand({ KeySpec: "RSA_2048" })))
    expect(noUsage.message).toBe("You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")
    const badUsage = await rejects(kms.send(new CreateKeyCommand({ KeySpec: "ECC_SECG_P256K1", KeyUsage: "KEY_AGREEMENT" })))
    expect(badUsage.message).toBe("KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1")
    const dry = await rejects(kms.send(new SignCommand({ KeyId: ec.KeyId, Message: utf8("m"), SigningAlgorithm: "ECDSA_SHA_256", DryRun: true })))
    expect(dry.name).toBe("DryRunOperationException")
  })
})

describe("RSA encryption", () => {
  it.each([["RSA_2048", 190, 214], ["RSA_3072", 318, 342], ["RSA_4096", 446, 470]] as const)(
    "%s encrypts and decrypts with OAEP, opens ciphertext made offline, and enforces the plaintext limits",
    async (spec, limit256, limit1) => {
      const key = await createKey(spec, "ENCRYPT_DECRYPT")
      expect(key.EncryptionAlgorithms).toEqual(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
      for (const [algorithm, limit] of [["RSAES_OAEP_SHA_256", limit256], ["RSAES_OAEP_SHA_1", limit1]] as const) {
        const plaintext = new Uint8Array(limit).fill(7)
        const sealed = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, EncryptionAlgorithm: algorithm }))
        expect(sealed.EncryptionAlgorithm).toBe(algorithm)
        const opened = await kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: sealed.CiphertextBlob, EncryptionAlgorithm: algorithm }))
        expect(opened.Plaintext).toEqual(plaintext)
        expect(opened.KeyMaterialId).toBeUndefined()
        const tooLarge = await rejects(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: new Uint8Array(limit + 1), EncryptionAlgorithm: algorithm })))
        expect(tooLarge.message).toBe(`Algorithm ${algorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`)
      }
      const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))
      const offline = publicEncrypt({
        key: createPublicKey({ key: Buffer.from(PublicKey!), format: "der", type: "spki" }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: "sha256"
      }, utf8("made offline"))
      const opened = await kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: offline, EncryptionAlgorithm: "RSAES_OAEP_SHA_256" }))
      expect(new TextDecoder().decode(opened.Plaintext)).toBe("made offline")
      const wrongAlgorithm = await rejects(kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: offline, EncryptionAlgorithm: "RSAES_OAEP_SHA_1" })))
      expect(wrongAlgorithm.name).toBe("InvalidCiphertextException")
    }
  )

  it("refuses SYMMETRIC_DEFAULT and data keys on an RSA key, and re-encrypts between RSA and symmetric keys", async () => {
    const rsa = await createKey("RSA_2048", "ENCRYPT_DECRYPT")
    const noAlgorithm = await rejects(kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: utf8("x") })))
    expect(noAlgorithm.name).toBe("InvalidKeyUsageException")
    expect(noAlgorithm.message).toBe("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.")
    expect((await rejects(kms.send(new GenerateDataKeyCommand({ KeyId: rsa.KeyId, KeySpec: "AES_256" })))).name).toBe("InvalidKeyUsageException")
    const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const sealed = await kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: utf8("moving"), EncryptionAlgorithm: "RSAES_OAEP_SHA_256" }))
    const moved = await kms.send(new ReEncryptCommand({
      CiphertextBlob: sealed.CiphertextBlob,
      SourceKeyId: rsa.KeyId,
      SourceEncryptionAlgorithm: "RSAES_OAEP_SHA_256",
      DestinationKeyId: symmetric.KeyId
    }))
    expect(moved).toMatchObject({ SourceKeyId: rsa.Arn, KeyId: symmetric.Arn, SourceEncryptionAlgorithm: "RSAES_OAEP_SHA_256", DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT" })
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob }))
    expect(new TextDecoder().decode(opened.Plaintext)).toBe("moving")
  })
})

describe("HMAC keys", () => {
  it.each([["HMAC_224", "HMAC_SHA_224", 28], ["HMAC_256", "HMAC_SHA_256", 32], ["HMAC_384", "HMAC_SHA_384", 48], ["HMAC_512", "HMAC_SHA_512", 64]] as const)(
    "%s makes %s MACs of %i bytes that verify, and refuses a changed MAC or message",
    async (spec, algorithm, length) => {
      const key = await createKey(spec, "GENERATE_VERIFY_MAC")
      expect(key.MacAlgorithms).toEqual([algorithm])
      const message = utf8("mac me")
      const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: algorithm }))
      expect(Mac).toHaveLength(length)
      expect((await kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: message, Mac, MacAlgorithm: algorithm }))).MacValid).toBe(true)
      const changed = Uint8Array.from(Mac!)
      changed[0]! ^= 1
      expect((await rejects(kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: message, Mac: changed, MacAlgorithm: algorithm })))).name)
        .toBe("KMSInvalidMacException")
      expect((await rejects(kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: utf8("other"), Mac, MacAlgorithm: algorithm })))).name)
        .toBe("KMSInvalidMacException")
    }
  )
  it("refuses a MAC algorithm of another spec with AWS's message", async () => {
    const key = await createKey("HMAC_224", "GENERATE_VERIFY_MAC")
    const error = await rejects(kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: utf8("m"), MacAlgorithm: "HMAC_SHA_256" })))
    expect(error.name).toBe("InvalidKeyUsageException")
    expect(error.message).toBe("Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.")
  })
})

describe("DeriveSharedSecret", () => {
  it.each([["ECC_NIST_P256", "prime256v1", 32], ["ECC_NIST_P384", "secp384r1", 48], ["ECC_NIST_P521", "secp521r1", 66]] as const)(
    "%s agrees on the secret node:crypto computes from the other side, and refuses another curve",
    async (spec, curve, length) => {
      const key = await createKey(spec, "KEY_AGREEMENT")
      expect(key.KeyAgreementAlgorithms).toEqual(["ECDH"])
      const peer = generateKeyPairSync("ec", { namedCurve: curve })
      const derived = await kms.send(new DeriveSharedSecretCommand({
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: "ECDH",
        PublicKey: peer.publicKey.export({ format: "der", type: "spki" })
      }))
      expect(derived).toMatchObject({ KeyId: key.Arn, KeyAgreementAlgorithm: "ECDH", KeyOrigin: "AWS_KMS" })
      const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))
      const expected = diffieHellman({ privateKey: peer.privateKey, publicKey: createPublicKey({ key: Buffer.from(PublicKey!), format: "der", type: "spki" }) })
      expect(derived.SharedSecret).toHaveLength(length)
      expect(Buffer.from(derived.SharedSecret!).equals(expected)).toBe(true)
      const other = generateKeyPairSync("ec", { namedCurve: curve === "prime256v1" ? "secp384r1" : "prime256v1" })
      const wrongCurve = await rejects(kms.send(new DeriveSharedSecretCommand({
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: "ECDH",
        PublicKey: other.publicKey.export({ format: "der", type: "spki" })
      })))
      expect(wrongCurve.name).toBe("ValidationException")
    }
  )
})

describe("data key pairs", () => {
  it.each(["RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ECC_NIST_EDWARDS25519"] as const)(
    "%s: a PKCS#8 private key matching its public key, sealed under the symmetric key",
    async (spec) => {
      const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
      const context = { purpose: "pair" }
      const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: symmetric.KeyId, KeyPairSpec: spec, EncryptionContext: context }))
      expect(pair).toMatchObject({ KeyId: symmetric.Arn, KeyPairSpec: spec })
      const privateKey = createPrivateKey({ key: Buffer.from(pair.PrivateKeyPlaintext!), format: "der", type: "pkcs8" })
      expect(Buffer.from(createPublicKey(privateKey).export({ format: "der", type: "spki" })).equals(Buffer.from(pair.PublicKey!))).toBe(true)
      const opened = await kms.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob, EncryptionContext: context }))
      expect(opened.Plaintext).toEqual(pair.PrivateKeyPlaintext)
      const withoutPlaintext = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: symmetric.KeyId, KeyPairSpec: spec }))
      expect(withoutPlaintext).not.toHaveProperty("PrivateKeyPlaintext")
      expect(withoutPlaintext.PublicKey!.length).toBeGreaterThan(0)
    }
  )
  it("refuses SM2 (China Regions only) and a key that is not symmetric", async () => {
    const symmetric = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    expect((await rejects(kms.send(new GenerateDataKeyPairCommand({ KeyId: symmetric.KeyId, KeyPairSpec: "SM2" })))).name).toBe("UnsupportedOperationException")
    const hmac = await createKey("HMAC_256", "GENERATE_VERIFY_MAC")
    expect((await rejects(kms.send(new GenerateDataKeyPairCommand({ KeyId: hmac.KeyId, KeyPairSpec: "RSA_2048" })))).name).toBe("InvalidKeyUsageException")
    const described = await kms.send(new DescribeKeyCommand({ KeyId: hmac.KeyId }))
    expect(described.KeyMetadata?.CustomerMasterKeySpec).toBe("HMAC_256")
  })
})
