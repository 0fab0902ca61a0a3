import type { OperationDecoder } from "./OperationDecoder.ts"
import { operationSpec, type RequestOf, type ServedOperation, servedOperations } from "./ServedOperation.ts"

type RequestDecoders = { readonly [Op in ServedOperation]: OperationDecoder<RequestOf<Op>> }

/** Every served operation's request decoder, keyed by its AWS name (from each operation's module). */
export const requestDecoders: RequestDecoders = Object.freeze(
  Object.fromEntries(servedOperations.map((operation) => [operation, operationSpec(operation).decoder]))
) as RequestDecoders
