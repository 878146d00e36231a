/**
 * Commerce invoices (청구서, payment links): issue one, list and read them, and send its
 * notification again. A list comes as `{ list, count }` (not `{ items, total }`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { NotFound } from "../BootpayError.js"
import * as Commerce from "../internal/commerce.js"
import { Id, idOr, JsonObject, KrwOrZero, opt, Text } from "../internal/schemas.js"
import * as Paging from "./Paging.js"

/**
 * How an invoice notification is sent: `1` SMS, `2` Kakao, `3` email, `4` push.
 *
 * @since 0.1.0
 * @category models
 */
export const SendType = Schema.Literal(1, 2, 3, 4)

/**
 * One line of an invoice.
 *
 * @since 0.1.0
 * @category models
 */
export const InvoiceItem = Schema.Struct({
  invoice_item_id: opt(Schema.String),
  name: opt(Schema.String),
  price: opt(Schema.Number),
  qty: opt(Schema.Number),
  tax_free_price: opt(Schema.Number)
})

/**
 * An invoice as Bootpay Commerce returns it; fields Bootpay adds later are kept.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceInvoice = Schema.Struct({
  invoice_id: opt(Schema.String),
  project_id: opt(Schema.String),
  name: opt(Schema.String),
  title: opt(Schema.String),
  memo: opt(Schema.String),
  user_id: opt(Schema.String),
  status: opt(Schema.Union(Schema.Number, Schema.String)),
  send_status: opt(Schema.Union(Schema.Number, Schema.String)),
  send_types: opt(Schema.Array(Schema.Number)),
  sent_at: opt(Schema.String),
  pay_at: opt(Schema.String),
  price: opt(Schema.Number),
  tax_free_price: opt(Schema.Number),
  payment_url: opt(Schema.String),
  expired_at: opt(Schema.Union(Schema.String, Schema.Number)),
  order_id: opt(Schema.String),
  product_type: opt(Schema.Number),
  webhook_url: opt(Schema.String),
  header_content_type: opt(Schema.Union(Schema.Number, Schema.String)),
  webhook_retry_count: opt(Schema.Number),
  invoice_items: opt(Schema.Array(InvoiceItem)),
  metadata: opt(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * An invoice.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceInvoice = typeof CommerceInvoice.Type

/**
 * The filters of `list`: `keyword` searches the invoice id; `css_at`/`cse_at` bound the creation
 * date. Bootpay's page size is 24 when none is given.
 *
 * @since 0.1.0
 * @category models
 */
export const ListRequest = Schema.Struct({
  ...Commerce.paging,
  keyword: Schema.optional(Text),
  cs_type: Schema.optional(Text),
  user_id: Schema.optional(Id),
  product_type: Schema.optional(Schema.Number),
  css_at: Schema.optional(Commerce.DateText),
  cse_at: Schema.optional(Commerce.DateText),
  idempotency_key: Commerce.idempotencyKey
})

/**
 * One page of invoices, as Bootpay sends it (`{ list, count }`; see `listAll` for every page).
 *
 * `GET /invoices`.
 *
 * @since 0.1.0
 * @category operations
 */
export const list = Commerce.make({
  module: "Invoice",
  name: "list",
  method: "GET",
  path: "/invoices",
  request: Schema.UndefinedOr(ListRequest),
  response: Paging.Page(CommerceInvoice),
  safety: "read",
  role: "user",
  idempotencyKey: true
})

/**
 * Every invoice matching the filters, page after page, as a `Stream`.
 *
 * @since 0.1.0
 * @category walkers
 */
export const listAll = Paging.walker(list)

/**
 * The input of `create`: Bootpay's SDKs send two shapes (Node's `title` + `invoice_items`, Ruby's
 * and Java's `name` + `products`); both are taken, only the fields given are sent.
 *
 * @since 0.1.0
 * @category models
 */
