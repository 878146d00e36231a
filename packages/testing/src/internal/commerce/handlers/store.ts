/**
 * The store (가맹점), the mall settings (몰 설정) and the test webhook, each one record in
 * `collection("store")`, `collection("mallSetting")` (key `current`) and deliveries in
 * `collection("webhookTests")`.
 *
 * Inferences (backend-js answers `any` for the store and the test webhook): `getStore` answers the
 * store's basic fields, `getStoreDetail` all of them (seed or change them through
 * `collection("store").get("current")`); the mall settings start from defaults and
 * `updateMallSetting` changes only the settings Bootpay names (a misspelt key such as
 * `use_order_cancel_approval` is ignored, as the server ignores keys it does not know) and only
 * the non-null ones; `sendTest` needs a webhook URL (the store's `webhookUrl`; 400 without one),
 * records the delivery it would make and answers it.
 */
import { Commerce } from "@effect-bootpay/core/index"
import type { CommerceState } from "../../../FakeCommerce.js"
import type { Json } from "../../../FakeStore.js"
import { type CommerceHandler, data, failure } from "../reply.js"

const basicKeys = ["project_id", "seller_id", "name", "description", "status", "logo", "favicon"] as const

const storeOf = (state: CommerceState): Json => {
  const stores = state.collection("store")
  let found = stores.get("current")
  if (found === undefined) {
    found = {
      project_id: "fake-project",
      seller_id: "fake-seller",
      name: "테스트 몰",
      description: "부트페이 테스트 몰",
      status: 1,
      logo: null,
      favicon: null,
      seller_name: "(주)테스트",
      owner_name: "홍길동",
      registration_no: "0000000000",
      mail_order_sales_number: "2026-서울-0000",
      biz_email: "shop@example.com",
      biz_tel: "02-0000-0000",
      zip: "06236",
      addr_1: "서울특별시 강남구",
      addr_2: "1층",
      created_at: state.nowIso()
    }
    stores.set("current", found)
  }
  return found
}

export const getStore: CommerceHandler = ({ state }) => {
  const store = storeOf(state)
  return data(Object.fromEntries(basicKeys.filter((key) => key in store).map((key) => [key, store[key]])))
}

export const getStoreDetail: CommerceHandler = ({ state }) => data(structuredClone(storeOf(state)))

const settingKeys = new Set(
  Object.keys(Commerce.MallSetting.UpdateMallSettingRequest.fields).filter((key) => key !== "idempotency_key")
)

const settingOf = (state: CommerceState): Json => {
  const settings = state.collection("mallSetting")
  let found = settings.get("current")
  if (found === undefined) {
    const now = state.nowIso()
    found = {
      mall_setting_id: state.nextId(),
      project_id: "fake-project",
      seller_id: "fake-seller",
      name: "테스트 몰",
      status: 1,
      order_prefix: "BP",
      use_order_cancel: true,
      use_oder_cancel_approval: false,
      use_non_member_order: true,
      use_point: true,
      point_rate: 1,
      use_cart: true,
      cart_max_limit: 50,
      payment_timeout: 30,
      created_at: now,
      updated_at: now
    }
    settings.set("current", found)
  }
  return found
}

export const getMallSetting: CommerceHandler = ({ state }) => data(structuredClone(settingOf(state)))

export const updateMallSetting: CommerceHandler = ({ state, body }) => {
  const setting = settingOf(state)
  for (const [key, value] of Object.entries(body)) {
    if (settingKeys.has(key) && value !== null && value !== undefined) setting[key] = value
  }
  setting.updated_at = state.nowIso()
  return data(structuredClone(setting))
}

export const sendTest: CommerceHandler = ({ state, body }) => {
  const url = state.store.webhooks.url
  if (url === undefined) return failure(400, "WEBHOOK_URL_NOT_FOUND", "no webhook URL is registered")
  const delivery: Json = {
    webhook_test_id: state.nextId(),
    url,
    header_content_type: body.header_content_type ?? 1,
    sent_at: state.nowIso()
  }
  state.collection("webhookTests").set(String(delivery.webhook_test_id), delivery)
  return data(structuredClone(delivery))
}
