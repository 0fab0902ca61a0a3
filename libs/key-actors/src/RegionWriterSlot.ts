import { claimWriterSlot, type WriterSlot } from "@trent/event-log"
import { Context, Layer } from "effect"

/**
 * This process's writer slot in the Region's directory (WriterSlot): which
 * audit hash chain it appends to, and on Kafka which local replica it keeps.
 */
export class RegionWriterSlot extends Context.Service<RegionWriterSlot, WriterSlot>()("@trent/key-actors/RegionWriterSlot") {
  static readonly layer = (dir: string) => Layer.effect(RegionWriterSlot, claimWriterSlot(dir))
}