export const CreateRequest = Schema.Struct({
  title: Schema.optional(Text),
  name: Schema.optional(Text),
  description: Schema.optional(Text),
  memo: Schema.optional(Text),
  price: Schema.optional(KrwOrZero),
  tax_free_price: Schema.optional(KrwOrZero),
  delivery_price: Schema.optional(KrwOrZero),
  user_id: Schema.optional(Id),
  user_group_id: Schema.optional(Id),
  user: Schema.optional(JsonObject),
  selected_users: Schema.optional(Schema.Array(Id)),
  products: Schema.optional(Schema.Array(JsonObject)),
  invoice_items: Schema.optional(
    Schema.Array(
      Schema.Struct({
        name: Schema.optional(Text),
        price: Schema.optional(KrwOrZero),
        qty: Schema.optional(Schema.Number),
        tax_free_price: Schema.optional(KrwOrZero)
      })
    )
  ),
  product_type: Schema.optional(Schema.Number),
  send_types: Schema.optional(Schema.Array(SendType)),
  expired_at: Schema.optional(Commerce.DateText),
  redirect_url: Schema.optional(Text),
  use_redirect: Schema.optional(Schema.Boolean),
  use_memo: Schema.optional(Schema.Boolean),
  use_notification: Schema.optional(Schema.Boolean),
  use_auto_login: Schema.optional(Schema.Boolean),
  is_open_link: Schema.optional(Schema.Boolean),
  request_id: Schema.optional(Text),
  webhook_url: Schema.optional(Text),
  header_content_type: Schema.optional(Schema.Union(Text, Schema.Number)),
  usage_api_url: Schema.optional(Text),
  metadata: Schema.optional(JsonObject),
  extra: Schema.optional(JsonObject),
  idempotency_key: Commerce.idempotencyKey
}).pipe(
  Schema.filter((input) =>
    input.title === undefined && input.name === undefined
      ? { path: ["title"], message: "title or name is required" }
      : true
  )
)

/**
 * The input of `create`.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateRequest = typeof CreateRequest.Encoded

/**
 * Issues an invoice (a payment link); the answer carries `payment_url` and `invoice_id`. It sends
 * an `Idempotency-Key` (as Bootpay's Java and Ruby SDKs do), kept on every retry of the call.
 *
 * `POST /invoices`.
 *
 * @since 0.1.0
 * @category operations
 */
export const create = Commerce.make({
  module: "Invoice",
  name: "create",
  method: "POST",
  path: "/invoices",
  request: CreateRequest,
  response: CommerceInvoice,
  safety: "idempotent",
  idempotencyKey: true
})

/**
 * Sends an invoice's notification again (`send_types`: `1` SMS, `2` Kakao, `3` email, `4` push;
 * none: Bootpay's default). It reaches the customer for real, so it is never repeated once it may
 * have reached Bootpay: a lost answer is `OutcomeUnknown` with the call's `Idempotency-Key`.
 *
 * `POST /invoices/{invoice_id}/notify`.
 *
 * @since 0.1.0
 * @category operations
 */
export const notify = Commerce.make({
  module: "Invoice",
  name: "notify",
  method: "POST",
  path: "/invoices/{invoice_id}/notify",
  request: Schema.Struct({
    invoice_id: Id,
    send_types: Schema.optional(Schema.Array(SendType)),
    idempotency_key: Commerce.idempotencyKey
  }),
  response: Schema.NullOr(Schema.Unknown),
  // Sends real messages: a repeat would message the customer twice.
  safety: "unsafe",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "invoice", idField: "invoice_id" },
  args: ["invoice_id", "send_types", "idempotency_key"]
})

/**
 * One invoice.
 *
 * `GET /invoices/{invoice_id}`.
 *
 * @since 0.1.0
 * @category operations
 */
export const detail = Commerce.make({
  module: "Invoice",
  name: "detail",
  method: "GET",
  path: "/invoices/{invoice_id}",
  request: idOr("invoice_id", { idempotency_key: Commerce.idempotencyKey }),
  response: CommerceInvoice,
  safety: "read",
  role: "user",
  idempotencyKey: true,
  errors: [NotFound],
  resource: { name: "invoice", idField: "invoice_id" },
  args: ["invoice_id", "idempotency_key"]
})
