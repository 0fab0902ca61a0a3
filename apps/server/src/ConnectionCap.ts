import type { Server } from "node:net"
import type { Socket } from "node:net"

/**
 * A cap on the edge's open connections that never locks a normal client out.
 * Each connection costs a file descriptor, and past the process's open-file
 * limit every new connection is reset (accept(2): EMFILE). Refusing new
 * connections at the cap would hand the server to whoever opens the most
 * idle sockets first, so at the cap the connection idle the longest — one
 * that has no request being answered: a fresh connection still sending its
 * headers, a trickling body, a keep-alive connection between requests — is
 * closed to make room. Only when every connection is being answered is the
 * new one refused.
 *
 * Connections are keyed by their remote address and port, the one name a
 * TCP socket and the TLS socket over it share (RFC 9293 §3.1: the pair of
 * endpoints identifies a connection).
 */
export interface ConnectionCap {
  /** A request's body is read and it is being answered: its connection is not closed to make room. */
  readonly answering: (socket: Socket) => void
  /** The answer is sent: the connection is idle again, and the newest idle one. */
  readonly answered: (socket: Socket) => void
  readonly open: () => number
  readonly evicted: () => number
}

const keyOf = (socket: Socket) => `${socket.remoteAddress}|${socket.remotePort}`

export const capConnections = (server: Server, maxConnections: number): ConnectionCap => {
  // Insertion order is idleness order: the first entry not answering is the longest idle.
  const open = new Map<string, { readonly socket: Socket; answering: number }>()
  let evicted = 0

  const makeRoom = (): boolean => {
    for (const [key, entry] of open) {
      if (entry.answering === 0) {
        open.delete(key)
        entry.socket.destroy()
        evicted++
        return true
      }
    }
    return false
  }

  server.on("connection", (socket: Socket) => {
    if (open.size >= maxConnections && !makeRoom()) {
      socket.destroy()
      return
    }
    const key = keyOf(socket)
    const entry = { socket, answering: 0 }
    open.set(key, entry)
    socket.once("close", () => {
      if (open.get(key) === entry) open.delete(key)
    })
  })

  return {
    answering: (socket) => {
      const entry = open.get(keyOf(socket))
      if (entry !== undefined) entry.answering++
    },
    answered: (socket) => {
      const key = keyOf(socket)
      const entry = open.get(key)
      if (entry === undefined) return
      entry.answering = Math.max(0, entry.answering - 1)
      open.delete(key)
      open.set(key, entry)
    },
    open: () => open.size,
    evicted: () => evicted
  }
}
