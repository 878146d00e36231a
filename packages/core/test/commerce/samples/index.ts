/** Every Commerce sample, by facade module (a nested group as `orderSubscription.requestIng`). */

import { cart_, coupon_, mallSetting_, point_, store_, webhook_ } from "./catalogue.js"
import { category_ } from "./category.js"
import { invoice_ } from "./invoice.js"
import { order_, orderCancel_ } from "./order.js"
import { orderSubscription_, requestIng_ } from "./orderSubscription.js"
import {
  orderSubscriptionAdjustment_,
  orderSubscriptionBill_,
  orderSubscriptionRequest_
} from "./orderSubscriptionMore.js"
import { product_ } from "./product.js"
import type { Samples } from "./types.js"
import { user_ } from "./user.js"
import { userGroup_ } from "./userGroup.js"

export type { Sample, Samples } from "./types.js"

export const samples: Readonly<Record<string, Samples>> = {
  accessToken: {
    issue: {
      input: undefined,
      args: [],
      method: "POST",
      path: "/request/token",
      body: { client_key: "ck-unit", secret_key: "sk-unit-SECRET" },
      answer: { access_token: "commerce-token", expire_in: 1800 },
      bad: { client_key: "other" }
    }
  },
  user: user_,
  invoice: invoice_,
  order: order_,
  orderCancel: orderCancel_,
  orderSubscription: orderSubscription_,
  "orderSubscription.requestIng": requestIng_,
  orderSubscriptionBill: orderSubscriptionBill_,
  orderSubscriptionAdjustment: orderSubscriptionAdjustment_,
  orderSubscriptionRequest: orderSubscriptionRequest_,
  userGroup: userGroup_,
  product: product_,
  category: category_,
  coupon: coupon_,
  point: point_,
  cart: cart_,
  store: store_,
  mallSetting: mallSetting_,
  webhook: webhook_
}
