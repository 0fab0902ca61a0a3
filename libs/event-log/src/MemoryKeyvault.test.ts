import { describe } from "vitest"
import { Keyvault } from "./Keyvault.ts"
import { keyvaultContract } from "./contract/keyvaultContract.test-support.ts"

describe("Keyvault.layerMemory", () => {
  keyvaultContract(() => Keyvault.layerMemory)
})
