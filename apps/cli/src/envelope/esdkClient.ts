import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node"

/**
 * The AWS Encryption SDK as Trent's CLI uses it: key commitment required on
 * encrypt and decrypt (the SDK's recommended policy), and at most one
 * encrypted data key per message on decrypt, since `trent encrypt` writes
 * exactly one — a message with more was not made by it, and a discovery
 * keyring should not try them all ("Limiting encrypted data keys", AWS
 * Encryption SDK developer guide).
 */
export const esdk = buildClient({
  commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
  maxEncryptedDataKeys: 1
})

/**
 * Frame size of encrypted messages. The SDK's default is 4 KiB; 64 KiB frames
 * cut the per-frame work sixteenfold on large files while a frame still fits
 * many times over in a stream buffer.
 */
export const FRAME_LENGTH = 64 * 1024
