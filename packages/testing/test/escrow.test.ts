import { kstIso } from "@effect-bootpay/testing"
import { describe, expect, it } from "vitest"
import { tagOf, targets, value, withTarget } from "./utils/targets.js"

describe.each(targets)("escrow contract: $name", ({ start }) => {
  it("starts shipping a paid receipt: escrow_data shows the start time and the waybill", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt({ pg: "이니시스", price: 50_000 })
      const shipped = value(
        await call("escrow", "startShipping", {
          receipt_id: paid.receipt_id,
          tracking_number: "631234567890",
          delivery_corp: "CJ대한통운"
        })
      )
      expect(shipped).toMatchObject({ receipt_id: paid.receipt_id, status: 1, price: 50_000 })
      // The layer's store takes its time from the Effect clock at each request.
      const startedAt = kstIso(store.now)
      expect(shipped.escrow_data).toEqual({
        status: 1,
        status_locale: "배송중",
        shipping_started_at: startedAt,
        receipt_confirmed_at: null,
        tracking_number: "631234567890",
        delivery_corp: "CJ대한통운"
      })
      expect(store.getReceipt(paid.receipt_id)?.escrow_data).toEqual(shipped.escrow_data)
      const [request] = store.requestsFor("Escrow.startShipping")
      expect(request).toMatchObject({
        method: "PUT",
        path: `/escrow/shipping/start/${paid.receipt_id}`,
        body: { receipt_id: paid.receipt_id, tracking_number: "631234567890" }
      })
    }))

  it("reporting again updates the waybill and keeps the first start time", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt()
      const input = { receipt_id: paid.receipt_id, tracking_number: "111", delivery_corp: "한진" }
      const first = value(await call("escrow", "startShipping", input))
      store.advance("2 hours")
      const second = value(
        await call("escrow", "startShipping", { ...input, tracking_number: "222", delivery_corp: "롯데" })
      )
      expect(second.escrow_data).toMatchObject({
        shipping_started_at: (first.escrow_data as { shipping_started_at: string }).shipping_started_at,
        tracking_number: "222",
        delivery_corp: "롯데"
      })
    }))

  it("shipping on an unknown receipt is NotFound and creates nothing", () =>
    withTarget(start, async ({ store, call }) => {
      expect(
        tagOf(
          await call("escrow", "startShipping", {
            receipt_id: "nope",
            tracking_number: "1",
            delivery_corp: "한진"
          })
        )
      ).toBe("NotFound")
      expect(store.receipts.size).toBe(0)
    }))

  it("refuses a receipt that is not paid and leaves it unchanged", () =>
    withTarget(start, async ({ store, call }) => {
      const cancelled = store.createReceipt({ status: 20, cancelled_price: 1000 })
      const outcome = await call("escrow", "startShipping", {
        receipt_id: cancelled.receipt_id,
        tracking_number: "1",
        delivery_corp: "한진"
      })
      expect(tagOf(outcome)).toBe("ApiError")
      expect(store.getReceipt(cancelled.receipt_id)?.escrow_data).toBeUndefined()
    }))

  it("records the recipient's and sender's phone numbers masked", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt()
      value(
        await call("escrow", "startShipping", {
          receipt_id: paid.receipt_id,
          tracking_number: "1",
          delivery_corp: "우체국",
          user: { username: "홍길동", phone: "01098765432", address: "서울" },
          company: { name: "상점", phone: "0212345678" }
        })
      )
      const recorded = JSON.stringify(store.requestsFor("Escrow.startShipping"))
      expect(recorded).not.toContain("01098765432")
      expect(recorded).not.toContain("0212345678")
      expect(store.requestsFor("Escrow.startShipping")[0]!.body).toMatchObject({
        user: { username: "홍길동", phone: "010****5432" },
        company: { phone: "021***5678" }
      })
    }))
})
