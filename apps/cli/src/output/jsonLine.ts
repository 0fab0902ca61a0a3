import { Console } from "effect"

/** Prints one value as one line of JSON (JSON Lines: https://jsonlines.org), for `--json`. */
export const printJsonLine = (value: unknown) => Console.log(JSON.stringify(value))
