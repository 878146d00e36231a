/**
 * The fake's Commerce state: members, groups, products, orders, cancellations, subscriptions,
 * invoices and the rest, held per `FakeStore` beside its PG state, with the answers already given
 * to each `Idempotency-Key`. Seed and inspect it through `FakeCommerce.of(store)`.
 *
 * @since 0.1.0
 */
import type { FakeStore, Json } from "./FakeStore.js"
import { kstIso } from "./FakeStore.js"

/**
 * An answer the fake gave to an idempotency key, replayed when the key comes again.
 *
 * @since 0.1.0
 * @category models
 */
export interface Replayed {
  readonly operation: string
  readonly status: number
  readonly body: unknown
}

/**
 * The Commerce state of one fake.
 *
 * @since 0.1.0
 * @category models
 */
export class CommerceState {
  /** Answers by `Idempotency-Key`: a repeated key gets the first answer, the call is not done again. */
  readonly idempotency = new Map<string, Replayed>()
  private readonly collections = new Map<string, Map<string, Json>>()
  private counter = 0

  constructor(readonly store: FakeStore) {}

  /** The objects of one kind (`users`, `products`, ...) by id, created empty on first use. */
  collection(name: string): Map<string, Json> {
    let found = this.collections.get(name)
    if (found === undefined) {
      found = new Map()
      this.collections.set(name, found)
    }
    return found
  }

  /** Members by `user_id`. */
  get users(): Map<string, Json> {
    return this.collection("users")
  }

  /** A new 24-hex id, deterministic per store. */
  nextId(): string {
    this.counter += 1
    return (0x6200000000 + this.counter).toString(16).padStart(24, "0")
  }

  /** The fake's time as Bootpay Commerce writes it (`+09:00`). */
  nowIso(): string {
    return kstIso(this.store.now)
  }

