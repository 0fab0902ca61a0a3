import {
  CreateKeyCommand,
  type CreateKeyCommandInput,
  DecryptCommand,
  DeleteImportedKeyMaterialCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetParametersForImportCommand,
  GetPublicKeyCommand,
  ImportKeyMaterialCommand,
  type ImportKeyMaterialCommandInput,
  IncorrectKeyMaterialException,
  InvalidImportTokenException,
  KMSClient,
  KMSInvalidStateException,
  type KeyMetadata,
  SignCommand,
  type SigningAlgorithmSpec,
  UnsupportedOperationException,
  VerifyMacCommand,
  type WrappingKeySpec
} from "@aws-sdk/client-kms"
import { createHmac, createPublicKey, randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ImportWrapping, opensslWorkspace, wrapWithNode } from "./importWrapping.test-support.ts"
import { rejects, removeDir, type RunningServer, startServer } from "./serverFixture.test-support.ts"

/** Importing key material (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html, https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) end to end, wrapped with openssl and node:crypto. */
let server: RunningServer
let kms: KMSClient
const openssl = opensslWorkspace()
const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b)
const DAY_MS = 86_400_000

beforeAll(async () => {
  server = await startServer()
  kms = server.client()
})
afterAll(async () => {
  await server.stop()
  removeDir(server.dataDir)
  openssl.remove()
})


const externalKey = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL", ...input }))).KeyMetadata!
const parametersFor = (keyId: string, algorithm: ImportWrapping, spec: WrappingKeySpec = "RSA_2048") =>
  kms.send(new GetParametersForImportCommand({ KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: spec }))
const neverExpires = { ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE" } as const

/** GetParametersForImport, openssl's wrapping, ImportKeyMaterial: the usual path. */
const importWithOpenssl = async (keyId: string, material: Uint8Array, algorithm: ImportWrapping = "RSA_AES_KEY_WRAP_SHA_256", terms: Partial<ImportKeyMaterialCommandInput> = neverExpires) => {
  const { ImportToken, PublicKey } = await parametersFor(keyId, algorithm)
  return kms.send(new ImportKeyMaterialCommand({ KeyId: keyId, ImportToken, EncryptedKeyMaterial: openssl.wrap(algorithm, PublicKey!, material), ...terms }))
}

const algorithms: ReadonlyArray<ImportWrapping> = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256"]
const wrappingSpecs = [["RSA_2048", 2048], ["RSA_3072", 3072], ["RSA_4096", 4096]] as const
const combinations = wrappingSpecs.flatMap(([spec, bits]) => algorithms.map((algorithm) => [spec, bits, algorithm] as const))

describe("GetParametersForImport and ImportKeyMaterial for every wrapping key spec and algorithm", () => {
  it.each(combinations)("%s (%i bits) with %s: a DER SPKI RSA key for 24 hours; openssl- and node-wrapped material both import", async (spec, bits, algorithm) => {
    const key = await externalKey()
    const parameters = await parametersFor(key.KeyId!, algorithm, spec)
    expect(parameters.KeyId).toBe(key.Arn)
    expect(Math.abs(parameters.ParametersValidTo!.getTime() - (Date.now() + DAY_MS))).toBeLessThan(60_000)
    const publicKey = createPublicKey({ key: Buffer.from(parameters.PublicKey!), format: "der", type: "spki" })
    expect(publicKey.asymmetricKeyType).toBe("rsa")
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits)

    const material = randomBytes(32)
    const request = { KeyId: key.KeyId, ImportToken: parameters.ImportToken, ...neverExpires }
    const first = await kms.send(new ImportKeyMaterialCommand({ ...request, EncryptedKeyMaterial: openssl.wrap(algorithm, parameters.PublicKey!, material) }))
    expect(first.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/)
    const second = await kms.send(new ImportKeyMaterialCommand({ ...request, EncryptedKeyMaterial: wrapWithNode(algorithm, parameters.PublicKey!, material) }))
    expect(second.KeyMaterialId).toBe(first.KeyMaterialId)

    const sealed = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8(`${spec} ${algorithm}`) }))
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))
    expect(text(opened.Plaintext)).toBe(`${spec} ${algorithm}`)
    expect(opened.KeyMaterialId).toBe(first.KeyMaterialId)
  })
})

