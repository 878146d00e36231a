/**
 * Every Commerce operation's `BOOTPAY-ROLE` against CONTRACT.md §6.2: the operations that need an
 * elevated scope always send `manager` or `supervisor`, those Bootpay's SDKs force to `user` always
 * send `user`, and every other one sends the client's role.
 */
import { describe, expect, it } from "@effect/vitest"
import { Commerce } from "@effect-bootpay/core"

/** §6.2's fixed roles, by facade name. */
const fixed: Readonly<Record<string, "user" | "manager" | "supervisor">> = {
  "product.create": "manager",
  "product.update": "manager",
  "product.status": "manager",
  "product.delete": "manager",
  "userGroup.userCreate": "manager",
  "userGroup.userDelete": "manager",
  "userGroup.limit": "manager",
  "userGroup.aggregateTransaction": "manager",
  "orderSubscription.update": "supervisor",
  "orderSubscription.supervisorApprove": "supervisor",
  "orderSubscription.supervisorReject": "supervisor",
  "orderSubscription.supervisorTerminate": "supervisor",
  "orderSubscription.supervisorPause": "supervisor",
  "orderSubscription.supervisorResume": "supervisor",
  "orderSubscription.supervisorCharge": "supervisor",
  "orderSubscription.supervisorChargeRevoke": "supervisor",
  "orderSubscriptionAdjustment.create": "supervisor",
  "orderSubscriptionAdjustment.update": "supervisor",
  "orderSubscriptionAdjustment.delete": "supervisor",
  "orderSubscriptionRequest.update": "supervisor",
  "orderCancel.approve": "supervisor",
  "orderCancel.reject": "supervisor",
  "category.create": "supervisor",
  "category.update": "supervisor",
  "category.destroy": "supervisor",
  "mallSetting.getMallSetting": "supervisor",
  "mallSetting.updateMallSetting": "supervisor",
  "orderSubscription.requestIng.pause": "user",
  "orderSubscription.requestIng.resume": "user",
  "orderSubscription.requestIng.purchase": "user",
  "orderSubscription.requestIng.transfer": "user",
  "orderSubscription.requestIng.calculateTerminationFee": "user",
  "orderSubscription.requestIng.termination": "user",
  "invoice.list": "user",
  "invoice.detail": "user",
  "invoice.notify": "user",
  "orderSubscriptionBill.list": "user",
  "orderCancel.list": "user",
  "orderCancel.withdraw": "user",
  "orderCancel.request": "user",
  "user.uidExist": "user"
}

describe("Commerce roles (CONTRACT.md §6.2)", () => {
  it("every operation sends its fixed role, or the client's role when it has none", () => {
    const declared = Object.fromEntries(
      Commerce.Registry.entries.map(({ module, name, operation }) => [`${module}.${name}`, operation.role])
    )
    const expected = Object.fromEntries(Object.keys(declared).map((key) => [key, fixed[key]]))
    expect(declared).toEqual(expected)
  })

  it("every fixed role of the table belongs to a declared operation", () => {
    const names = new Set(Commerce.Registry.entries.map(({ module, name }) => `${module}.${name}`))
    expect(Object.keys(fixed).filter((key) => !names.has(key))).toEqual([])
  })
})
