/**
 * The control API (`/__fake`), call by call over real loopback HTTP with `fetch` only, as a test in
 * another language would drive it: each call's effect on Bootpay's own API, and each call's refusal of
 * bad input with every problem listed.
 */
import { readFileSync } from "node:fs"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { FakeBootpay, FakeServer, Fixtures } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import { afterEach, describe, expect, it } from "vitest"
import * as Control from "../src/internal/control.js"

type Json = Record<string, unknown>

const open: Array<() => Promise<void>> = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
})

const basic = `Basic ${Buffer.from("test:test").toString("base64")}`

/** A fake server and two clients: `control` for `/__fake`, `api` for Bootpay's `/v2`. */
const start = async (options: FakeServer.Options = {}) => {
  const fake = await FakeServer.start(options)
  open.push(() => fake.close())
  const send = async (url: string, method: string, body?: unknown, headers: Json = {}) => {
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json", ...(headers as Record<string, string>) },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
  }
  return {
    fake,
    store: fake.store,
    control: (method: string, path: string, body?: unknown) =>
      send(`${fake.controlUrl}${path}`, method, body),
    api: (method: string, path: string, body?: unknown, headers: Json = { authorization: basic }) =>
      send(`${fake.url}${path}`, method, body, headers)
  }
}

/** A loopback webhook receiver answering `{"success": true}`. */
const receiver = async () => {
  const received: Array<Json> = []
  const server = Http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json)
      response.writeHead(200, { "content-type": "application/json" })
      response.end('{"success":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }
}

const until = async (condition: () => Promise<boolean>, millis = 5_000) => {
  const deadline = Date.now() + millis
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time")
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const paths = (problems: ReadonlyArray<{ path: string }>) => problems.map((problem) => problem.path).sort()

describe("control API: receipts", () => {
  it("creates a receipt awaiting confirm that Bootpay's confirm then pays", async () => {
    const { control, api } = await start()
    const created = await control("POST", "/receipts", { status: 2, price: 10_000, order_id: "order-7" })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      status: 2,
      price: 10_000,
      order_id: "order-7",
      method_symbol: "card"
    })
    expect(created.body.purchased_at).toBeUndefined()
    const confirmed = await api("POST", "/confirm", { receipt_id: created.body.receipt_id })
    expect(confirmed.body).toMatchObject({ status: 1, status_locale: "결제완료" })
    const byOrder = await api("GET", "/lookup/order/order-7")
    expect(byOrder.body).toHaveLength(1)
  })

  it("creates paid receipts of each method, a virtual account issued by default for vbank", async () => {
    const { control } = await start()
    const card = (await control("POST", "/receipts", {})).body
    expect(card).toMatchObject({
      status: 1,
      method_symbol: "card",
      card_data: { card_no: "94352017****6169" }
    })
    const phone = (await control("POST", "/receipts", { method_symbol: "phone" })).body
    expect(phone).toMatchObject({ status: 1, phone_data: { phone: "010****5678" } })
    const bank = (await control("POST", "/receipts", { method_symbol: "bank", price: 5000 })).body
    expect(bank).toMatchObject({ status: 1, method: "계좌이체", bank_data: { bank_name: "국민" } })
    const vbank = (await control("POST", "/receipts", { method_symbol: "vbank" })).body
    expect(vbank).toMatchObject({
      status: 5,
      status_locale: "가상계좌발급완료",
      vbank_data: { bank_code: "004" }
    })
  })

  it("a phone payment purchased last month cannot be cancelled; a cash receipt goes on a bank transfer", async () => {
    const { control, api } = await start({ now: Date.parse("2026-02-10T12:00:00+09:00") })
    const phone = (
      await control("POST", "/receipts", {
        method_symbol: "phone",
        purchased_at: "2026-01-20T10:00:00+09:00"
      })
    ).body
    expect(phone.purchased_at).toBe("2026-01-20T10:00:00+09:00")
    const refused = await api("POST", "/cancel", { receipt_id: phone.receipt_id })
    expect(refused).toMatchObject({ status: 400, body: { error_code: "RC_CANCEL_SERVER_ERROR" } })
    const bank = (await control("POST", "/receipts", { method_symbol: "bank" })).body
    const cash = await api("POST", "/request/receipt/cash/publish", {
      receipt_id: bank.receipt_id,
      identity_no: "01012345678",
      cash_receipt_type: "소득공제"
    })
    expect(cash.status).toBe(200)
    expect(cash.body.cash_receipt_data).toMatchObject({ cash_receipt_type: 1, cancelled_at: null })
  })

  it("takes purchased_at as epoch milliseconds too, and further fields as given", async () => {
    const { control } = await start()
    const at = Date.parse("2026-03-01T00:00:00Z")
    const created = (
      await control("POST", "/receipts", {
        purchased_at: at,
        metadata: { cart: 3 },
        fields: { pg: "KCP", x: 1 }
      })
    ).body
    expect(created).toMatchObject({
      purchased_at: "2026-03-01T09:00:00+09:00",
      metadata: { cart: 3 },
      pg: "KCP",
      x: 1
    })
  })

  it("refuses bad input listing every problem, and a receipt id already used", async () => {
    const { control, store } = await start()
    const refused = await control("POST", "/receipts", {
      status: 3,
      price: "x",
      tax_free: -1,
      purchased_at: "2026-01-15",
      colour: "red"
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error_code).toBe("FAKE_INVALID_INPUT")
    expect(paths(refused.body.problems)).toEqual(["colour", "price", "purchased_at", "status", "tax_free"])
    expect(refused.body.message).toContain("status: Expected 0 or 1 or 2 or 5, actual 3")
    const over = await control("POST", "/receipts", { price: 1000, tax_free: 2000 })
    expect(over.body.problems).toEqual([{ path: "tax_free", message: "tax_free cannot exceed price" }])
    const notJson = await control("POST", "/receipts", "{nope")
    expect(notJson.body.problems).toEqual([{ path: "", message: "the body is not JSON" }])
    expect(store.receipts.size).toBe(0)
    await control("POST", "/receipts", { receipt_id: "r-1" })
    const twice = await control("POST", "/receipts", { receipt_id: "r-1" })
    expect(twice).toMatchObject({ status: 409, body: { error_code: "FAKE_CONFLICT" } })
  })
})