describe("a symmetric key with imported material", () => {
  it("waits in PendingImport after CreateKey with Origin EXTERNAL", async () => {
    const key = await externalKey({ Description: "byok" })
    expect(key).toMatchObject({ Origin: "EXTERNAL", KeyState: "PendingImport", Enabled: false, KeySpec: "SYMMETRIC_DEFAULT" })
    expect(key.ExpirationModel).toBeUndefined()
    expect(key.CurrentKeyMaterialId).toBeUndefined()
    const pending = await rejects(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("x") })))
    expect(pending).toBeInstanceOf(KMSInvalidStateException)
    expect(pending.message).toBe(`${key.Arn} is pending import.`)
  })

  it("imports with a ValidTo, shows ExpirationModel and ValidTo, encrypts, and takes the same material again", async () => {
    const key = await externalKey()
    const material = randomBytes(32)
    // Whole seconds: the SDK sends ValidTo as epoch seconds.
    const validTo = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30 * DAY_MS)
    const imported = await importWithOpenssl(key.KeyId!, material, "RSAES_OAEP_SHA_256", { ExpirationModel: "KEY_MATERIAL_EXPIRES", ValidTo: validTo })
    expect(imported.KeyId).toBe(key.Arn)
    const enabled = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!
    expect(enabled).toMatchObject({ KeyState: "Enabled", Enabled: true, ExpirationModel: "KEY_MATERIAL_EXPIRES", CurrentKeyMaterialId: imported.KeyMaterialId })
    expect(enabled.ValidTo?.getTime()).toBe(validTo.getTime())

    const context = { purpose: "byok" }
    const sealed = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("imported"), EncryptionContext: context }))
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: context }))).Plaintext)).toBe("imported")

    const again = await importWithOpenssl(key.KeyId!, material, "RSA_AES_KEY_WRAP_SHA_1")
    expect(again.KeyMaterialId).toBe(imported.KeyMaterialId)
    const reimported = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!
    expect(reimported).toMatchObject({ KeyState: "Enabled", ExpirationModel: "KEY_MATERIAL_DOES_NOT_EXPIRE", CurrentKeyMaterialId: imported.KeyMaterialId })
    expect(reimported.ValidTo).toBeUndefined()
  })

  it("refuses other material, another key's import token and KEY_MATERIAL_EXPIRES without a ValidTo", async () => {
    const key = await externalKey()
    const material = randomBytes(32)
    await importWithOpenssl(key.KeyId!, material)
    expect(await rejects(importWithOpenssl(key.KeyId!, randomBytes(32)))).toBeInstanceOf(IncorrectKeyMaterialException)

    const other = await externalKey()
    const foreign = await parametersFor(other.KeyId!, "RSAES_OAEP_SHA_256")
    const wrongToken = await rejects(kms.send(new ImportKeyMaterialCommand({
      KeyId: key.KeyId, ImportToken: foreign.ImportToken, EncryptedKeyMaterial: wrapWithNode("RSAES_OAEP_SHA_256", foreign.PublicKey!, material), ...neverExpires
    })))
    expect(wrongToken).toBeInstanceOf(InvalidImportTokenException)

    const own = await parametersFor(key.KeyId!, "RSAES_OAEP_SHA_256")
    const noValidTo = await rejects(kms.send(new ImportKeyMaterialCommand({
      KeyId: key.KeyId, ImportToken: own.ImportToken, EncryptedKeyMaterial: wrapWithNode("RSAES_OAEP_SHA_256", own.PublicKey!, material)
    })))
    expect(noValidTo.name).toBe("ValidationException")
    expect(noValidTo.message).toBe("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES")
  })

  it("returns to PendingImport on DeleteImportedKeyMaterial; re-importing makes old ciphertext decrypt again", async () => {
    const key = await externalKey()
    const material = randomBytes(32)
    const imported = await importWithOpenssl(key.KeyId!, material)
    const sealed = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: utf8("survives") }))

    const deleted = await kms.send(new DeleteImportedKeyMaterialCommand({ KeyId: key.KeyId }))
    expect(deleted).toMatchObject({ KeyId: key.Arn, KeyMaterialId: imported.KeyMaterialId })
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata).toMatchObject({ KeyState: "PendingImport", Enabled: false })
    const pending = await rejects(kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))
    expect(pending).toBeInstanceOf(KMSInvalidStateException)
    expect(pending.message).toBe(`${key.Arn} is pending import.`)

    expect((await importWithOpenssl(key.KeyId!, material, "RSAES_OAEP_SHA_1")).KeyMaterialId).toBe(imported.KeyMaterialId)
    expect(text((await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }))).Plaintext)).toBe("survives")
  })

  it("refuses GetParametersForImport for a key of AWS_KMS origin", async () => {
    const generated = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const refused = await rejects(parametersFor(generated.KeyId!, "RSAES_OAEP_SHA_256"))
    expect(refused).toBeInstanceOf(UnsupportedOperationException)
    expect(refused.message).toBe(`${generated.Arn} origin is AWS_KMS which is not valid for this operation.`)
  })
})

