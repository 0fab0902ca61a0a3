/**
 * The members most operations name their key in, for their modules to spread:
 * a request's KeyId is the key it targets (a key ARN of another account makes
 * a cross-account request) and the key its audit record names when the
 * result names none; a result's KeyId is the key ARN the Region resolved
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#API_Encrypt_ResponseSyntax).
 */
export const keyInRequest = {
  targetKey: (request: { readonly keyId?: string | undefined }): string | undefined => request.keyId,
  requestKeys: (request: { readonly keyId?: string | undefined }): ReadonlyArray<string | undefined> => [request.keyId]
}

export const keyInResult = {
  resultKeys: (result: { readonly keyId: string }): ReadonlyArray<string | undefined> => [result.keyId]
}
