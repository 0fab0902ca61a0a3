import { createServer, type Server } from "node:net"

const listening = (host: string) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, host, () => resolve(server))
  })

const portOf = (server: Server): number => {
  const address = server.address()
  if (typeof address !== "object" || address === null) throw new Error("a TCP server without a port")
  return address.port
}

/**
 * `count` distinct TCP ports on `host` that nothing listens on right now (all held open together,
 * so the kernel cannot hand out one twice). Another process may take one before the broker binds
 * it; `startKafka` retries with new ports when the broker reports the address in use.
 */
export const freePorts = async (host: string, count: number): Promise<ReadonlyArray<number>> => {
  const servers = await Promise.all(Array.from({ length: count }, () => listening(host)))
  const ports = servers.map(portOf)
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
  return ports
}
