/**
 * The fake's control API, served under `/__fake` beside Bootpay's own paths so that a test in any
 * language can set the fake up and look inside it over HTTP: create receipts in any state, complete
 * a bank-transfer consent, set the SMS code, read every object and every request received, steer
 * webhooks, inject faults, move the clock and reset. Every call's body is decoded with a Schema that
 * refuses unknown fields; a refusal lists every problem. `GET /__fake/openapi.json` describes it all.
 */
import { Registry } from "@effect-bootpay/core/index"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as JSONSchema from "effect/JSONSchema"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type FakeStore, type Fault, type Json, kstIso } from "../FakeStore.js"
import type { Reply } from "./reply.js"
import type { FakeRequest, Outcome } from "./router.js"

/** One problem with a control call's input. */
export interface Problem {
  readonly path: string
  readonly message: string
}

const refuse = (problems: ReadonlyArray<Problem>): Reply => ({
  status: 400,
  body: {
    error_code: "FAKE_INVALID_INPUT",
    message: `control call refused: ${problems
      .map((problem) => (problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`))
      .join("; ")}`,
    problems
  }
})

const notFound = (message: string): Reply => ({
  status: 404,
  body: { error_code: "FAKE_NOT_FOUND", message }
})

const conflict = (message: string): Reply => ({ status: 409, body: { error_code: "FAKE_CONFLICT", message } })

const ok = (body: unknown, status = 200): Reply => ({ status, body })

/**
 * Every problem of a refused input, one per field: an optional field's "Expected undefined" is
 * dropped beside its real problem, and the alternatives of a union are listed together.
 */
const problemsOf = (error: ParseResult.ParseError): Array<Problem> => {
  const byPath = new Map<string, Array<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = issue.path.map(String).join(".")
    byPath.set(path, [...(byPath.get(path) ?? []), issue.message.replace(/\s+/g, " ")])
  }
  return Array.from(byPath, ([path, all]) => {
    const messages = all.length > 1 ? all.filter((m) => !m.startsWith("Expected undefined")) : all
    const expected = messages.map((m) => /^Expected (.*), actual (.*)$/.exec(m))
    if (messages.length > 1 && expected.every((m) => m !== null && m[2] === expected[0]![2])) {
      return {
        path,
        message: `Expected ${expected.map((m) => m![1]).join(" or ")}, actual ${expected[0]![2]}`
      }
    }
    return { path, message: Array.from(new Set(messages)).join("; ") }
  })
}

// ---------------------------------------------------------------------------------------------
// Input schemas

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/

/** A time: epoch milliseconds, or ISO 8601 with an offset. */
const Time = Schema.Union(
  Schema.Number.pipe(Schema.int(), Schema.nonNegative()),
  Schema.String.pipe(
    Schema.filter((text) => isoPattern.test(text) && !Number.isNaN(Date.parse(text)), {
      message: () => "expected an ISO 8601 time with an offset, like 2026-01-15T12:00:00+09:00"
    })
  )
).annotations({ description: "epoch milliseconds, or ISO 8601 with an offset (2026-01-15T12:00:00+09:00)" })

const millisOf = (time: number | string): number => (typeof time === "number" ? time : Date.parse(time))

/** A length of time: milliseconds, or text such as `"10 minutes"`. */
const Span = Schema.Union(
  Schema.Number.pipe(Schema.nonNegative()),
  Schema.String.pipe(
    Schema.filter((text) => Option.isSome(Duration.decodeUnknown(text)), {
      message: () => 'expected milliseconds or a duration such as "10 minutes", "1 hour", "500 millis"'
    })
  )
).annotations({ description: 'milliseconds, or text such as "10 minutes"' })

const spanMillis = (span: number | string): number =>
  typeof span === "number" ? span : Duration.toMillis(Duration.decodeUnknown(span).pipe(Option.getOrThrow))

const Text = Schema.String.pipe(Schema.minLength(1, { message: () => "expected a non-empty string" }))
const Amount = Schema.Number.pipe(Schema.int(), Schema.positive())
const AmountOrZero = Schema.Number.pipe(Schema.int(), Schema.nonNegative())
const Fields = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
  description: "any further fields, copied onto the object as given"
})

const CreateReceipt = Schema.Struct({
  receipt_id: Schema.optional(Text),
  order_id: Schema.optional(Text),
  order_name: Schema.optional(Text),
  price: Schema.optional(Amount),
  tax_free: Schema.optional(AmountOrZero),
  method_symbol: Schema.optional(Text).annotations({
    description: "card (default), phone, bank, vbank, or any other method symbol"
  }),
  status: Schema.optional(Schema.Literal(0, 1, 2, 5)).annotations({
    description:
      "1 paid (default; 5 for vbank), 2 awaiting server confirm, 5 virtual account issued, 0 waiting"
  }),
  purchased_at: Schema.optional(Time),
  requested_at: Schema.optional(Time),
  pg: Schema.optional(Text),
  metadata: Schema.optional(Fields),
  fields: Schema.optional(Fields)
}).pipe(
  Schema.filter((input) =>
    input.tax_free !== undefined && input.tax_free > (input.price ?? 1000)
      ? { path: ["tax_free"], message: "tax_free cannot exceed price" }
      : undefined
  )
)

const CreateBillingKey = Schema.Struct({
  method: Schema.optional(Schema.Literal("card", "bank")),
  subscription_id: Schema.optional(Text),
  fields: Schema.optional(Fields)
})

const operationIds: ReadonlyArray<string> = Registry.entries.map((entry) => entry.operation.id)
const Operation = Schema.String.pipe(
  Schema.filter((id) => operationIds.includes(id), {
    message: (issue) =>
      `unknown operation ${JSON.stringify(issue.actual)}; one of ${operationIds.join(", ")}`,
    jsonSchema: { enum: operationIds }
  })
).annotations({ description: "an operation id such as Receipt.cancel; every operation when omitted" })
const Times = Schema.Number.pipe(Schema.int(), Schema.between(1, 1_000))
const targeting = { operation: Schema.optional(Operation), times: Schema.optional(Times) }

const InjectFault = Schema.Union(
  Schema.Struct({
    type: Schema.Literal("decline"),
    error_code: Text,
    pg_error_code: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
    message: Schema.optional(Schema.String),
    ...targeting
  }),
  Schema.Struct({
    type: Schema.Literal("respond"),
    status: Schema.Number.pipe(Schema.int(), Schema.between(100, 599)),
    body: Schema.optional(Schema.Unknown),
    headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
    ...targeting
  }),
  Schema.Struct({ type: Schema.Literal("latency"), duration: Span, ...targeting }),
  Schema.Struct({ type: Schema.Literal("drop_before"), ...targeting }),
  Schema.Struct({ type: Schema.Literal("drop_after"), ...targeting })
)

const faultOf = (input: typeof InjectFault.Type): Fault => {
  switch (input.type) {
    case "decline":
      return {
        _tag: "Decline",
        errorCode: input.error_code,
        ...(input.pg_error_code === undefined ? {} : { pgErrorCode: input.pg_error_code }),
        ...(input.message === undefined ? {} : { message: input.message })
      }
    case "respond":
      return {
        _tag: "Respond",
        status: input.status,
        body: input.body,
        ...(input.headers === undefined ? {} : { headers: input.headers })
      }
    case "latency":
      return { _tag: "Latency", duration: spanMillis(input.duration) }
    case "drop_before":
      return { _tag: "DropBefore" }
    case "drop_after":
      return { _tag: "DropAfter" }
  }
}

const faultView = (fault: Fault): Json => {
  switch (fault._tag) {
    case "Decline":
      return {
        type: "decline",
        error_code: fault.errorCode,
        pg_error_code: fault.pgErrorCode ?? null,
        message: fault.message ?? null
      }
    case "Respond":
      return { type: "respond", status: fault.status, body: fault.body, headers: fault.headers ?? {} }
    case "Latency":
      return { type: "latency", duration_millis: Duration.toMillis(Duration.decode(fault.duration)) }
    case "DropBefore":
      return { type: "drop_before" }
    case "DropAfter":
      return { type: "drop_after" }
  }
}

const SetWebhook = Schema.Struct({
  url: Schema.optional(Schema.NullOr(Schema.String)).annotations({
    description: "a loopback http(s) URL; null stops deliveries; omitted keeps the current one"
  }),
  format: Schema.optional(Schema.Literal("json", "form")),
  attempts: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(1, 100))),
  interval_millis: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 3_600_000))),
  timeout_millis: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(1, 600_000)))
})

const Deliver = Schema.Struct({ receipt_id: Text, webhook_type: Schema.optional(Text) })

const SetOtp = Schema.Struct({
  otp: Schema.String.pipe(Schema.pattern(/^\d{4,8}$/, { message: () => "expected 4 to 8 digits" }))
})

const Freeze = Schema.Struct({ at: Schema.optional(Time) })
const SetClock = Schema.Struct({ to: Time })
const Advance = Schema.Struct({ by: Span })

const RequestsQuery = Schema.Struct({
  operation: Schema.optional(Schema.String),
  since: Schema.optional(
    Schema.String.pipe(Schema.pattern(/^\d+$/, { message: () => "expected a request index (digits)" }))
  )
})

/** No body, or an empty object: a call that takes no input still refuses fields it would ignore. */
const Empty = Schema.Unknown.pipe(
  Schema.filter(
    (input) =>
      typeof input === "object" && input !== null && !Array.isArray(input) && Object.keys(input).length === 0,
    {
      message: (issue) =>
        typeof issue.actual === "object" && issue.actual !== null && !Array.isArray(issue.actual)
          ? `this call takes no fields, got ${Object.keys(issue.actual).join(", ")}`
          : "expected no body or an empty object",
      jsonSchema: { type: "object", properties: {}, additionalProperties: false }
    }
  )
)

// ---------------------------------------------------------------------------------------------
// Views

const clockView = (store: FakeStore): Json => ({
  now: store.now,
  iso: kstIso(store.now),
  frozen: store.clockFrozen
})

const webhookView = (store: FakeStore): Json => {
  const options = store.webhooks.options
  return {
    url: store.webhooks.url ?? null,
    format: options.format,
    attempts: options.attempts,
    interval_millis: options.intervalMillis,
    timeout_millis: options.timeoutMillis
  }
}

interface Kind {
  readonly key: string
  readonly list: (store: FakeStore) => ReadonlyArray<Json>
}

/** Every kind of object the fake holds, readable as `GET /__fake/{kind}` and `GET /__fake/{kind}/{id}`. */
export const kinds: Readonly<Record<string, Kind>> = {
  receipts: { key: "receipt_id", list: (store) => Array.from(store.receipts.values()) },
  "billing-keys": { key: "billing_key", list: (store) => Array.from(store.billingKeys.values()) },
  reservations: { key: "reserve_id", list: (store) => Array.from(store.reservations.values()) },
  "transfer-requests": { key: "receipt_id", list: (store) => store.billing.transferRequests },
  certificates: { key: "receipt_id", list: (store) => Array.from(store.identity.certificates.values()) },
  "user-tokens": { key: "user_token", list: (store) => Array.from(store.identity.userTokens.values()) },
  tokens: {
    key: "access_token",
    list: (store) =>
      Array.from(store.tokens, ([token, expiresAt]) => ({
        access_token: token,
        expires_at: kstIso(expiresAt),
        expired: store.now >= expiresAt
      }))
  }
}

// ---------------------------------------------------------------------------------------------
// Routes

interface Context<A> {
  readonly store: FakeStore
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  readonly body: A
}

/** One control call. */
export interface ControlRoute {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** The path below `/__fake`, with `{name}` for a path parameter. */
  readonly path: string
  readonly summary: string
  readonly body: Schema.Schema.AnyNoContext | undefined
  readonly query: Schema.Schema.AnyNoContext | undefined
  readonly run: (context: Context<never>) => Reply
}

const call = <A, I>(
  method: ControlRoute["method"],
  path: string,
  summary: string,
  body: Schema.Schema<A, I> | undefined,
  run: (context: Context<A>) => Reply,
  query?: Schema.Schema.AnyNoContext
): ControlRoute => ({ method, path, summary, body, query, run: run as ControlRoute["run"] })

const copy = <A>(value: A): A => structuredClone(value)

const createReceipt = (store: FakeStore, input: typeof CreateReceipt.Type) => {
  const method = input.method_symbol ?? "card"
  const status = input.status ?? (method === "vbank" ? 5 : 1)
  const time = (value: number | string | undefined) =>
    value === undefined ? undefined : kstIso(millisOf(value))
  const fields: Json = {
    ...input.fields,
    method_symbol: method,
    status,
    ...(input.receipt_id === undefined ? {} : { receipt_id: input.receipt_id }),
    ...(input.order_id === undefined ? {} : { order_id: input.order_id }),
    ...(input.order_name === undefined ? {} : { order_name: input.order_name }),
    ...(input.price === undefined ? {} : { price: input.price }),
    ...(input.tax_free === undefined ? {} : { tax_free: input.tax_free }),
    ...(input.pg === undefined ? {} : { pg: input.pg }),
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    ...(input.purchased_at === undefined ? {} : { purchased_at: time(input.purchased_at) }),
    ...(input.requested_at === undefined ? {} : { requested_at: time(input.requested_at) })
  }
  return store.createReceipt(fields)
}

const bankKeyFields: Json = {
  method: "계좌자동이체",
  method_symbol: "automatic_transfer_rest",
  method_origin: "계좌자동이체",
  method_origin_symbol: "automatic_transfer_rest",
  billing_expire_at: "2099-12-31T23:59:59+09:00",
  billing_data: { bank_name: "국민", bank_code: "004", bank_account: "123********234", username: "홍*동" }
}

/** Every control call, in the order the documentation lists them. */
export const routes: ReadonlyArray<ControlRoute> = [
  call("GET", "/openapi.json", "this API as an OpenAPI 3.1 document", undefined, () => ok(openApi())),
  call(
    "POST",
    "/reset",
    "forget every object, request, fault and delivery (credentials, webhook target and clock stay)",
    Empty,
    ({ store }) => {
      store.reset()
      return ok({ reset: true })
    }
  ),
  call(
    "POST",
    "/receipts",
    "create a receipt as if paid (or started) in the browser",
    CreateReceipt,
    ({ store, body }) =>
      store.receipts.has(body.receipt_id ?? "")
        ? conflict(`a receipt ${body.receipt_id} exists already`)
        : ok(createReceipt(store, body), 201)
  ),
  call(
    "POST",
    "/billing-keys",
    "create a billing key as if issued in the browser",
    CreateBillingKey,
    ({ store, body }) =>
      ok(
        store.createBillingKey({
          ...(body.method === "bank" ? bankKeyFields : {}),
          ...(body.subscription_id === undefined ? {} : { subscription_id: body.subscription_id }),
          ...body.fields
        }),
        201
      )
  ),
  call(
    "POST",
    "/transfer-requests/{receipt_id}/consent",
    "complete the holder's consent (ARS or simple auth) to a bank-transfer key request",
    Empty,
    ({ store, params }) => {
      const receiptId = params.receipt_id!
      if (!store.billing.transferRequests.some((request) => request.receipt_id === receiptId)) {
        return notFound(`no bank-transfer key request ${receiptId}`)
      }
      store.completeTransferConsent(receiptId)
      return ok(store.billing.transferRequests.find((request) => request.receipt_id === receiptId))
    }
  ),
  call(
    "GET",
    "/otp",
    "the SMS code every identity verification expects (000000 unless set)",
    undefined,
    ({ store }) => ok({ otp: store.identity.otp })
  ),
  call("PUT", "/otp", "set the SMS code identity verifications expect", SetOtp, ({ store, body }) => {
    store.identity.otp = body.otp
    return ok({ otp: store.identity.otp })
  }),
  call("POST", "/tokens/expire", "expire every bearer token now", Empty, ({ store }) => {
    store.expireTokens()
    return ok({ expired: true })
  }),
  call(
    "GET",
    "/requests",
    "the Bootpay API requests received (authorization left out, secrets masked), oldest first",
    undefined,
    ({ store, query }) => {
      const since = query.since === undefined ? 0 : Number(query.since)
      return ok(
        store.requests
          .map((request, index) => ({ index, ...request }))
          .filter((request) => request.index >= since)
          .filter((request) => query.operation === undefined || request.operation === query.operation)
      )
    },
    RequestsQuery
  ),
  call("DELETE", "/requests", "forget the requests received", Empty, ({ store }) => {
    store.requests.length = 0
    return ok({ cleared: true })
  }),
  call("GET", "/webhook", "where and how webhooks are delivered", undefined, ({ store }) =>
    ok(webhookView(store))
  ),
  call("PUT", "/webhook", "set the webhook target and delivery options", SetWebhook, ({ store, body }) => {
    const url = body.url === undefined ? store.webhooks.url : (body.url ?? undefined)
    try {
      store.webhooks.configure(url, {
        ...(body.format === undefined ? {} : { format: body.format }),
        ...(body.attempts === undefined ? {} : { attempts: body.attempts }),
        ...(body.interval_millis === undefined ? {} : { intervalMillis: body.interval_millis }),
        ...(body.timeout_millis === undefined ? {} : { timeoutMillis: body.timeout_millis })
      })
    } catch (error) {
      return refuse([{ path: "url", message: error instanceof Error ? error.message : String(error) }])
    }
    return ok(webhookView(store))
  }),
  call("GET", "/webhook/deliveries", "every webhook sent, with each attempt", undefined, ({ store }) =>
    ok(copy(store.webhookDeliveries))
  ),
  call("POST", "/webhook/deliveries", "send a webhook for a receipt now", Deliver, ({ store, body }) => {
    const receipt = store.getReceipt(body.receipt_id)
    if (receipt === undefined) return notFound(`no receipt ${body.receipt_id}`)
    if (store.webhooks.url === undefined) return conflict("no webhook URL is set: PUT /__fake/webhook first")
    const before = store.webhookDeliveries.length
    const sent = store.deliverWebhook(body.receipt_id, body.webhook_type)
    const delivery = store.webhookDeliveries[before]
    if (delivery === undefined) {
      sent.catch(() => undefined)
      return refuse([
        { path: "webhook_type", message: `status ${receipt.status} names no webhook type; give one` }
      ])
    }
    sent.catch(() => undefined)
    return ok(copy(delivery), 202)
  }),
  call("GET", "/faults", "the faults injected and not used up yet", undefined, ({ store }) =>
    ok(
      store.pendingFaults.map((injected) => ({
        ...faultView(injected.fault),
        operation: injected.operation ?? null,
        remaining: injected.remaining
      }))
    )
  ),
  call("POST", "/faults", "inject a fault into the next matching calls", InjectFault, ({ store, body }) => {
    store.inject(faultOf(body), {
      ...(body.operation === undefined ? {} : { operation: body.operation }),
      ...(body.times === undefined ? {} : { times: body.times })
    })
    return ok({ pending: store.pendingFaults.length }, 201)
  }),
  call("DELETE", "/faults", "drop every fault not used yet", Empty, ({ store }) => {
    store.clearFaults()
    return ok({ pending: 0 })
  }),
  call("GET", "/clock", "the fake's time, and whether it is frozen", undefined, ({ store }) =>
    ok(clockView(store))
  ),
  call(
    "POST",
    "/clock/freeze",
    "stop the clock (at its current time, or at `at`)",
    Freeze,
    ({ store, body }) => {
      store.freeze(body.at === undefined ? undefined : millisOf(body.at))
      return ok(clockView(store))
    }
  ),
  call(
    "POST",
    "/clock/resume",
    "let the clock run with the wall clock again, from its current time",
    Empty,
    ({ store }) => {
      store.resume()
      return ok(clockView(store))
    }
  ),
  call(
    "POST",
    "/clock/set",
    "set the fake's time (due reservations run, tokens and verifications expire)",
    SetClock,
    ({ store, body }) => {
      store.setTime(millisOf(body.to))
      return ok(clockView(store))
    }
  ),
  call("POST", "/clock/advance", "move the fake's time forward", Advance, ({ store, body }) => {
    store.advance(spanMillis(body.by))
    return ok(clockView(store))
  }),
  ...Object.entries(kinds).flatMap(([name, kind]) => [
    call(
      "GET",
      `/${name}`,
      `every ${name.replace(/s$/, "").replace("-", " ")} the fake holds`,
      undefined,
      ({ store }) => ok(copy(kind.list(store)))
    ),
    call(
      "GET",
      `/${name}/{${kind.key}}`,
      `one ${name.replace(/s$/, "").replace("-", " ")} by ${kind.key}`,
      undefined,
      ({ store, params }) => {
        const found = kind.list(store).find((object) => object[kind.key] === params[kind.key])
        return found === undefined ? notFound(`no ${name} entry ${params[kind.key]}`) : ok(copy(found))
      }
    )
  ])
]

interface Compiled {
  readonly route: ControlRoute
  readonly pattern: RegExp
  readonly names: ReadonlyArray<string>
  readonly decodeBody: ((input: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
  readonly decodeQuery: ((input: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
}

const strict = { errors: "all", onExcessProperty: "error" } as const

const compiled: ReadonlyArray<Compiled> = routes.map((route) => ({
  route,
  names: Array.from(route.path.matchAll(/\{(\w+)\}/g), (m) => m[1]!),
  pattern: new RegExp(
    `^${route.path
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("([^/]+)")}$`
  ),
  decodeBody: route.body === undefined ? undefined : Schema.decodeUnknownEither(route.body, strict),
  decodeQuery: route.query === undefined ? undefined : Schema.decodeUnknownEither(route.query, strict)
}))

const parseJson = (text: string): Either.Either<unknown, string> => {
  if (text.trim() === "") return Either.right({})
  try {
    return Either.right(JSON.parse(text))
  } catch {
    return Either.left("the body is not JSON")
  }
}

/** Routes one control request; `request.path` is below `/__fake`. */
export const route = (store: FakeStore, request: FakeRequest): Outcome => {
  store.runDue()
  const reply = (value: Reply): Outcome => ({ _tag: "Reply", reply: value, delayMillis: 0 })
  let pathMatched = false
  for (const entry of compiled) {
    const found = entry.pattern.exec(request.path)
    if (found === null) continue
    pathMatched = true
    if (entry.route.method !== request.method) continue
    const params: Record<string, string> = {}
    entry.names.forEach((name, index) => {
      params[name] = decodeURIComponent(found[index + 1]!)
    })
    const problems: Array<Problem> = []
    let query: unknown = request.query
    if (entry.decodeQuery !== undefined) {
      const decoded = entry.decodeQuery(request.query)
      if (Either.isLeft(decoded))
        problems.push(...problemsOf(decoded.left).map((p) => ({ ...p, path: `query.${p.path}` })))
      else query = decoded.right
    } else if (Object.keys(request.query).length > 0) {
      problems.push({ path: "query", message: "this call takes no query parameters" })
    }
    let body: unknown
    if (entry.decodeBody !== undefined) {
      const parsed = parseJson(request.body)
      if (Either.isLeft(parsed)) problems.push({ path: "", message: parsed.left })
      else {
        const decoded = entry.decodeBody(parsed.right)
        if (Either.isLeft(decoded)) problems.push(...problemsOf(decoded.left))
        else body = decoded.right
      }
    }
    if (problems.length > 0) return reply(refuse(problems))
    return reply(
      entry.route.run({ store, params, query: query as Record<string, string>, body: body as never })
    )
  }
  return reply(
    pathMatched
      ? {
          status: 405,
          body: {
            error_code: "FAKE_METHOD_NOT_ALLOWED",
            message: `${request.method} is not a control call on /__fake${request.path}`
          }
        }
      : notFound(
          `no control call ${request.method} /__fake${request.path}; GET /__fake/openapi.json lists them`
        )
  )
}

// ---------------------------------------------------------------------------------------------
// OpenAPI

const schemaOf = (schema: Schema.Schema.AnyNoContext): unknown => {
  const { $schema: _schema, ...rest } = JSONSchema.make(schema) as unknown as Json
  return rest
}

const problemSchema = {
  type: "object",
  required: ["error_code", "message"],
  properties: {
    error_code: { type: "string" },
    message: { type: "string" },
    problems: {
      type: "array",
      items: {
        type: "object",
        properties: { path: { type: "string" }, message: { type: "string" } }
      }
    }
  }
}

let document: Json | undefined

/** The control API as an OpenAPI 3.1 document. */
export const openApi = (): Json => {
  if (document !== undefined) return document
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const names = Array.from(route.path.matchAll(/\{(\w+)\}/g), (m) => m[1]!)
    const operation: Json = {
      summary: route.summary,
      parameters: names.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      responses: {
        "200": { description: "done; 201 for a created object, 202 for a delivery started" },
        "400": {
          description: "bad input: every problem listed",
          content: { "application/json": { schema: problemSchema } }
        },
        "404": { description: "no such object", content: { "application/json": { schema: problemSchema } } }
      }
    }
    if (route.query !== undefined) {
      const query = schemaOf(route.query) as { properties?: Record<string, unknown> }
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        ;(operation.parameters as Array<unknown>).push({ name, in: "query", required: false, schema })
      }
    }
    if (route.body !== undefined && route.method !== "GET") {
      operation.requestBody = {
        required: false,
        content: { "application/json": { schema: schemaOf(route.body) } }
      }
    }
    paths[`/__fake${route.path}`] = {
      ...paths[`/__fake${route.path}`],
      [route.method.toLowerCase()]: operation
    }
  }
  document = {
    openapi: "3.1.0",
    info: {
      title: "effect-bootpay fake: control API",
      version: "0.1.0",
      description:
        "Sets up and inspects a fake Bootpay over HTTP. Bootpay's own API is served beside it under /v2."
    },
    paths
  }
  return document
}
