/**
 * Recipient (Nitro Enclaves attestation) is validated, then refused: the
 * Region cannot encrypt a response to an enclave's attested key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/services-nitro-enclaves.html).
 */
export const NO_ATTESTATION = "Trent does not serve Nitro Enclaves attestation."