describe("HMAC and asymmetric keys with imported material", () => {
  it("HMAC_256: GenerateMac with an imported 32-byte secret equals node's createHmac", async () => {
    const key = await externalKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" })
    const secret = openssl.directory().openssl("rand", "-hex", "32").trim()
    await importWithOpenssl(key.KeyId!, Buffer.from(secret, "hex"), "RSAES_OAEP_SHA_256")
    const message = utf8("mac this")
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message: message, MacAlgorithm: "HMAC_SHA_256" }))
    expect(Buffer.from(Mac!).equals(createHmac("sha256", Buffer.from(secret, "hex")).update(message).digest())).toBe(true)
    expect((await kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: message, Mac, MacAlgorithm: "HMAC_SHA_256" }))).MacValid).toBe(true)
    expect(await rejects(importWithOpenssl(key.KeyId!, randomBytes(32)))).toBeInstanceOf(IncorrectKeyMaterialException)
  })

  /** A private key made by openssl, imported as PKCS#8; Sign's signatures verified by `openssl dgst` with the matching public key. */
  const signsLikeOpenssl = async (
    key: KeyMetadata,
    genpkey: ReadonlyArray<string>,
    algorithm: ImportWrapping,
    signing: ReadonlyArray<readonly [SigningAlgorithmSpec, ReadonlyArray<string>]>
  ) => {
    const dir = openssl.directory({ "message.bin": utf8(`signed by an imported ${key.KeySpec} key`) })
    dir.openssl("genpkey", ...genpkey, "-out", "PrivateKey.pem")
    dir.openssl("pkcs8", "-topk8", "-inform", "PEM", "-outform", "DER", "-in", "PrivateKey.pem", "-out", "PlaintextKeyMaterial.der", "-nocrypt")
    dir.openssl("pkey", "-in", "PrivateKey.pem", "-pubout", "-out", "PublicKey.pem")
    dir.openssl("pkey", "-in", "PrivateKey.pem", "-pubout", "-outform", "DER", "-out", "PublicKey.der")
    await importWithOpenssl(key.KeyId!, dir.read("PlaintextKeyMaterial.der"), algorithm)

    const described = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!
    expect(described).toMatchObject({ KeyState: "Enabled", Enabled: true, Origin: "EXTERNAL" })
    expect(Buffer.from((await kms.send(new GetPublicKeyCommand({ KeyId: key.KeyId }))).PublicKey!).equals(Buffer.from(dir.read("PublicKey.der")))).toBe(true)
    for (const [signingAlgorithm, sigopts] of signing) {
      const { Signature } = await kms.send(new SignCommand({ KeyId: key.KeyId, Message: dir.read("message.bin"), SigningAlgorithm: signingAlgorithm }))
      dir.write("signature.bin", Signature!)
      const verified = dir.openssl("dgst", "-sha256", ...sigopts, "-verify", "PublicKey.pem", "-signature", "signature.bin", "message.bin")
      expect(verified.trim(), signingAlgorithm).toBe("Verified OK")
    }
  }

  it("ECC_NIST_P256: a PKCS#8 key from openssl genpkey signs so that openssl verifies with its public key", async () => {
    const key = await externalKey({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" })
    await signsLikeOpenssl(key, ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], "RSAES_OAEP_SHA_256", [["ECDSA_SHA_256", []]])
  })

  it("RSA_2048: a private key needs RSA_AES_KEY_WRAP (RSAES_OAEP_SHA_256 parameters are refused), then signs as openssl verifies", async () => {
    const key = await externalKey({ KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" })
    expect((await rejects(parametersFor(key.KeyId!, "RSAES_OAEP_SHA_256"))).name).toBe("ValidationException")
    await signsLikeOpenssl(key, ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "RSA_AES_KEY_WRAP_SHA_256", [
      ["RSASSA_PKCS1_V1_5_SHA_256", []],
      ["RSASSA_PSS_SHA_256", ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"]]
    ])
  })
})
