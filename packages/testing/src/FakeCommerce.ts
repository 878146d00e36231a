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
