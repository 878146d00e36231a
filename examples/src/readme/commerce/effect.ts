// effect.ts: the same Commerce calls as Effects; `FakeBootpay.layer()` gives a CommerceClient too.
import { Commerce } from "@effect-bootpay/core"
import { FakeBootpay } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const program = Effect.gen(function* () {
  const member = yield* Commerce.User.userJoin({ login_id: "lee", password: "pw-5678", name: "이영희" })
  const found = yield* Commerce.User.detail(member.user_id)
  // Every member as a Stream: one call per page, each with its own deadline.
  const all = yield* Stream.runCount(Commerce.User.listAll({ limit: 50 }))
  return `${found.name} ${all}`
}).pipe(
  Effect.catchTags({
    NotFound: (error) => Effect.succeed(`not found: ${error.id}`),
    InsufficientRole: (error) => Effect.succeed(`the ${error.role} role may not do this`)
  })
)

// With real keys: Effect.provide(NodeBootpay.layerCommerceConfig()) reads BOOTPAY_COMMERCE_*.
console.log(await Effect.runPromise(Effect.provide(program, FakeBootpay.layer()))) // 이영희 1
