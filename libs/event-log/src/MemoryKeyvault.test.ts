import { describe } from "vitest"
import { Keyvault } from "./Keyvault.ts"
import { keyvaultContract } from "./keyvaultContract.ts"

describe("Keyvault.layerMemory", () => {
  keyvaultContract(() => Keyvault.layerMemory)
})