describe("control API: keys, consent, verification code, tokens", () => {
  it("creates card and bank billing keys that Bootpay's charge accepts", async () => {
    const { control, api } = await start()
    const card = (await control("POST", "/billing-keys", { subscription_id: "sub-9" })).body
    expect(card).toMatchObject({ subscription_id: "sub-9", method_symbol: "card_rebill", status: 11 })
    const bank = (await control("POST", "/billing-keys", { method: "bank" })).body
    expect(bank).toMatchObject({
      method_symbol: "automatic_transfer_rest",
      billing_data: { bank_code: "004" }
    })
    for (const key of [card, bank]) {
      const paid = await api(
        "POST",
        "/subscribe/payment",
        Fixtures.charge(key.billing_key, { order_id: `o-${key.billing_key}` })
      )
      expect(paid.body).toMatchObject({ status: 1, method_symbol: key.method_symbol })
    }
    expect((await control("POST", "/billing-keys", { method: "paypal" })).body.problems[0].path).toBe(
      "method"
    )
  })

  it("completes a bank-transfer consent, after which the key can be published", async () => {
    const { control, api } = await start()
    const requested = (await api("POST", "/request/subscribe/automatic-transfer", Fixtures.bankTransfer()))
      .body
    expect(requested.status).toBe(41)
    const early = await api("POST", "/request/subscribe/automatic-transfer/publish", {
      receipt_id: requested.receipt_id
    })
    expect(early.body.error_code).toBe("SUBSCRIBE_REQUEST_FAILED")
    const listed = (await control("GET", `/transfer-requests/${requested.receipt_id}`)).body
    expect(listed).toMatchObject({ consented: false, billing_key: null })
    const consent = await control("POST", `/transfer-requests/${requested.receipt_id}/consent`)
    expect(consent.body).toMatchObject({ receipt_id: requested.receipt_id, consented: true })
    const published = await api("POST", "/request/subscribe/automatic-transfer/publish", {
      receipt_id: requested.receipt_id
    })
    expect(published.body).toMatchObject({ status: 11, billing_data: { bank_account: "123********234" } })
    expect((await control("POST", "/transfer-requests/nope/consent")).status).toBe(404)
    expect(
      (await control("POST", `/transfer-requests/${requested.receipt_id}/consent`, { now: true })).status
    ).toBe(400)
  })

  it("reads and sets the SMS code identity verifications expect (000000 by default)", async () => {
    const { control, api } = await start()
    expect((await control("GET", "/otp")).body).toEqual({ otp: "000000" })
    expect((await control("PUT", "/otp", { otp: "12a" })).body.problems).toEqual([
      { path: "otp", message: "expected 4 to 8 digits" }
    ])
    expect((await control("PUT", "/otp", { otp: "482913" })).body).toEqual({ otp: "482913" })
    const request = {
      pg: "다날",
      method: "본인인증",
      authentication_id: "auth-1",
      order_name: "본인인증",
      username: "홍길동",
      identity_no: "9001011",
      carrier: "SKT",
      phone: "01012345678",
      client_ip: "127.0.0.1"
    }
    const started = (await api("POST", "/request/authentication", request)).body
    const wrong = await api("POST", "/authenticate/confirm", {
      receipt_id: started.receipt_id,
      otp: "000000"
    })
    expect(wrong.body.error_code).toBe("AUTH_OTP_INVALID")
    const right = await api("POST", "/authenticate/confirm", {
      receipt_id: started.receipt_id,
      otp: "482913"
    })
    expect(right.body).toMatchObject({ status: 12 })
    expect((await control("GET", `/certificates/${started.receipt_id}`)).body.status).toBe(12)
  })

  it("the same token comes back within 25 minutes, a new one after; expiring them all forces a new one", async () => {
    const { control, api } = await start()
    const token = async () =>
      (await api("POST", "/request/token", { application_id: "test", private_key: "test" }, {})).body
    const first = await token()
    expect(first.expire_in).toBe(1800)
    await control("POST", "/clock/advance", { by: "10 minutes" })
    const again = await token()
    expect(again).toEqual({ access_token: first.access_token, expire_in: 1200 })
    await control("POST", "/clock/advance", { by: "16 minutes" })
    const fresh = await token()
    expect(fresh.access_token).not.toBe(first.access_token)
    expect(
      (await api("GET", "/receipt/x", undefined, { authorization: `Bearer ${fresh.access_token}` })).status
    ).toBe(404)
    expect((await control("POST", "/tokens/expire")).body).toEqual({ expired: true })
    expect(
      (await api("GET", "/receipt/x", undefined, { authorization: `Bearer ${fresh.access_token}` })).body
        .error_code
    ).toBe("TOKEN_KEY_INVALID")
    expect((await token()).access_token).not.toBe(fresh.access_token)
    const tokens = (await control("GET", "/tokens")).body as Array<Json>
    expect(tokens.map((entry) => entry.expired)).toEqual([false])
  })
})

