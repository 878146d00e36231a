/** One Commerce operation's sample call: the input, what must go on the wire, and an answer to decode. */
export interface Sample {
  /** The Effect API's input. */
  readonly input: unknown
  /** The Promise facade's arguments for the same call (defaults to `[input]`). */
  readonly args?: ReadonlyArray<unknown>
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** The path below the base URL, encoded as sent. */
  readonly path: string
  /** The query string fields sent (default none). */
  readonly query?: Readonly<Record<string, string>>
  /** The JSON body sent (default none for GET/DELETE, `{}` for POST/PUT). */
  readonly body?: unknown
  /** What Bootpay answers inside `data`: it must decode. */
  readonly answer: unknown
  /** An input the operation must refuse with `InvalidRequest` before sending anything. */
  readonly bad: unknown
}

/** Samples by method name, for one facade module. */
export type Samples = Readonly<Record<string, Sample>>
