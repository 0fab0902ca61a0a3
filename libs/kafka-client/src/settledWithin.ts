/**
 * Resolves when `promise` settles (fulfilled or rejected) or after `ms`, whichever is first,
 * leaving no timer behind: how a stopping consumer waits for a step without hanging on it.
 */
export const settledWithin = (promise: Promise<unknown>, ms: number): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    void promise.catch(() => undefined).finally(() => {
      clearTimeout(timer)
      resolve()
    })
  })
