import { InvalidRequest } from "../KeyErrors.ts"
import { maxLength, validationMessage } from "../ValidationMessage.ts"

/** Description is 0–8192 characters (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). */
export const MAX_DESCRIPTION_LENGTH = 8192

export const checkDescription = (description: string): InvalidRequest | undefined =>
  description.length > MAX_DESCRIPTION_LENGTH
    ? new InvalidRequest({
      message: validationMessage([{ path: "description", value: description, rule: maxLength(MAX_DESCRIPTION_LENGTH) }])
    })
    : undefined
