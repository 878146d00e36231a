import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { BootpayError, Registry } from "@effect-bootpay/core"
import { Bootpay } from "@effect-bootpay/node"
import { FakeServer, kstIso } from "@effect-bootpay/testing"
import type * as Duration from "effect/Duration"
import { afterEach, beforeEach, describe, expect, it } from "vitest"

let fake: FakeServer.FakeServer
let bootpay: Bootpay.Bootpay

beforeEach(async () => {
  fake = await FakeServer.start()
  bootpay = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })
})

afterEach(async () => {
  await bootpay.dispose()
  await fake.close()
})

/** The rejection of a promise that must reject. */
const rejection = async (promise: Promise<unknown>): Promise<BootpayError.BootpayError> => {
  try {
    await promise
  } catch (error) {
    return error as BootpayError.BootpayError
  }
  throw new Error("expected a rejection")
}

describe("Bootpay (Promise facade) over undici against the fake server", () => {
  it("exposes every registry operation under its facade name", () => {
    for (const [module, entries] of Object.entries(Registry.registry)) {
      for (const name of Object.keys(entries)) {
        expect(typeof (bootpay as unknown as Record<string, Record<string, unknown>>)[module]?.[name]).toBe(
          "function"
        )
      }
    }
  })

  it("looks up, confirms and cancels over real HTTP", async () => {
    const pending = fake.store.createReceipt({ status: 2, price: 3000 })
    expect((await bootpay.receipt.lookup(pending.receipt_id)).status).toBe(2)
    expect((await bootpay.receipt.confirm(pending.receipt_id)).status).toBe(1)
    const cancelled = await bootpay.receipt.cancel({
      receipt_id: pending.receipt_id,
      cancel_price: 1000,
      cancel_id: "c1"
    })
    expect(cancelled).toMatchObject({ status: 20, cancelled_price: 1000 })
    const [request] = fake.store.requestsFor("Receipt.cancel")
    expect(request!.headers["content-type"]).toContain("application/json")
    expect(request!.headers["bootpay-sdk-type"]).toBe("301")
    expect(request!.body).toEqual({ receipt_id: pending.receipt_id, cancel_price: 1000, cancel_id: "c1" })
  })

  it("rejects with the SDK's error instances, never a FiberFailure", async () => {
    const paid = fake.store.createReceipt({ price: 1000 })
    const phone = fake.store.createReceipt({
      method_symbol: "phone",
      purchased_at: kstIso(Date.now() - 45 * 86_400_000)
    })
    const cases: Array<[string, () => Promise<unknown>, (() => void) | undefined]> = [
      ["NotFound", () => bootpay.receipt.lookup("missing"), undefined],
      [
        "InvalidRequest",
        () => bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: -5 }),
        undefined
      ],
      [
        "PgRefused",
        () => bootpay.receipt.cancel({ receipt_id: paid.receipt_id }),
        () =>
          fake.store.inject(
            { _tag: "Decline", errorCode: "RC_CANCEL_SERVER_ERROR", pgErrorCode: "9999" },
            { operation: "Receipt.cancel" }
          )
      ],
      [
        "CarrierCancelWindowClosed",
        () => bootpay.receipt.cancel({ receipt_id: phone.receipt_id }),
        undefined
      ],
      [
        "OutcomeUnknown",
        () => bootpay.receipt.cancel({ receipt_id: paid.receipt_id, cancel_price: 100 }),
        () => fake.store.inject({ _tag: "DropAfter" }, { operation: "Receipt.cancel" })
      ],
      [
        "RateLimited",
        () => bootpay.receipt.lookup(paid.receipt_id, { retry: 0 }),
        () => fake.store.inject({ _tag: "Respond", status: 429, body: { message: "slow down" } })
      ],
      [
        "ApiError",
        () => bootpay.receipt.lookup(paid.receipt_id),
        () =>
          fake.store.inject({ _tag: "Respond", status: 400, body: { error_code: "NEW_CODE", message: "?" } })
      ],
      [
        "InvalidResponse",
        () => bootpay.receipt.lookup(paid.receipt_id),
        () => fake.store.inject({ _tag: "Respond", status: 200, body: { no_receipt: true } })
      ]
    ]
    for (const [tag, call, arrange] of cases) {
      arrange?.()
      const error = await rejection(call())
      expect(error._tag, tag).toBe(tag)
      expect(error).toBeInstanceOf(Error)
      expect(BootpayError.isBootpayError(error)).toBe(true)
      expect(String(error)).not.toContain("FiberFailure")
    }
    const after = fake.store.getReceipt(paid.receipt_id)!
    expect(after.cancelled_price).toBe(100)
  })

  it("rejects wrong keys with InvalidCredentials, in both auth modes", async () => {
    const wrongBasic = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "wrong" })
    const wrongBearer = Bootpay.make({ baseUrl: fake.url, applicationId: "test", privateKey: "wrong" })
    try {
      expect(await rejection(wrongBasic.receipt.lookup("r"))).toMatchObject({
        _tag: "InvalidCredentials",
        errorCode: "APP_SK_NOT_MATCHED"
      })
      expect((await rejection(wrongBearer.receipt.lookup("r")))._tag).toBe("InvalidCredentials")
    } finally {
      await wrongBasic.dispose()
      await wrongBearer.dispose()
    }
  })

  it("a token rejected twice in a row rejects with TokenExpired", async () => {
    const legacy = Bootpay.make({ baseUrl: fake.url, applicationId: "test", privateKey: "test" })
    try {
      fake.store.inject(
        { _tag: "Respond", status: 401, body: { error_code: "TOKEN_KEY_INVALID", message: "만료" } },
        { operation: "Receipt.lookup", times: 2 }
      )
      expect((await rejection(legacy.receipt.lookup("r")))._tag).toBe("TokenExpired")
      expect(fake.store.tokenRequests).toBe(2)
    } finally {
      await legacy.dispose()
    }
  })

  it("a refused connection is TransportError after the retries", async () => {
    const closed = await FakeServer.start()
    await closed.close()
    const offline = Bootpay.make({ baseUrl: closed.url, clientKey: "test", secretKey: "test", retry: 0 })
    try {
      const error = await rejection(offline.receipt.lookup("r"))
      expect(error).toMatchObject({ _tag: "TransportError", maybeSent: false })
    } finally {
      await offline.dispose()
    }
  })

  it("throws InvalidConfig at once for unusable options", () => {
    expect(() => Bootpay.make({ clientKey: "only-half" })).toThrow(BootpayError.InvalidConfig)
    expect(() => Bootpay.make({ clientKey: "a", secretKey: "b", mode: "prod" as "production" })).toThrow(
      /unknown mode/
    )
  })

  it("refuses a plain http baseUrl to a host that is not loopback unless allowInsecureHttp is set", async () => {
    const remote = { clientKey: "a", secretKey: "b", baseUrl: "http://bootpay-proxy.internal/v2" }
    expect(() => Bootpay.make(remote)).toThrow(/plain http:\/\/ is only for a loopback host/)
    await Bootpay.make({ ...remote, allowInsecureHttp: true }).dispose()
    // The fake's own URL is loopback http and needs nothing (this suite's client is built from it).
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/)
    const paid = fake.store.createReceipt()
    expect((await bootpay.receipt.lookup(paid.receipt_id)).receipt_id).toBe(paid.receipt_id)
  })

  it("a timeout fires while the fake is slow", async () => {
    const paid = fake.store.createReceipt()
    fake.store.inject({ _tag: "Latency", duration: "3 seconds" })
    const started = performance.now()
    const error = await rejection(bootpay.receipt.lookup(paid.receipt_id, { timeout: "200 millis" }))
    expect(error).toMatchObject({ _tag: "RequestTimeout", timeoutMillis: 200 })
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

/** Unhandled rejections seen while `body` runs and shortly after, when late failures would surface. */
const unhandledDuring = async (body: () => Promise<void>): Promise<Array<unknown>> => {
  const seen: Array<unknown> = []
  const onUnhandled = (reason: unknown) => seen.push(reason)
  process.on("unhandledRejection", onUnhandled)
  try {
    await body()
    await new Promise((resolve) => setTimeout(resolve, 100))
  } finally {
    process.off("unhandledRejection", onUnhandled)
  }
  return seen
}

/** Calls `call`, failing if it throws synchronously, and returns its promise. */
const asPromise = (call: () => unknown): Promise<unknown> => {
  let result: unknown
  try {
    result = call()
  } catch (error) {
    throw new Error(`threw synchronously: ${String(error)}`)
  }
  expect(result).toBeInstanceOf(Promise)
  return result as Promise<unknown>
}

const outcomeUnknown = (receiptId: string) =>
  new BootpayError.OutcomeUnknown({
    operation: "Receipt.confirm",
    reason: "connection",
    receiptId,
    message: "connection lost"
  })

describe("request options are checked before anything is sent", () => {
  const badSignals: Array<[string, unknown]> = [
    ["an empty object", {}],
    ["a string", "x"],
    ["a number", 42],
    ["null", null],
    ["an object without addEventListener", { aborted: false, removeEventListener: () => undefined }],
    ["an object without removeEventListener", { aborted: false, addEventListener: () => undefined }],
    ["an object without aborted", { addEventListener: () => undefined, removeEventListener: () => undefined }]
  ]

  it("a bad signal rejects with InvalidRequest naming options.signal, for operations and reconcile", async () => {
    const paid = fake.store.createReceipt({ price: 1000 })
    const unhandled = await unhandledDuring(async () => {
      for (const [shape, signal] of badSignals) {
        const options = { signal } as Bootpay.RequestOptions
        const calls: Array<[string, () => unknown]> = [
          ["Receipt.cancel", () => bootpay.receipt.cancel({ receipt_id: paid.receipt_id }, options)],
          ["Receipt.lookup", () => bootpay.receipt.lookup(paid.receipt_id, options)],
          ["Reconcile.outcome", () => bootpay.reconcile(outcomeUnknown(paid.receipt_id), options)]
        ]
        for (const [operation, call] of calls) {
          const error = await rejection(asPromise(call))
          expect(error, `${operation} with ${shape}`).toBeInstanceOf(BootpayError.InvalidRequest)
          expect(error).toMatchObject({ operation, issues: [{ path: "options.signal" }] })
        }
      }
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests).toEqual([])
    expect(fake.store.getReceipt(paid.receipt_id)!.cancelled_price ?? 0).toBe(0)
  })

  it("a bad timeout or retry rejects with InvalidRequest naming it, and sends nothing", async () => {
    const paid = fake.store.createReceipt({ price: 1000 })
    const bad: Array<[string, Bootpay.RequestOptions]> = [
      ["options.timeout", { timeout: "banana" as Duration.DurationInput }],
      ["options.retry", { retry: -1 }],
      ["options.retry", { retry: 1.5 }],
      ["options.retry", { retry: 11 }],
      ["options.retry", { retry: "2" as unknown as number }]
    ]
    const unhandled = await unhandledDuring(async () => {
      for (const [path, options] of bad) {
        const lookup = await rejection(asPromise(() => bootpay.receipt.lookup(paid.receipt_id, options)))
        expect(lookup, JSON.stringify(options)).toBeInstanceOf(BootpayError.InvalidRequest)
        expect(lookup).toMatchObject({ operation: "Receipt.lookup", issues: [{ path }] })
        const cancel = await rejection(
          asPromise(() => bootpay.receipt.cancel({ receipt_id: paid.receipt_id }, options))
        )
        expect(cancel, JSON.stringify(options)).toBeInstanceOf(BootpayError.InvalidRequest)
        expect((cancel as BootpayError.InvalidRequest).issues).toMatchObject([{ path }])
      }
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests).toEqual([])
    expect(fake.store.getReceipt(paid.receipt_id)!.cancelled_price ?? 0).toBe(0)
  })

  it("options that are not an object reject with InvalidRequest naming options", async () => {
    const paid = fake.store.createReceipt()
    const unhandled = await unhandledDuring(async () => {
      for (const options of [null, "5 seconds", 42, [], () => undefined]) {
        const error = await rejection(
          asPromise(() => bootpay.receipt.lookup(paid.receipt_id, options as Bootpay.RequestOptions))
        )
        expect(error, String(options)).toBeInstanceOf(BootpayError.InvalidRequest)
        expect(error).toMatchObject({ operation: "Receipt.lookup", issues: [{ path: "options" }] })
      }
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests).toEqual([])
  })

  it("accepts a working signal from another realm, which is no instance of this realm's AbortSignal", async () => {
    const paid = fake.store.createReceipt({ status: 1 })
    // What a signal made in a `vm` context or a jsdom window looks like from here.
    const foreign = Object.assign(new EventTarget(), { aborted: false, reason: undefined })
    expect(foreign).not.toBeInstanceOf(AbortSignal)
    const signal = foreign as unknown as AbortSignal
    expect((await bootpay.receipt.lookup(paid.receipt_id, { signal })).status).toBe(1)
    fake.store.inject({ _tag: "Latency", duration: "3 seconds" })
    const pending = bootpay.receipt.lookup(paid.receipt_id, { signal })
    await new Promise((resolve) => setTimeout(resolve, 50))
    Object.assign(foreign, { aborted: true, reason: new Error("foreign abort") })
    foreign.dispatchEvent(new Event("abort"))
    await expect(pending).rejects.toThrow("foreign abort")
  })

  it("well-formed options are accepted", async () => {
    const paid = fake.store.createReceipt({ status: 1 })
    const controller = new AbortController()
    const receipt = await bootpay.receipt.lookup(paid.receipt_id, {
      signal: controller.signal,
      timeout: "5 seconds",
      retry: 0
    })
    expect(receipt.status).toBe(1)
    expect(fake.store.requestsFor("Receipt.lookup")).toHaveLength(1)
  })
})

describe("no method throws synchronously", () => {
  const odd: Array<unknown> = [undefined, null, 42, "", {}, [], Symbol("odd")]
  type Method = (...args: Array<unknown>) => unknown
  const methodOf = (entry: Registry.Named): Method =>
    (bootpay as unknown as Record<string, Record<string, Method>>)[entry.module]![entry.name]!
  /** The outcome of a call that must not throw: "resolved", or what it rejected with. */
  const outcome = (call: () => unknown) =>
    asPromise(call).then(
      () => "resolved",
      (error: unknown) => (BootpayError.isBootpayError(error) ? error._tag : error)
    )

  it("every operation returns a Promise that rejects with InvalidRequest for odd input", async () => {
    const unhandled = await unhandledDuring(async () => {
      for (const entry of Registry.entries) {
        // The token call takes no input: it may ignore what it is given and issue a token.
        const allowed =
          entry.operation.id === "AccessToken.issue" ? ["resolved", "InvalidRequest"] : ["InvalidRequest"]
        for (const input of [...odd, "no argument"]) {
          const settled = await outcome(() =>
            input === "no argument" ? methodOf(entry)() : methodOf(entry)(input)
          )
          expect(allowed, `${entry.operation.id}(${String(input)}) settled as ${String(settled)}`).toContain(
            settled
          )
        }
      }
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests.filter((request) => request.operation !== "AccessToken.issue")).toEqual([])
  })

  it("reconcile returns a Promise that rejects with InvalidRequest for anything but an OutcomeUnknown", async () => {
    const invalid = async (call: () => unknown) => {
      const error = await rejection(asPromise(call))
      expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
      return error as BootpayError.InvalidRequest
    }
    const unhandled = await unhandledDuring(async () => {
      for (const error of odd) {
        const refused = await invalid(() => bootpay.reconcile(error as BootpayError.OutcomeUnknown))
        expect(refused.operation).toBe("Reconcile.outcome")
        expect(refused.issues[0]!.path).toMatch(/^error/)
      }
      expect((await invalid(() => (bootpay.reconcile as () => unknown)())).operation).toBe(
        "Reconcile.outcome"
      )
      const badTimeout = await invalid(() =>
        bootpay.reconcile(outcomeUnknown("r"), { timeout: "banana" as Duration.DurationInput })
      )
      expect(badTimeout.issues.map((issue) => issue.path)).toEqual(["options.timeout"])
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests).toEqual([])
  })
})

describe("after dispose()", () => {
  it("every call rejects with InvalidRequest at once and sends nothing", async () => {
    const paid = fake.store.createReceipt({ price: 1000 })
    await bootpay.receipt.lookup(paid.receipt_id)
    const sent = fake.store.requests.length
    await bootpay.dispose()
    const unhandled = await unhandledDuring(async () => {
      const calls: Array<[string, () => unknown]> = [
        ["Receipt.lookup", () => bootpay.receipt.lookup(paid.receipt_id)],
        ["Receipt.cancel", () => bootpay.receipt.cancel({ receipt_id: paid.receipt_id })],
        ["Reconcile.outcome", () => bootpay.reconcile(outcomeUnknown(paid.receipt_id))],
        ["Receipt.lookup", () => bootpay.receipt.lookup(paid.receipt_id, { signal: {} as AbortSignal })]
      ]
      for (const [operation, call] of calls) {
        const error = await rejection(asPromise(call))
        expect(error).toBeInstanceOf(BootpayError.InvalidRequest)
        expect(error).toMatchObject({ operation })
        expect(error.message).toMatch(/disposed/)
        expect(error.isRetryable).toBe(false)
      }
    })
    expect(unhandled).toEqual([])
    expect(fake.store.requests).toHaveLength(sent)
    expect(fake.store.getReceipt(paid.receipt_id)!.cancelled_price ?? 0).toBe(0)
  })

  it("a client disposed before its first call refuses too, and dispose() can be called again", async () => {
    const unused = Bootpay.make({ baseUrl: fake.url, clientKey: "test", secretKey: "test" })
    await unused.dispose()
    expect(await rejection(unused.receipt.lookup("r"))).toBeInstanceOf(BootpayError.InvalidRequest)
    await expect(unused.dispose()).resolves.toBeUndefined()
    expect(fake.store.requests).toEqual([])
  })
})

describe("aborting and disposing", () => {
  /** A server that never answers, recording when each request's connection closes. */
  const silentServer = async (answer?: (response: Http.ServerResponse) => void) => {
    const closed: Array<string> = []
    const server = Http.createServer((request, response) => {
      request.on("close", () => closed.push(request.url ?? ""))
      answer?.(response)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}/v2`,
      closed,
      connections: () =>
        new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count))),
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        })
    }
  }

  it("aborting the signal rejects with its reason and aborts the HTTP request", async () => {
    const server = await silentServer()
    const client = Bootpay.make({ baseUrl: server.url, clientKey: "k", secretKey: "s" })
    try {
      const controller = new AbortController()
      const pending = client.receipt.lookup("r-1", { signal: controller.signal })
      await new Promise((resolve) => setTimeout(resolve, 100))
      controller.abort(new Error("caller gave up"))
      await expect(pending).rejects.toThrow("caller gave up")
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(server.closed).toEqual(["/v2/receipt/r-1"])
    } finally {
      await client.dispose()
      await server.close()
    }
  })

  it("a signal aborted before the call rejects with its reason and sends nothing", async () => {
    const requested: Array<string> = []
    const server = await silentServer((response) => {
      requested.push("request")
      response.end()
    })
    const client = Bootpay.make({ baseUrl: server.url, clientKey: "k", secretKey: "s" })
    try {
      const controller = new AbortController()
      controller.abort(new Error("already cancelled"))
      await expect(client.receipt.lookup("r-1", { signal: controller.signal })).rejects.toThrow(
        "already cancelled"
      )
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(requested).toEqual([])
    } finally {
      await client.dispose()
      await server.close()
    }
  })

  it("a call refused before sending leaves no listener on the caller's signal", async () => {
    const server = await silentServer()
    const client = Bootpay.make({ baseUrl: server.url, clientKey: "k", secretKey: "s" })
    try {
      const controller = new AbortController()
      const listeners: Array<string> = []
      const add = controller.signal.addEventListener.bind(controller.signal)
      controller.signal.addEventListener = ((type: string, listener: never, options: never) => {
        listeners.push(type)
        add(type, listener, options)
      }) as typeof controller.signal.addEventListener
      // Warm the runtime so the refusal below happens synchronously inside the call.
      await client.receipt.lookup("", { signal: controller.signal }).catch(() => undefined)
      listeners.length = 0
      const error = await client.receipt.lookup("", { signal: controller.signal }).catch((e) => e)
      expect(error).toMatchObject({ _tag: "InvalidRequest" })
      expect(listeners).toEqual([])
      expect(server.closed).toEqual([])
    } finally {
      await client.dispose()
      await server.close()
    }
  })

  it("dispose() fails a call in flight with the SDK's error instead of leaving it pending", async () => {
    const server = await silentServer()
    const client = Bootpay.make({ baseUrl: server.url, clientKey: "k", secretKey: "s" })
    try {
      const pending = client.receipt.lookup("r-1")
      await new Promise((resolve) => setTimeout(resolve, 100))
      await client.dispose()
      const error = await rejection(pending)
      expect(BootpayError.isBootpayError(error)).toBe(true)
      expect(error).toMatchObject({ operation: "Receipt.lookup" })
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(server.closed).toEqual(["/v2/receipt/r-1"])
    } finally {
      await server.close()
    }
  })

  it("dispose() closes the keep-alive connections", async () => {
    const server = await silentServer((response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify({ receipt_id: "r-1", status: 1 }))
    })
    const client = Bootpay.make({ baseUrl: server.url, clientKey: "k", secretKey: "s" })
    try {
      await client.receipt.lookup("r-1")
      expect(await server.connections()).toBe(1)
      await client.dispose()
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await server.connections()).toBe(0)
      await expect(client.receipt.lookup("r-1")).rejects.toBeInstanceOf(BootpayError.InvalidRequest)
    } finally {
      await server.close()
    }
  })
})