describe("control API: objects and requests", () => {
  it("reads every kind of object, listed and by id, and answers 404 for an unknown id", async () => {
    const { control, api, store } = await start()
    const receipt = store.createReceipt()
    const key = store.createBillingKey()
    const reservation = (
      await api("POST", "/subscribe/payment/reserve", {
        ...Fixtures.charge(key.billing_key),
        reserve_execute_at: new Date(store.now + 3_600_000).toISOString()
      })
    ).body
    await api("POST", "/request/user/token", { user_id: "member-1", phone: "01012345678" })
    const ids: Record<string, string> = {
      receipts: receipt.receipt_id,
      "billing-keys": key.billing_key,
      reservations: reservation.reserve_id
    }
    for (const [kind, id] of Object.entries(ids)) {
      const list = (await control("GET", `/${kind}`)).body as Array<Json>
      expect(list.length, kind).toBeGreaterThan(0)
      const one = await control("GET", `/${kind}/${id}`)
      expect(one.status, kind).toBe(200)
      expect(Object.values(one.body)).toContain(id)
      expect((await control("GET", `/${kind}/nope`)).body.error_code, kind).toBe("FAKE_NOT_FOUND")
    }
    const userTokens = (await control("GET", "/user-tokens")).body as Array<Json>
    expect(userTokens).toMatchObject([{ user_id: "member-1", phone: "010****5678" }])
    for (const kind of Object.keys(Control.kinds))
      expect((await control("GET", `/${kind}`)).status, kind).toBe(200)
  })

  it("lists the requests received, filtered by operation and index; control calls are not among them", async () => {
    const { control, api } = await start()
    const paid = (await control("POST", "/receipts", {})).body
    await api("GET", `/receipt/${paid.receipt_id}`)
    await api("POST", "/cancel", { receipt_id: paid.receipt_id, cancel_price: 100 })
    const all = (await control("GET", "/requests")).body as Array<Json>
    expect(all.map((request) => [request.index, request.operation])).toEqual([
      [0, "Receipt.lookup"],
      [1, "Receipt.cancel"]
    ])
    expect(all[0]!.headers).not.toHaveProperty("authorization")
    expect(
      ((await control("GET", "/requests?operation=Receipt.cancel")).body as Array<Json>).map((r) => r.index)
    ).toEqual([1])
    expect(((await control("GET", "/requests?since=1")).body as Array<Json>).map((r) => r.index)).toEqual([1])
    const bad = await control("GET", "/requests?since=soon&colour=red")
    expect(paths(bad.body.problems)).toEqual(["query.colour", "query.since"])
    expect((await control("DELETE", "/requests")).body).toEqual({ cleared: true })
    expect((await control("GET", "/requests")).body).toEqual([])
  })
})

