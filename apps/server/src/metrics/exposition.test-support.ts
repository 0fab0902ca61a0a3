/** One sample of the Prometheus text exposition format, its label values unescaped. */
export interface Sample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*"
const LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*"
// A label value: any character but `"`, `\` and newline, or one of the three escapes `\\`, `\"`, `\n`.
const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\[\\"n])*"`
const LABEL = `(${LABEL_NAME})=(${LABEL_VALUE})`
const VALUE = String.raw`[-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN)`
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (${VALUE})(?: -?[0-9]+)?$`)
const COMMENT = new RegExp(`^# (HELP|TYPE) (${NAME}) ?(.*)$`)
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"])

const unescape = (quoted: string) => quoted.slice(1, -1).replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c))

/**
 * Parses Prometheus's text format (version 0.0.4) strictly, as a scraper
 * would: any line that is not a HELP, TYPE, blank or well-formed sample line
 * throws, as does a sample of a family whose TYPE is not declared.
 */
export const parseExposition = (text: string): { readonly samples: ReadonlyArray<Sample>; readonly types: ReadonlyMap<string, string> } => {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline")
  const samples: Array<Sample> = []
  const types = new Map<string, string>()
  const familyOf = (name: string) =>
    [name, name.replace(/_(bucket|sum|count|total)$/, "")].find((family) => types.has(family))
  for (const [index, line] of text.slice(0, -1).split("\n").entries()) {
    if (line === "") continue
    const comment = COMMENT.exec(line)
    if (comment !== null) {
      if (comment[1] === "TYPE") {
        if (!TYPES.has(comment[3]!)) throw new Error(`line ${index + 1}: unknown type ${comment[3]}`)
        if (types.has(comment[2]!)) throw new Error(`line ${index + 1}: ${comment[2]} typed twice`)
        types.set(comment[2]!, comment[3]!)
      }
      continue
    }
    const sample = SAMPLE.exec(line)
    if (sample === null) throw new Error(`line ${index + 1} is not valid exposition format: ${JSON.stringify(line)}`)
    const name = sample[1]!
    if (familyOf(name) === undefined) throw new Error(`line ${index + 1}: ${name} has no TYPE`)
    const labels: Record<string, string> = {}
    for (const [, labelName, quoted] of (sample[2] ?? "").matchAll(new RegExp(LABEL, "g"))) labels[labelName!] = unescape(quoted!)
    const raw = sample.at(-1)!
    samples.push({ name, labels, value: raw.endsWith("Inf") ? (raw.startsWith("-") ? -Infinity : Infinity) : Number(raw) })
  }
  return { samples, types }
}

/** The samples named `name` whose labels include `labels`. */
export const samplesOf = (samples: ReadonlyArray<Sample>, name: string, labels: Record<string, string> = {}) =>
  samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
