import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICK_SECONDS = 0.01

/** `ps` exits 1 when a process has no children. */
const childrenOf = (pid: number): Array<number> => {
  try {
    return execFileSync("ps", ["--ppid", String(pid), "-o", "pid="], { encoding: "utf8" })
      .split("\n").map((line) => Number(line.trim())).filter((child) => child > 0)
  } catch {
    return []
  }
}

const pidsOf = (root: number): Array<number> => [root, ...childrenOf(root).flatMap(pidsOf)]

/** CPU seconds (user + system) used so far by a process and every process under it, read from /proc. */
export const cpuSecondsOf = (root: number): number =>
  pidsOf(root).reduce((sum, pid) => {
    try {
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")
      return sum + (Number(fields[11]) + Number(fields[12])) * TICK_SECONDS
    } catch {
      return sum
    }
  }, 0)