describe("control API: webhooks", () => {
  it("sets the target, delivers each state change with its attempts visible, and sends on demand", async () => {
    const target = await receiver()
    const { control, api } = await start()
    expect((await control("GET", "/webhook")).body).toMatchObject({ url: null, format: "json", attempts: 10 })
    const set = await control("PUT", "/webhook", { url: target.url, interval_millis: 5 })
    expect(set.body).toMatchObject({ url: target.url, interval_millis: 5, attempts: 10 })
    const pending = (await control("POST", "/receipts", { status: 2, price: 9000 })).body
    await api("POST", "/confirm", { receipt_id: pending.receipt_id })
    await until(async () => target.received.length === 1)
    const sent = await control("POST", "/webhook/deliveries", {
      receipt_id: pending.receipt_id,
      webhook_type: "PAYMENT_CONFIRM_FAILED"
    })
    expect(sent).toMatchObject({ status: 202, body: { id: 2, webhookType: "PAYMENT_CONFIRM_FAILED" } })
    await until(async () => target.received.length === 2)
    const deliveries = (await control("GET", "/webhook/deliveries")).body as Array<Json>
    await until(async () =>
      ((await control("GET", "/webhook/deliveries")).body as Array<Json>).every(
        (d) => d.status === "succeeded"
      )
    )
    expect(deliveries.map((delivery) => delivery.webhookType)).toEqual([
      "PAYMENT_COMPLETED",
      "PAYMENT_CONFIRM_FAILED"
    ])
    expect(target.received.map((body) => [body.webhook_type, body.receipt_id])).toEqual([
      ["PAYMENT_COMPLETED", pending.receipt_id],
      ["PAYMENT_CONFIRM_FAILED", pending.receipt_id]
    ])
  })

  it("refuses a non-loopback target, a missing receipt, and a delivery with no target set", async () => {
    const { control, store } = await start()
    const outside = await control("PUT", "/webhook", { url: "https://example.com/hook", format: "xml" })
    expect(paths(outside.body.problems)).toEqual(["format"])
    const remote = await control("PUT", "/webhook", { url: "https://example.com/hook" })
    expect(remote.body.problems[0]).toMatchObject({ path: "url" })
    expect(store.webhooks.url).toBeUndefined()
    const paid = store.createReceipt()
    expect((await control("POST", "/webhook/deliveries", { receipt_id: paid.receipt_id })).status).toBe(409)
    expect((await control("POST", "/webhook/deliveries", { receipt_id: "nope" })).status).toBe(404)
    expect((await control("POST", "/webhook/deliveries", {})).body.problems).toEqual([
      { path: "receipt_id", message: "is missing" }
    ])
  })
})

