import { describe, expect, it } from "vitest"
import { tagOf, targets, value, withTarget } from "./utils/targets.js"

const standalone = (overrides: Record<string, unknown> = {}) => ({
  price: 33_000,
  tax_free: 3_000,
  order_name: "현장 결제",
  order_id: "cash-order-1",
  cash_receipt_type: "지출증빙",
  identity_no: "1234567890",
  ...overrides
})

describe.each(targets)("cash receipts contract: $name", ({ start }) => {
  it("publishes on a paid bank transfer, refuses a second one, cancels, and may publish again", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt({ method_symbol: "bank", price: 20_000 })
      const input = { receipt_id: paid.receipt_id, identity_no: "01012345678", cash_receipt_type: "소득공제" }
      const published = value(await call("cashReceipt", "publishOnReceipt", input))
      expect(published).toMatchObject({ receipt_id: paid.receipt_id, status: 1, price: 20_000 })
      const data = published.cash_receipt_data as Record<string, unknown>
      expect(data).toMatchObject({ cash_receipt_type: 1, cancelled_at: null })
      expect(data.tid).toEqual(expect.any(String))
      expect(data.cash_receipt_no).toMatch(/^\d+$/)
      expect(value(await call("receipt", "lookup", paid.receipt_id)).cash_receipt_data).toEqual(data)
      expect(tagOf(await call("cashReceipt", "publishOnReceipt", input))).toBe("ApiError")

      const cancelled = value(
        await call("cashReceipt", "cancelOnReceipt", {
          receipt_id: paid.receipt_id,
          cancel_message: "재발행"
        })
      )
      expect(cancelled).toMatchObject({ receipt_id: paid.receipt_id, status: 1 })
      const cancelledAt = (cancelled.cash_receipt_data as { cancelled_at: string }).cancelled_at
      expect(cancelledAt).toMatch(/\+09:00$/)
      expect(store.getReceipt(paid.receipt_id)?.status).toBe(1)
      expect(store.requestsFor("CashReceipt.cancelOnReceipt")[0]).toMatchObject({
        method: "DELETE",
        path: `/request/receipt/cash/cancel/${paid.receipt_id}`,
        query: { cancel_message: "재발행" }
      })

      store.advance("1 minute")
      const again = value(await call("cashReceipt", "cancelOnReceipt", { receipt_id: paid.receipt_id }))
      expect((again.cash_receipt_data as { cancelled_at: string }).cancelled_at).toBe(cancelledAt)

      const republished = value(await call("cashReceipt", "publishOnReceipt", input))
      expect((republished.cash_receipt_data as { tid: string }).tid).not.toBe(data.tid)
      expect(republished.cash_receipt_data).toMatchObject({ cancelled_at: null })
    }))

  it("publishes on a paid virtual account for expense proof (type 2)", () =>
    withTarget(start, async ({ store, call }) => {
      const deposited = store.createReceipt({ method_symbol: "vbank", status: 1 })
      const published = value(
        await call("cashReceipt", "publishOnReceipt", {
          receipt_id: deposited.receipt_id,
          identity_no: "1234567890",
          cash_receipt_type: "지출증빙"
        })
      )
      expect(published.cash_receipt_data).toMatchObject({ cash_receipt_type: 2 })
    }))

  it("refuses a card payment, an unpaid virtual account and an unknown receipt", () =>
    withTarget(start, async ({ store, call }) => {
      const input = (receiptId: string) => ({
        receipt_id: receiptId,
        identity_no: "01012345678",
        cash_receipt_type: "소득공제"
      })
      const card = store.createReceipt({ method_symbol: "card" })
      const waiting = store.createReceipt({ method_symbol: "vbank", status: 5 })
      expect(tagOf(await call("cashReceipt", "publishOnReceipt", input(card.receipt_id)))).toBe("ApiError")
      expect(tagOf(await call("cashReceipt", "publishOnReceipt", input(waiting.receipt_id)))).toBe("ApiError")
      expect(tagOf(await call("cashReceipt", "publishOnReceipt", input("nope")))).toBe("NotFound")
      expect(store.getReceipt(card.receipt_id)?.cash_receipt_data).toBeUndefined()
      expect(store.getReceipt(waiting.receipt_id)?.cash_receipt_data).toBeUndefined()
    }))

  it("refuses to cancel a cash receipt that was never published", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt({ method_symbol: "bank" })
      expect(tagOf(await call("cashReceipt", "cancelOnReceipt", { receipt_id: paid.receipt_id }))).toBe(
        "ApiError"
      )
      expect(tagOf(await call("cashReceipt", "cancelOnReceipt", { receipt_id: "nope" }))).toBe("NotFound")
    }))

  it("publishes a standalone cash receipt as a paid receipt and cancels it to status 20, twice alike", () =>
    withTarget(start, async ({ store, call }) => {
      const published = value(
        await call("cashReceipt", "publish", standalone({ purchased_at: "2026-01-10T18:30:00+09:00" }))
      )
      expect(published).toMatchObject({
        method_symbol: "cash_receipt",
        status: 1,
        price: 33_000,
        tax_free: 3_000,
        order_id: "cash-order-1",
        order_name: "현장 결제",
        purchased_at: "2026-01-10T18:30:00+09:00",
        cash_receipt_data: { cash_receipt_type: 2 }
      })
      const receiptId = published.receipt_id as string
      expect(value(await call("receipt", "lookupByOrderId", "cash-order-1"))).toHaveLength(1)

      const cancelled = value(
        await call("cashReceipt", "cancel", { receipt_id: receiptId, cancel_username: "관리자" })
      )
      expect(cancelled).toMatchObject({
        status: 20,
        status_locale: "결제취소완료",
        cancelled_price: 33_000,
        cancelled_tax_free: 3_000
      })
      expect(store.requestsFor("CashReceipt.cancel")[0]).toMatchObject({
        method: "DELETE",
        path: `/request/cash/receipt/${receiptId}`,
        query: { cancel_username: "관리자" }
      })
      store.advance("1 minute")
      const again = value(await call("cashReceipt", "cancel", { receipt_id: receiptId }))
      expect(again).toMatchObject({ status: 20, cancelled_at: cancelled.cancelled_at })
    }))

  it("cancel of a receipt that is not a standalone cash receipt is NotFound and changes nothing", () =>
    withTarget(start, async ({ store, call }) => {
      const card = store.createReceipt()
      expect(tagOf(await call("cashReceipt", "cancel", { receipt_id: card.receipt_id }))).toBe("NotFound")
      expect(tagOf(await call("cashReceipt", "cancel", { receipt_id: "nope" }))).toBe("NotFound")
      expect(store.getReceipt(card.receipt_id)?.status).toBe(1)
    }))

  it("never keeps the identity number, in its state or its request log", () =>
    withTarget(start, async ({ store, call }) => {
      const paid = store.createReceipt({ method_symbol: "bank" })
      value(
        await call("cashReceipt", "publishOnReceipt", {
          receipt_id: paid.receipt_id,
          identity_no: "8802151234567",
          cash_receipt_type: "소득공제",
          phone: "01098765432"
        })
      )
      value(await call("cashReceipt", "publish", standalone({ identity_no: "01098765432" })))
      const kept = JSON.stringify([Array.from(store.receipts.values()), store.requests])
      for (const secret of ["8802151234567", "01098765432", "880215"]) expect(kept).not.toContain(secret)
      expect(store.requestsFor("CashReceipt.publishOnReceipt")[0]!.body).toMatchObject({
        identity_no: "*************",
        phone: "010****5432"
      })
    }))
})
