/**
 * Wire details a client other than this SDK meets (the official SDKs send numbers for ids and `Z`
 * times): numeric ids are refused, never stored as `""`; `reserve_execute_at` comes back in Korea
 * time; a reservation has every field of the contract's section 3.7.
 */
import { FakeServer } from "@effect-bootpay/testing"
import { afterEach, describe, expect, it } from "vitest"

const open: Array<FakeServer.FakeServer> = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()))
})

const post = async (fake: FakeServer.FakeServer, path: string, body: unknown) => {
  const response = await fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from("test:test").toString("base64")}`
    },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const start = async () => {
  const fake = await FakeServer.start({ now: Date.parse("2026-01-15T12:00:00+09:00") })
  open.push(fake)
  return fake
}

describe("fidelity for other clients", () => {
  it("a numeric order_id, subscription_id or cancel_id is refused with INVALID_PARAMETER, nothing stored", async () => {
    const fake = await start()
    const key = fake.store.createBillingKey()
    const charge = { billing_key: key.billing_key, order_name: "구독", price: 1000 }
    const cases: ReadonlyArray<[string, unknown, string]> = [
      ["/subscribe/payment", { ...charge, order_id: 12345 }, "order_id"],
      [
        "/subscribe/payment/reserve",
        { ...charge, order_id: 12345, reserve_execute_at: "2026-02-01T00:00:00Z" },
        "order_id"
      ],
      [
        "/request/subscribe",
        {
          pg: "nicepay",
          order_name: "구독",
          subscription_id: 777,
          card_no: "4111111111111111",
          card_pw: "12",
          card_identity_no: "900101",
          card_expire_year: "30",
          card_expire_month: "12"
        },
        "subscription_id"
      ],
      [
        "/request/subscribe/automatic-transfer",
        {
          pg: "nicepay",
          order_name: "구독",
          subscription_id: 777,
          username: "홍길동",
          bank_name: "국민",
          bank_account: "12345678901234",
          identity_no: "900101"
        },
        "subscription_id"
      ]
    ]
    for (const [path, body, field] of cases) {
      const answer = await post(fake, path, body)
      expect(answer.status, path).toBe(400)
      expect(answer.body, path).toMatchObject({ error_code: "INVALID_PARAMETER" })
      expect(String(answer.body.message), path).toContain(field)
    }
    const paid = fake.store.createReceipt({ price: 1000 })
    const cancel = await post(fake, "/cancel", {
      receipt_id: paid.receipt_id,
      cancel_price: 100,
      cancel_id: 1
    })
    expect(cancel.body.error_code).toBe("INVALID_PARAMETER")
    expect(fake.store.getReceipt(paid.receipt_id)!.cancelled_price).toBe(0)
    expect(fake.store.receipts.size).toBe(1)
    expect(fake.store.reservations.size + fake.store.billing.transferRequests.length).toBe(0)
  })

  it("reserve_execute_at sent in UTC comes back in +09:00, and the reservation has every field of 3.7", async () => {
    const fake = await start()
    const key = fake.store.createBillingKey()
    const reserved = await post(fake, "/subscribe/payment/reserve", {
      billing_key: key.billing_key,
      order_name: "구독",
      price: 1000,
      order_id: "o-1",
      reserve_execute_at: "2026-02-01T00:30:00.000Z",
      user: { id: "member-1" }
    })
    expect(reserved.body.reserve_execute_at).toBe("2026-02-01T09:30:00+09:00")
    const response = await fetch(`${fake.url}/subscribe/payment/reserve/${reserved.body.reserve_id}`, {
      headers: { authorization: `Basic ${Buffer.from("test:test").toString("base64")}` }
    })
    const reservation = (await response.json()) as Record<string, unknown>
    const fields = [
      "reserve_id",
      "receipt_id",
      "order_id",
      "price",
      "tax_free",
      "order_name",
      "user",
      "feedback_url",
      "metadata",
      "content_type",
      "version",
      "extra",
      "reserve_requested_at",
      "reserve_execute_at",
      "reserve_started_at",
      "reserve_finished_at",
      "reserve_revoked_at",
      "status",
      "billing_key",
      "items",
      "card_quota"
    ]
    for (const field of fields) expect(reservation, field).toHaveProperty(field)
    expect(reservation).toMatchObject({
      reserve_execute_at: "2026-02-01T09:30:00+09:00",
      reserve_requested_at: "2026-01-15T12:00:00+09:00",
      user: { id: "member-1" },
      feedback_url: null,
      receipt_id: null
    })
    fake.store.advance("30 days")
    const ran = fake.store.reservations.get(String(reserved.body.reserve_id))!
    expect(ran.reserve_started_at).toBe("2026-02-01T09:30:00+09:00")
  })
})