  /** Adds a member as if it joined; returns the stored record. */
  createUser(fields: Json = {}): Json {
    const now = this.nowIso()
    const user: Json = {
      user_id: this.nextId(),
      membership_type: "member",
      status: 1,
      name: "테스트 회원",
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.users.set(String(user.user_id), user)
    return user
  }

  /** Orders by `order_id`. */
  get orders(): Map<string, Json> {
    return this.collection("orders")
  }

  /** Subscriptions by `order_subscription_id`. */
  get subscriptions(): Map<string, Json> {
    return this.collection("orderSubscriptions")
  }

  /** Subscription bills by `order_subscription_bill_id`. */
  get bills(): Map<string, Json> {
    return this.collection("orderSubscriptionBills")
  }

  /** A new order number, deterministic per store. */
  nextOrderNumber(): string {
    return `ORD${this.nextId().slice(-10)}`
  }

  /** Adds a paid order (`status` 1, 15,000 KRW unless given); returns the stored record. */
  createOrder(fields: Json = {}): Json {
    const now = this.nowIso()
    const order: Json = {
      order_id: this.nextId(),
      order_number: this.nextOrderNumber(),
      status: OrderStatus.paid,
      currency: "KRW",
      is_subscription: false,
      total_price: 15000,
      tax_free_price: 0,
      cancelled_price: 0,
      receipt_id: this.nextId(),
      cancelled_request_history: [],
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.orders.set(String(order.order_id), order)
    return order
  }

  /**
   * Adds an active subscription (9,900 KRW a cycle, 12 cycles unless given) with its order and one
   * bill per cycle (at most 60); the first `paid_cycles` bills (default 1) are paid, the others
   * ready. Returns the stored subscription.
   */
  createSubscription(fields: Json & { readonly paid_cycles?: number } = {}): Json {
    const { paid_cycles: paidGiven, ...rest } = fields
    const paid = typeof paidGiven === "number" ? paidGiven : 1
    const now = this.nowIso()
    const price = typeof rest.price === "number" ? rest.price : 9900
    const order = this.createOrder({
      is_subscription: true,
      total_price: price,
      ...(rest.user_id === undefined ? {} : { user_id: rest.user_id })
    })
    const subscription: Json = {
      order_subscription_id: this.nextId(),
      order_id: order.order_id,
      order_number: order.order_number,
      status: SubscriptionStatus.active,
      price,
      tax_free_price: 0,
      total_subscription_duration: 12,
      current_duration: paid,
      termination_fee: 0,
      service_start_at: now,
      created_at: now,
      updated_at: now,
      ...rest
    }
    const id = String(subscription.order_subscription_id)
    this.subscriptions.set(id, subscription)
    for (let cycle = 1; cycle <= cyclesOf(subscription); cycle++) {
      const bill: Json = {
        order_subscription_bill_id: this.nextId(),
        order_subscription_id: id,
        order_number: subscription.order_number,
        user_id: subscription.user_id,
        duration: cycle,
        total_subscription_duration: subscription.total_subscription_duration,
        price: subscription.price,
        tax_free_price: subscription.tax_free_price,
        status: cycle <= paid ? BillStatus.paid : BillStatus.ready,
        ...(cycle <= paid ? { purchased_at: now } : {})
      }
      this.bills.set(String(bill.order_subscription_bill_id), bill)
    }
    return subscription
  }

  /** Adds an on-demand charge key (usable until revoked); returns the stored record. */
  createChargeKey(fields: Json = {}): Json {
    const key: Json = { charge_key: `charge_${this.nextId()}`, status: ChargeKeyStatus.active, ...fields }
    this.collection("chargeKeys").set(String(key.charge_key), key)
    return key
  }

  /** Adds an invoice as if `invoice.create` had issued it; returns the stored record. */
  createInvoice(fields: Json = {}): Json {
    const now = this.nowIso()
    const invoice_id = this.nextId()
    const invoice: Json = {
      invoice_id,
      title: "청구서",
      price: 10000,
      tax_free_price: 0,
      status: 1,
      send_status: 0,
      payment_url: `https://fake.bootpay.local/invoices/${invoice_id}`,
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.collection("invoices").set(invoice_id, invoice)
    return invoice
  }

  /** Member groups by `user_group_id`. */
  get userGroups(): Map<string, Json> {
    return this.collection("userGroups")
  }

  /** Adds a member group as if it was created; returns the stored record. */
  createUserGroup(fields: Json = {}): Json {
    const now = this.nowIso()
    const group: Json = {
      user_group_id: this.nextId(),
      corporate_type: 2,
      company_name: "테스트 그룹",
      status: 1,
      count: 0,
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.userGroups.set(String(group.user_group_id), group)
    return group
  }

  /** Products by `product_id`. */
  get products(): Map<string, Json> {
    return this.collection("products")
  }

  /** Adds a product as if a manager created it (on sale and on display); returns the stored record. */
  createProduct(fields: Json = {}): Json {
    const now = this.nowIso()
    const product: Json = {
      product_id: this.nextId(),
      name: "테스트 상품",
      type: 1,
      display_price: 10000,
      tax_free_price: 0,
      status: 1,
      status_display: true,
      status_sale: true,
      use_stock: false,
      images: [],
      options: [],
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.products.set(String(product.product_id), product)
    return product
  }

  /** Categories by `category_id`. */
  get categories(): Map<string, Json> {
    return this.collection("categories")
  }

  /** Adds a category (under `parent_category_id`, if given); returns the stored record. */
  createCategory(fields: Json = {}): Json {
    const now = this.nowIso()
    const category: Json = {
      category_id: this.nextId(),
      name: "테스트 카테고리",
      parent_category_id: null,
      status_display: true,
      status_best: false,
      idx: this.categories.size,
      created_at: now,
      updated_at: now,
      ...fields
    }
    this.categories.set(String(category.category_id), category)
    return category
  }

  /** Adds a coupon template members can download; returns the stored record. */
  createCouponTemplate(fields: Json = {}): Json {
    const template: Json = {
      coupon_template_id: this.nextId(),
      name: "테스트 쿠폰",
      discount_type: 1,
      discount_value: 1000,
      min_order_amount: 0,
      max_discount_amount: null,
      status: 1,
      expires_at: null,
      created_at: this.nowIso(),
      ...fields
    }
    this.collection("couponTemplates").set(String(template.coupon_template_id), template)
    return template
  }

  /** A member's point balance: the sum of its point transactions. */
  pointBalance(userId: string): number {
    return [...this.collection("pointTransactions").values()]
      .filter((transaction) => transaction.user_id === userId)
      .reduce((sum, transaction) => sum + Number(transaction.amount ?? 0), 0)
  }

  /**
   * Adds a point transaction for a member: a positive `amount` earns (type 1), a negative one uses
   * (type 2); returns the stored record.
   */
  addPoints(userId: string, amount: number, fields: Json = {}): Json {
    const transaction: Json = {
      transaction_id: this.nextId(),
      user_id: userId,
      transaction_type: amount >= 0 ? 1 : 2,
      amount,
      balance_after: this.pointBalance(userId) + amount,
      reason: amount >= 0 ? "적립" : "사용",
      created_at: this.nowIso(),
      ...fields
    }
    this.collection("pointTransactions").set(String(transaction.transaction_id), transaction)
    return transaction
  }
}

/**
 * The order `status` codes the fake writes (Bootpay does not document its own).
 *
 * @since 0.1.0
 * @category models
 */
export const OrderStatus = { paid: 1, partiallyCancelled: 21, cancelled: 20 } as const

/**
 * The cancellation-request `status` codes the fake writes (Bootpay does not document its own).
 *
 * @since 0.1.0
 * @category models
 */
export const CancellationStatus = { requested: 1, approved: 2, withdrawn: 3, rejected: 4 } as const

/**
 * The subscription `status` codes the fake writes (Bootpay does not document its own).
 *
 * @since 0.1.0
 * @category models
 */
export const SubscriptionStatus = { pending: 0, active: 1, paused: 2, terminated: 3, rejected: 4 } as const

/**
 * The bill `status` codes the fake writes (Bootpay does not document its own).
 *
 * @since 0.1.0
 * @category models
 */
export const BillStatus = { ready: 0, paid: 1, cancelled: 2 } as const

/**
 * The charge-key `status` codes the fake writes.
 *
 * @since 0.1.0
 * @category models
 */
export const ChargeKeyStatus = { active: 1, revoked: 2 } as const

/**
 * The `request_type` codes of subscription change requests the fake writes (Bootpay does not
 * document its own).
 *
 * @since 0.1.0
 * @category models
 */
export const ChangeRequestType = { pause: 1, resume: 2, purchase: 3, transfer: 4, termination: 5 } as const

/**
 * The `status` codes of subscription change requests the fake writes (Bootpay does not document
 * its own).
 *
 * @since 0.1.0
 * @category models
 */
export const ChangeRequestStatus = { requested: 0, approved: 1, rejected: 2 } as const

/**
 * The adjustment `type` codes: `1` a period discount (Bootpay's constant); `2` a setup price is the
 * fake's own code for what Bootpay picks when `price` is above zero.
 *
 * @since 0.1.0
 * @category models
 */
export const AdjustmentType = { periodDiscount: 1, setupPrice: 2 } as const

/**
 * How many cycles a subscription has: its `total_subscription_duration`, or 60 for an unlimited
 * contract (0, negative or absent), as Bootpay bounds adjustments.
 *
 * @since 0.1.0
 * @category utils
 */
export const cyclesOf = (subscription: Json): number => {
  const total = subscription.total_subscription_duration
  return typeof total === "number" && total > 0 ? Math.min(total, 60) : 60
}

const states = new WeakMap<FakeStore, CommerceState>()

/**
 * The Commerce state of a fake store (made on first use).
 *
 * @since 0.1.0
 * @category constructors
 */
export const of = (store: FakeStore): CommerceState => {
  let state = states.get(store)
  if (state === undefined) {
    state = new CommerceState(store)
    states.set(store, state)
  }
  return state
}
