/** Every Commerce sample, by facade module (a nested group as `orderSubscription.requestIng`). */

import { cart_, coupon_, mallSetting_, point_, store_, webhook_ } from "./catalogue.js"
import { category_ } from "./category.js"
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
