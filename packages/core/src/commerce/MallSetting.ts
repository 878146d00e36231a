/**
 * The Commerce mall settings (몰 설정): the whole mall's configuration (seller details, membership,
 * orders and cancellations, points, reviews, cart), read and changed by the `supervisor`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Commerce from "../internal/commerce.js"
import { KrwOrZero, opt, Text } from "../internal/schemas.js"

/**
 * The mall settings as Bootpay answers them, flat; every field is kept, the ones below are typed.
 *
 * @since 0.1.0
 * @category models
 */
export const CommerceMallSetting = Schema.Struct({
  mall_setting_id: opt(Schema.String),
  project_id: opt(Schema.String),
  seller_id: opt(Schema.String),
  seller_name: opt(Schema.String),
  name: opt(Schema.String),
  description: opt(Schema.String),
  status: opt(Schema.Number),
  order_prefix: opt(Schema.String),
  use_order_cancel: opt(Schema.Boolean),
  use_oder_cancel_approval: opt(Schema.Boolean),
  use_point: opt(Schema.Boolean),
  point_rate: opt(Schema.Number),
  use_cart: opt(Schema.Boolean),
  use_non_member_order: opt(Schema.Boolean),
  payment_timeout: opt(Schema.Number),
  created_at: opt(Schema.String),
  updated_at: opt(Schema.String)
})

/**
 * The mall settings.
 *
 * @since 0.1.0
 * @category models
 */
export type CommerceMallSetting = typeof CommerceMallSetting.Type

/**
 * The input of `getMallSetting`: only the call's own idempotency key, if any.
 *
 * @since 0.1.0
 * @category models
 */
export const GetMallSettingRequest = Schema.UndefinedOr(
  Schema.Struct({ idempotency_key: Commerce.idempotencyKey })
)

/**
 * Reads the mall settings. Needs the `supervisor` role, which it always sends.
 *
 * `GET /mall-setting` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const getMallSetting = Commerce.make({
  module: "MallSetting",
  name: "getMallSetting",
  method: "GET",
  path: "/mall-setting",
  request: GetMallSettingRequest,
  response: CommerceMallSetting,
  safety: "read",
  role: "supervisor",
  idempotencyKey: true,
  args: ["idempotency_key"]
})

/**
 * The settings `updateMallSetting` changes, flat, as Bootpay names them (`use_oder_cancel_approval`
 * is Bootpay's own spelling).
 */