describe("control API: faults", () => {
  it("decline and respond answer instead of the call, a given number of times, and nothing changes", async () => {
    const { control, api, store } = await start()
    const paid = store.createReceipt({ price: 1000 })
    await control("POST", "/faults", {
      type: "decline",
      error_code: "RC_CANCEL_SERVER_ERROR",
      pg_error_code: "2011",
      message: "거절",
      operation: "Receipt.cancel"
    })
    await control("POST", "/faults", {
      type: "respond",
      status: 503,
      body: { error_code: "MAINTENANCE" },
      operation: "Receipt.lookup",
      times: 2
    })
    expect((await control("GET", "/faults")).body).toEqual([
      {
        type: "decline",
        error_code: "RC_CANCEL_SERVER_ERROR",
        pg_error_code: "2011",
        message: "거절",
        operation: "Receipt.cancel",
        remaining: 1
      },
      {
        type: "respond",
        status: 503,
        body: { error_code: "MAINTENANCE" },
        headers: {},
        operation: "Receipt.lookup",
        remaining: 2
      }
    ])
    const declined = await api("POST", "/cancel", { receipt_id: paid.receipt_id })
    expect(declined).toEqual({
      status: 400,
      body: { error_code: "RC_CANCEL_SERVER_ERROR", message: "거절", pg_error_code: "2011" }
    })
    expect(store.getReceipt(paid.receipt_id)!.status).toBe(1)
    for (const _ of [1, 2]) expect((await api("GET", `/receipt/${paid.receipt_id}`)).status).toBe(503)
    expect((await api("GET", `/receipt/${paid.receipt_id}`)).status).toBe(200)
    expect((await control("GET", "/faults")).body).toEqual([])
  })

  it("drop before changes nothing, drop after applies the change; both reset the connection", async () => {
    const { control, api, store } = await start()
    const first = store.createReceipt({ status: 2 })
    await control("POST", "/faults", { type: "drop_before", operation: "Receipt.confirm" })
    await expect(api("POST", "/confirm", { receipt_id: first.receipt_id })).rejects.toThrow()
    expect(store.getReceipt(first.receipt_id)!.status).toBe(2)
    await control("POST", "/faults", { type: "drop_after", operation: "Receipt.confirm" })
    await expect(api("POST", "/confirm", { receipt_id: first.receipt_id })).rejects.toThrow()
    expect(store.getReceipt(first.receipt_id)!.status).toBe(1)
  })

  it("latency delays the answer; clearing drops faults not used; bad faults list every problem", async () => {
    const { control, api, store } = await start()
    const paid = store.createReceipt()
    await control("POST", "/faults", { type: "latency", duration: "300 millis", operation: "Receipt.lookup" })
    const started = Date.now()
    expect((await api("GET", `/receipt/${paid.receipt_id}`)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    await control("POST", "/faults", { type: "drop_before" })
    expect((await control("DELETE", "/faults")).body).toEqual({ pending: 0 })
    expect((await api("GET", `/receipt/${paid.receipt_id}`)).status).toBe(200)
    const bad = await control("POST", "/faults", { type: "decline", operation: "Receipt.nope", times: 0 })
    expect(paths(bad.body.problems)).toEqual(["error_code", "operation", "times"])
    expect(bad.body.message).toContain('unknown operation "Receipt.nope"; one of AccessToken.issue')
    const unknownType = await control("POST", "/faults", { type: "explode" })
    expect(unknownType.body.problems[0].path).toBe("type")
    const badLatency = await control("POST", "/faults", { type: "latency", duration: "soon" })
    expect(badLatency.body.problems[0]).toMatchObject({ path: "duration" })
    expect(store.pendingFaults).toHaveLength(0)
  })
})

describe("control API: clock", () => {
  it("a wall clock runs; freeze stops it, set and advance move it, resume lets it run again", async () => {
    const { control } = await start({ clock: "wall" })
    const live = (await control("GET", "/clock")).body
    expect(live.frozen).toBe(false)
    expect(Math.abs(live.now - Date.now())).toBeLessThan(5_000)
    const frozen = (await control("POST", "/clock/freeze", { at: "2026-05-01T09:00:00+09:00" })).body
    expect(frozen).toEqual({
      now: Date.parse("2026-05-01T00:00:00Z"),
      iso: "2026-05-01T09:00:00+09:00",
      frozen: true
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect((await control("GET", "/clock")).body.now).toBe(frozen.now)
    expect((await control("POST", "/clock/advance", { by: "1 hour" })).body.iso).toBe(
      "2026-05-01T10:00:00+09:00"
    )
    expect((await control("POST", "/clock/advance", { by: 1500 })).body.now).toBe(frozen.now + 3_601_500)
    expect((await control("POST", "/clock/set", { to: 0 })).body.now).toBe(0)
    const resumed = (await control("POST", "/clock/resume")).body
    expect(resumed.frozen).toBe(false)
    const bad = await control("POST", "/clock/set", { to: "tomorrow" })
    expect(bad.body.problems[0]).toMatchObject({ path: "to" })
    expect(paths((await control("POST", "/clock/advance", { by: -5, extra: 1 })).body.problems)).toEqual([
      "by",
      "extra"
    ])
  })

  it("a due reservation runs on the wall clock without any request; advancing runs one at once", async () => {
    const { control, api, store } = await start({ clock: "wall" })
    const key = store.createBillingKey()
    const soon = (
      await api("POST", "/subscribe/payment/reserve", {
        ...Fixtures.charge(key.billing_key, { order_id: "soon" }),
        reserve_execute_at: new Date(Date.now() + 1_200).toISOString()
      })
    ).body
    expect(soon.reserve_execute_at).toMatch(/\+09:00$/)
    const later = (
      await api("POST", "/subscribe/payment/reserve", {
        ...Fixtures.charge(key.billing_key, { order_id: "later" }),
        reserve_execute_at: new Date(Date.now() + 86_400_000).toISOString()
      })
    ).body
    await until(async () => (await control("GET", `/reservations/${soon.reserve_id}`)).body.status === 1)
    expect((await control("GET", `/reservations/${later.reserve_id}`)).body.status).toBe(0)
    await control("POST", "/clock/advance", { by: "2 days" })
    const ran = (await control("GET", `/reservations/${later.reserve_id}`)).body
    expect(ran.status).toBe(1)
    expect((await control("GET", `/receipts/${ran.receipt_id}`)).body).toMatchObject({
      order_id: "later",
      status: 1
    })
    const past = await api("POST", "/subscribe/payment/reserve", {
      ...Fixtures.charge(key.billing_key, { order_id: "past" }),
      reserve_execute_at: new Date(Date.now() - 60_000).toISOString()
    })
    expect(past.body.error_code).toBe("RESERVE_EXECUTE_AT_INVALID")
  })

  it("verifications expire with the clock", async () => {
    const { control, api } = await start()
    const started = (
      await api("POST", "/request/authentication", {
        pg: "다날",
        method: "본인인증",
        authentication_id: "auth-9",
        order_name: "본인인증",
        username: "홍길동",
        identity_no: "9001011",
        carrier: "SKT",
        phone: "01012345678",
        client_ip: "127.0.0.1"
      })
    ).body
    await control("POST", "/clock/advance", { by: "31 minutes" })
    const late = await api("POST", "/authenticate/confirm", { receipt_id: started.receipt_id, otp: "000000" })
    expect(late.body.error_code).toBe("AUTH_EXPIRED")
  })
})

describe("control API: reset, routing, documents", () => {
  it("reset forgets state but keeps the webhook target and the clock", async () => {
    const target = await receiver()
    const { control, store } = await start({ webhookUrl: target.url })
    await control("POST", "/clock/advance", { by: "1 day" })
    const before = (await control("GET", "/clock")).body.now
    store.createReceipt({ status: 2 })
    store.createBillingKey()
    store.inject({ _tag: "DropBefore" })
    expect((await control("POST", "/reset", { everything: true })).status).toBe(400)
    expect((await control("POST", "/reset")).body).toEqual({ reset: true })
    expect(
      store.receipts.size + store.billingKeys.size + store.pendingFaults.length + store.requests.length
    ).toBe(0)
    expect((await control("GET", "/clock")).body.now).toBe(before)
    expect(store.webhooks.url).toBe(target.url)
    expect((await control("POST", "/receipts", {})).body.receipt_id).toBe("000000000000006100000001")
  })

  it("an unknown call is 404 and a known path with the wrong method 405; Bootpay's paths are untouched", async () => {
    const { control, fake } = await start()
    expect((await control("GET", "/nope")).body.error_code).toBe("FAKE_NOT_FOUND")
    expect((await control("DELETE", "/receipts")).status).toBe(405)
    expect((await fetch(`${fake.url}/__fake/clock`)).status).toBe(404)
    // The Commerce API answers under /v1: without its Basic keys a 401, with them the member list.
    const commerce = await fetch(`${fake.commerceUrl}/users`)
    expect(commerce.status).toBe(401)
    expect(await commerce.json()).toMatchObject({ success: false })
    const listed = await fetch(`${fake.commerceUrl}/users`, {
      headers: { authorization: `Basic ${btoa("test:test")}` }
    })
    expect(await listed.json()).toEqual({ success: true, data: { items: [], total: 0 } })
    expect(fake.commerceUrl).toBe(fake.url.replace(/\/v2$/, "/v1"))
  })

  it("serves an OpenAPI document of every call, and CONTROL-API.md lists every call", async () => {
    const { control } = await start()
    const document = (await control("GET", "/openapi.json")).body
    const operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)
    )
    expect(operations.sort()).toEqual(
      Control.routes.map((route) => `${route.method} /__fake${route.path}`).sort()
    )
    expect(
      document.paths["/__fake/receipts"].post.requestBody.content["application/json"].schema.properties.status
    ).toMatchObject({
      enum: [0, 1, 2, 5]
    })
    const doc = readFileSync(fileURLToPath(new URL("../CONTROL-API.md", import.meta.url)), "utf8").replace(
      / +/g,
      " "
    )
    for (const route of Control.routes) {
      expect(doc, `${route.method} ${route.path}`).toContain(`| ${route.method} | \`/__fake${route.path}\``)
    }
  })

  it("the layer's in-memory client answers the control and Commerce paths too", async () => {
    const program = Effect.gen(function* () {
      const store = yield* FakeBootpay.Store
      const client = FakeBootpay.httpClient(store)
      const created = yield* client.post(`${FakeBootpay.controlBaseUrl}/receipts`)
      const clock = yield* client.get(`${FakeBootpay.controlBaseUrl}/clock`)
      const commerce = yield* client.get(`${FakeBootpay.commerceBaseUrl}/users`)
      return {
        created: created.status,
        receipts: store.receipts.size,
        clock: (yield* clock.json) as Json,
        commerce: commerce.status
      }
    })
    const result = await Effect.runPromise(program.pipe(Effect.provide(FakeBootpay.layer())))
    expect(result).toMatchObject({ created: 201, receipts: 1, commerce: 401, clock: { frozen: true } })
  })
})
