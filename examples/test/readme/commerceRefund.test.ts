/**
 * The README's Commerce refund, as a merchant tests it against the fake: approved, refused by
 * Bootpay (nothing refunded), and a request whose answer was lost (Unresolved, asked once).
 */
import { BootpayCommerce } from "@effect-bootpay/node"
import { FakeCommerce, FakeServer } from "@effect-bootpay/testing"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { refund } from "../../src/readme/commerce/refund.js"

let fake: FakeServer.FakeServer
let commerce: BootpayCommerce.BootpayCommerce
beforeEach(async () => {
  fake = await FakeServer.start()
  commerce = BootpayCommerce.make({ baseUrl: fake.commerceUrl, clientKey: "test", secretKey: "test" })
})
afterEach(async () => {
  await commerce.dispose()
  await fake.close()
})

const orderOf = (price: number) =>
  String(FakeCommerce.of(fake.store).createOrder({ total_price: price }).order_number)

const calls = (operation: string) => fake.store.requests.filter((request) => request.operation === operation)

describe("the README's Commerce refund against the fake", () => {
  it("requests and approves a partial refund", async () => {
    const orderNumber = orderOf(50_000)
    expect(await refund(commerce, orderNumber, 10_000, "변심")).toEqual({ _tag: "Refunded", amount: 10_000 })
    const order = [...FakeCommerce.of(fake.store).orders.values()].find(
      (o) => o.order_number === orderNumber
    )!
    expect(order.cancelled_price).toBe(10_000)
    expect(calls("Commerce.OrderCancel.approve")[0]!.headers["bootpay-role"]).toBe("supervisor")
  })

  it("a refund above what is left is Refused, and nothing is approved", async () => {
    const outcome = await refund(commerce, orderOf(5_000), 9_000, "변심")
    expect(outcome._tag).toBe("Refused")
    expect(calls("Commerce.OrderCancel.approve")).toHaveLength(0)
  })

  it("a request whose answer was lost is Unresolved with its key, and is not sent again", async () => {
    fake.store.inject({ _tag: "DropAfter" }, { operation: "Commerce.OrderCancel.request" })
    const outcome = await refund(commerce, orderOf(50_000), 10_000, "변심")
    expect(outcome._tag).toBe("Unresolved")
    const sent = calls("Commerce.OrderCancel.request")
    expect(sent).toHaveLength(1)
    if (outcome._tag === "Unresolved")
      expect(outcome.error.idempotencyKey).toBe(sent[0]!.headers["idempotency-key"])
    expect(calls("Commerce.OrderCancel.approve")).toHaveLength(0)
  })
})