const mallSettingFields = {
  normal_widget_key: Schema.optional(Text),
  subscription_widget_key: Schema.optional(Text),
  seller_name: Schema.optional(Text),
  seller_name_en: Schema.optional(Text),
  biz_email: Schema.optional(Text),
  biz_tel: Schema.optional(Text),
  biz_fax: Schema.optional(Text),
  registration_no: Schema.optional(Text),
  corp_reg_no: Schema.optional(Text),
  mail_order_sales_number: Schema.optional(Text),
  owner_name: Schema.optional(Text),
  zip: Schema.optional(Text),
  addr_1: Schema.optional(Text),
  addr_2: Schema.optional(Text),
  privacy_name: Schema.optional(Text),
  privacy_email: Schema.optional(Text),
  name: Schema.optional(Text),
  description: Schema.optional(Text),
  status: Schema.optional(Commerce.Count),
  invoice_title: Schema.optional(Text),
  use_logo: Schema.optional(Schema.Boolean),
  logo: Schema.optional(Text),
  use_favicon: Schema.optional(Schema.Boolean),
  favicon: Schema.optional(Text),
  use_open_graph: Schema.optional(Schema.Boolean),
  og_image: Schema.optional(Text),
  use_signature: Schema.optional(Schema.Boolean),
  signature: Schema.optional(Text),
  use_operation_time: Schema.optional(Schema.Boolean),
  customer_service_center_operation_time: Schema.optional(Text),
  rest_start_hour: Schema.optional(Commerce.Count),
  rest_start_minute: Schema.optional(Commerce.Count),
  rest_end_hour: Schema.optional(Commerce.Count),
  rest_end_minute: Schema.optional(Commerce.Count),
  rest_day: Schema.optional(Commerce.JsonValue),
  hosting_service: Schema.optional(Text),
  use_non_member_order: Schema.optional(Schema.Boolean),
  use_age_accept_19: Schema.optional(Schema.Boolean),
  use_age_accept_14: Schema.optional(Schema.Boolean),
  use_age_accept_parent_name: Schema.optional(Schema.Boolean),
  use_age_accept_parent_birth: Schema.optional(Schema.Boolean),
  use_age_accept_parent_email: Schema.optional(Schema.Boolean),
  use_membership_collect_phone: Schema.optional(Schema.Boolean),
  use_membership_collect_tel: Schema.optional(Schema.Boolean),
  use_membership_collect_email: Schema.optional(Schema.Boolean),
  use_membership_collect_address: Schema.optional(Schema.Boolean),
  use_membership_collect_bank: Schema.optional(Schema.Boolean),
  use_membership_collect_birth: Schema.optional(Schema.Boolean),
  use_membership_collect_gender: Schema.optional(Schema.Boolean),
  use_membership_collect_interest: Schema.optional(Schema.Boolean),
  membership_collect_interest_number: Schema.optional(Commerce.Count),
  use_membership_collect_customs: Schema.optional(Schema.Boolean),
  use_membership_collect_nickname: Schema.optional(Schema.Boolean),
  use_membership_collect_recommend_id: Schema.optional(Schema.Boolean),
  recommend_id_point_to: Schema.optional(KrwOrZero),
  recommend_id_point_from: Schema.optional(KrwOrZero),
  use_membership_collect_business: Schema.optional(Schema.Boolean),
  use_membership_collect_register: Schema.optional(Schema.Boolean),
  membership_only_business: Schema.optional(Schema.Boolean),
  use_corporate_department: Schema.optional(Schema.Boolean),
  sub_group_type: Schema.optional(Commerce.Count),
  use_corporate_signup_approval: Schema.optional(Schema.Boolean),
  corporate_email_domains: Schema.optional(Commerce.JsonValue),
  use_corporate_auto_approve: Schema.optional(Schema.Boolean),
  use_corporate_invite_only: Schema.optional(Schema.Boolean),
  use_member_info_phone: Schema.optional(Schema.Boolean),
  use_member_info_tel: Schema.optional(Schema.Boolean),
  use_member_info_email: Schema.optional(Schema.Boolean),
  use_member_info_address: Schema.optional(Schema.Boolean),
  use_member_info_bank: Schema.optional(Schema.Boolean),
  use_member_info_birth: Schema.optional(Schema.Boolean),
  use_member_info_gender: Schema.optional(Schema.Boolean),
  use_member_info_customs: Schema.optional(Schema.Boolean),
  use_member_info_nickname: Schema.optional(Schema.Boolean),
  use_member_info_register: Schema.optional(Schema.Boolean),
  orderer_collect_phone: Schema.optional(Schema.Boolean),
  orderer_collect_tel: Schema.optional(Schema.Boolean),
  orderer_collect_email: Schema.optional(Schema.Boolean),
  order_prefix: Schema.optional(Text),
  use_order_cancel: Schema.optional(Schema.Boolean),
  use_oder_cancel_approval: Schema.optional(Schema.Boolean),
  order_cancel_reasons: Schema.optional(Commerce.JsonValue),
  order_cancel_reason_required_type: Schema.optional(Commerce.Count),
  order_cancel_request_message: Schema.optional(Text),
  order_cancel_done_message: Schema.optional(Text),
  use_general_membership: Schema.optional(Schema.Boolean),
  general_membership_duplication: Schema.optional(Commerce.Count),
  use_certification: Schema.optional(Schema.Boolean),
  certification_type: Schema.optional(Commerce.Count),
  general_membership_id_type: Schema.optional(Commerce.Count),
  use_membership_duplication_email: Schema.optional(Schema.Boolean),
  use_membership_duplication_phone: Schema.optional(Schema.Boolean),
  use_social_membership: Schema.optional(Schema.Boolean),
  social_membership_type: Schema.optional(Commerce.JsonValue),
  use_point: Schema.optional(Schema.Boolean),
  use_point_transaction: Schema.optional(Schema.Boolean),
  point_display_name: Schema.optional(Text),
  point_min_balance: Schema.optional(KrwOrZero),
  point_not_condition: Schema.optional(Commerce.JsonValue),
  point_condition: Schema.optional(Commerce.JsonValue),
  use_point_max_rate: Schema.optional(Schema.Boolean),
  point_max_rate: Schema.optional(Commerce.NonNegative),
  use_point_max_amount: Schema.optional(Schema.Boolean),
  point_max_amount: Schema.optional(KrwOrZero),
  point_rate: Schema.optional(Commerce.NonNegative),
  point_calc_type1: Schema.optional(Commerce.Count),
  point_calc_type2: Schema.optional(Commerce.Count),
  use_point_advance_discount: Schema.optional(Schema.Boolean),
  point_advance_discount_rate: Schema.optional(Commerce.NonNegative),
  use_point_expire: Schema.optional(Schema.Boolean),
  point_expire_type: Schema.optional(Commerce.Count),
  point_issue_event_type: Schema.optional(Commerce.Count),
  point_issue_delay_days: Schema.optional(Commerce.Count),
  use_open_market: Schema.optional(Schema.Boolean),
  use_product_approval: Schema.optional(Schema.Boolean),
  use_product_review: Schema.optional(Schema.Boolean),
  use_product_review_point: Schema.optional(Schema.Boolean),
  product_review_point: Schema.optional(KrwOrZero),
  product_review_photo_point: Schema.optional(KrwOrZero),
  use_product_review_answer: Schema.optional(Schema.Boolean),
  use_product_review_auto_answer: Schema.optional(Schema.Boolean),
  product_review_auto_answer_minute: Schema.optional(Commerce.Count),
  product_review_auto_answer_text: Schema.optional(Text),
  use_product_qna: Schema.optional(Schema.Boolean),
  product_qna_member_auth: Schema.optional(Commerce.Count),
  use_product_qna_answer_option: Schema.optional(Schema.Boolean),
  use_notice: Schema.optional(Schema.Boolean),
  use_qna: Schema.optional(Schema.Boolean),
  use_faq: Schema.optional(Schema.Boolean),
  use_chat_support: Schema.optional(Schema.Boolean),
  chat_support_type: Schema.optional(Commerce.Count),
  chat_support_key: Schema.optional(Text),
  use_dormant: Schema.optional(Schema.Boolean),
  dormant_year: Schema.optional(Commerce.Count),
  dormant_restore: Schema.optional(Commerce.Count),
  use_withdrawal: Schema.optional(Schema.Boolean),
  use_withdrawal_guide_message: Schema.optional(Schema.Boolean),
  use_withdrawal_guide_message_after: Schema.optional(Schema.Boolean),
  withdrawal_guide_message_after: Schema.optional(Text),
  use_withdrawal_auto: Schema.optional(Schema.Boolean),
  withdrawal_auto_year: Schema.optional(Commerce.Count),
  use_subscription_aggregate_transaction: Schema.optional(Schema.Boolean),
  subscription_month_day: Schema.optional(Commerce.Count),
  subscription_week_day: Schema.optional(Commerce.Count),
  use_limit: Schema.optional(Schema.Boolean),
  limit_month_purchase: Schema.optional(KrwOrZero),
  limit_week_purchase: Schema.optional(KrwOrZero),
  use_limit_payment: Schema.optional(Schema.Boolean),
  use_limit_message: Schema.optional(Schema.Boolean),
  terms_of_service: Schema.optional(Text),
  terms_of_privacy_policy: Schema.optional(Text),
  terms_of_privacy_collect: Schema.optional(Text),
  terms_of_privacy_third: Schema.optional(Text),
  payment_timeout: Schema.optional(Commerce.Count),
  product_sort_type: Schema.optional(Commerce.Count),
  mall_theme_type: Schema.optional(Commerce.Count),
  catalog_display_type: Schema.optional(Commerce.Count),
  catalog_headline: Schema.optional(Text),
  catalog_bg_color: Schema.optional(Text),
  catalog_view_type_pc: Schema.optional(Commerce.Count),
  catalog_view_type_mobile: Schema.optional(Commerce.Count),
  catalog_product_sort_type: Schema.optional(Commerce.Count),
  use_cart: Schema.optional(Schema.Boolean),
  cart_storage_period: Schema.optional(Commerce.Count),
  cart_max_limit: Schema.optional(Commerce.Count),
  cart_add_action: Schema.optional(Commerce.Count),
  cart_direct_purchase: Schema.optional(Schema.Boolean),
  cart_option_change: Schema.optional(Schema.Boolean),
  cart_discount_display: Schema.optional(Schema.Boolean),
  use_wishlist: Schema.optional(Schema.Boolean),
  wishlist_max_limit: Schema.optional(Commerce.Count),
  cart_wishlist_display: Schema.optional(Schema.Boolean)
}

/**
 * The input of `updateMallSetting`: the settings that change.
 *
 * @since 0.1.0
 * @category models
 */
export const UpdateMallSettingRequest = Schema.Struct({
  ...mallSettingFields,
  idempotency_key: Commerce.idempotencyKey
})

/**
 * The input of `updateMallSetting`.
 *
 * @since 0.1.0
 * @category models
 */
export type UpdateMallSettingRequest = typeof UpdateMallSettingRequest.Encoded

/**
 * Changes mall settings (only the fields given). Needs the `supervisor` role, which it always
 * sends.
 *
 * `PUT /mall-setting` with an `Idempotency-Key`.
 *
 * @since 0.1.0
 * @category operations
 */
export const updateMallSetting = Commerce.make({
  module: "MallSetting",
  name: "updateMallSetting",
  method: "PUT",
  path: "/mall-setting",
  request: UpdateMallSettingRequest,
  response: CommerceMallSetting,
  safety: "idempotent",
  role: "supervisor",
  idempotencyKey: true,
  args: ["...", "idempotency_key"]
})
