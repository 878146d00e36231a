/**
 * The Commerce Promise facade: every operation under the official SDK's names, positional arguments
 * as it takes them (the wire is the Effect API's, operation by operation), `listAll` walks, tagged
 * rejections, options validated, dispose.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { BootpayError, Commerce, type Operation } from "@effect-bootpay/core"
import { BootpayCommerce } from "@effect-bootpay/node"
import { FakeCommerce, FakeServer } from "@effect-bootpay/testing"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { samples } from "../../core/test/commerce/samples/index.js"
import { basic, recording } from "../../core/test/utils/mockHttp.js"

/** A facade over a recording HttpClient answering every call with `answer` inside Bootpay's envelope. */
const recordingFacade = (answer: unknown) => {
  const { client, requests: sent } = recording(() => ({ status: 200, body: { success: true, data: answer } }))
  const commerce = BootpayCommerce.make({
    ...basic,
    baseUrl: "https://commerce.test/v1",
    httpClient: Layer.succeed(HttpClient.HttpClient, client)
  })
  return { commerce, sent }
}

const methodAt = (commerce: BootpayCommerce.BootpayCommerce, module: string, name: string) => {
  let node: unknown = commerce
  for (const key of [...module.split("."), name]) node = (node as Record<string, unknown>)?.[key]
  return node as ((...args: ReadonlyArray<unknown>) => Promise<unknown>) | undefined
}

describe("BootpayCommerce facade, operation by operation", () => {
  for (const entry of Commerce.Registry.entries) {
    const sample = samples[entry.module]?.[entry.name]
    if (sample === undefined) continue
    it(`commerce.${entry.module}.${entry.name}(...) sends what the Effect API sends`, async () => {
      const { commerce, sent } = recordingFacade(sample.answer)
      const method = methodAt(commerce, entry.module, entry.name)
      expect(typeof method).toBe("function")
      await method!(...(sample.args ?? [sample.input]))
      expect(sent).toHaveLength(1)
      expect(sent[0]!.method).toBe(sample.method)
      expect(sent[0]!.path).toBe(sample.path)
      expect(sent[0]!.query).toEqual(sample.query ?? {})
      const hasBody = sample.method === "POST" || sample.method === "PUT" || entry.operation.bodyOnDelete
      expect(sent[0]!.body).toEqual(hasBody ? (sample.body ?? {}) : undefined)
      expect(sent[0]!.headers["bootpay-role"]).toBe(entry.operation.role ?? "user")
      await commerce.dispose()
    })
  }

  it("has every operation of the registry and a listAll beside every walked list", () => {
    const { commerce } = recordingFacade(null)
    for (const entry of Commerce.Registry.entries) {
      expect(typeof methodAt(commerce, entry.module, entry.name), `${entry.module}.${entry.name}`).toBe(
        "function"
      )
    }
    for (const [module, walkers] of Object.entries(Commerce.Registry.walkers)) {
      for (const name of Object.keys(walkers))
        expect(typeof methodAt(commerce, module, name)).toBe("function")
    }
    expect(Commerce.Registry.entries.length).toBeGreaterThanOrEqual(12)
  })
})

describe("BootpayCommerce facade against the fake server", () => {
  let fake: FakeServer.FakeServer
  let commerce: BootpayCommerce.BootpayCommerce
  beforeEach(async () => {
    fake = await FakeServer.start()
    commerce = BootpayCommerce.make({ clientKey: "test", secretKey: "test", baseUrl: fake.commerceUrl })
  })
  afterEach(async () => {
    await commerce.dispose()
    await fake.close()
  })

  it("joins, logs in with positional arguments, and reads the session with the member's JWT", async () => {
    const joined = await commerce.user.join({ login_id: "park", login_pw: "pw-0000", name: "박영희" })
    expect(await commerce.user.checkExist("id-exist", "park")).toEqual({ exists: true })
    expect(await commerce.user.checkExist("id-exist", "nobody")).toEqual({ exists: false })
    const login = await commerce.user.login("park", "pw-0000")
    const session = await commerce.user.userSession(Redacted.value(login.access_token!))
    expect(session.user?.user_id).toBe(joined.user_id)
    const detail = await commerce.user.detail(joined.user_id, { timeout: "5 seconds" })
    expect(detail.name).toBe("박영희")
  })

  it("walks every page with listAll, one request per page", async () => {
    const state = FakeCommerce.of(fake.store)
    for (let i = 0; i < 7; i++) state.createUser({ name: `회원 ${i}` })
    const names: Array<string> = []
    for await (const user of commerce.user.listAll({ limit: 3 })) names.push(String(user.name))
    expect(names).toHaveLength(7)
    const pages = fake.store.requests.filter((request) => request.operation === "Commerce.User.list")
    expect(pages.map((request) => request.query.page)).toEqual(["1", "2", "3"])
  })

  it("a walk that breaks early reads no further page", async () => {
    const state = FakeCommerce.of(fake.store)
    for (let i = 0; i < 7; i++) state.createUser()
    for await (const _ of commerce.user.listAll({ limit: 2 })) break
    expect(fake.store.requests.filter((request) => request.operation === "Commerce.User.list")).toHaveLength(
      1
    )
  })

  it("rejects with the tagged error itself", async () => {
    const missing = await commerce.user.detail("nobody").catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(BootpayError.NotFound)
    const bad = await commerce.user.checkExist("name-exist" as never, "x").catch((error: unknown) => error)
    expect((bad as BootpayError.InvalidRequest)._tag).toBe("InvalidRequest")
    expect(
      fake.store.requests.filter((request) => request.operation === "Commerce.User.checkExist")
    ).toHaveLength(0)
  })

  it("refuses bad call options, and every call after dispose, without sending", async () => {
    const bad = await commerce.user.detail("x", { signal: "stop" as never }).catch((error: unknown) => error)
    expect((bad as BootpayError.InvalidRequest)._tag).toBe("InvalidRequest")
    await commerce.dispose()
    const after = await commerce.user.detail("x").catch((error: unknown) => error)
    expect((after as BootpayError.InvalidRequest).issues[0]!.message).toContain("BootpayCommerce.make")
    expect(fake.store.requests).toHaveLength(0)
  })

  it("issues a Commerce token with the keychain in Basic auth and body", async () => {
    const token = await commerce.accessToken.issue()
    expect(Redacted.value(token.access_token)).toMatch(/^commerce-token-/)
    const sent = fake.store.requests.find((request) => request.operation === "Commerce.AccessToken.issue")!
    expect(sent.body).toMatchObject({ client_key: "test" })
  })
})

describe("BootpayCommerce.make", () => {
  it("throws InvalidConfig for PG keys, an unknown role or mode, and half a key pair", () => {
    const issues = (options: object) => {
      try {
        BootpayCommerce.make(options as BootpayCommerce.Options)
        return []
      } catch (error) {
        return (error as BootpayError.InvalidConfig).issues.map((issue) => issue.path)
      }
    }
    expect(issues({ applicationId: "a", privateKey: "b" })).toContain("credentials")
    expect(issues({ clientKey: "a", secretKey: "b", role: "root" })).toEqual(["role"])
    expect(issues({ clientKey: "a", secretKey: "b", mode: "prod" })).toEqual(["mode"])
    expect(issues({ clientKey: "a" })).toEqual(["secretKey"])
    expect(issues({ clientKey: "a", secretKey: "b", role: "supervisor" })).toEqual([])
  })

  it("keeps the mode's Commerce URL, never the PG one", () => {
    const commerce = BootpayCommerce.make({ clientKey: "a", secretKey: "b", mode: "development" })
    expect(commerce.role).toBe("user")
    return commerce.dispose()
  })

  it("types positional arguments as the official SDK takes them", () => {
    const commerce = BootpayCommerce.make({ clientKey: "a", secretKey: "b" })
    const check = (): Array<Promise<unknown>> => [
      commerce.user.checkExist("id-exist", "kim"),
      // @ts-expect-error the check type is one of Bootpay's five
      commerce.user.checkExist("name-exist", "kim"),
      // @ts-expect-error login takes the login id and the password
      commerce.user.login("kim")
    ]
    expect(typeof check).toBe("function")
    const role: Operation.Role = commerce.role
    expect(role).toBe("user")
    return commerce.dispose()
  })
})

describe("BootpayCommerce roles", () => {
  let fake: FakeServer.FakeServer
  beforeEach(async () => {
    fake = await FakeServer.start()
  })
  afterEach(() => fake.close())

  it("withRole and asSupervisor give the same client with another role; the original keeps its own", async () => {
    const commerce = BootpayCommerce.make({ clientKey: "test", secretKey: "test", baseUrl: fake.commerceUrl })
    const supervisor = commerce.asSupervisor()
    expect([commerce.role, supervisor.role, commerce.withRole("vendor").role]).toEqual([
      "user",
      "supervisor",
      "vendor"
    ])
    await supervisor.user.list()
    await commerce.user.list()
    await commerce.user.list(undefined, { role: "manager" })
    await supervisor.user.uidExist("ex-1")
    const roles = fake.store.requests.map((request) => request.headers["bootpay-role"])
    expect(roles).toEqual(["supervisor", "user", "manager", "user"])
    const bad = await commerce.user
      .list(undefined, { role: "root" as never })
      .catch((error: unknown) => error)
    expect((bad as BootpayError.InvalidRequest).issues.map((issue) => issue.path)).toEqual(["options.role"])
    await supervisor.dispose()
    const after = await commerce.user.list().catch((error: unknown) => error)
    expect((after as BootpayError.InvalidRequest)._tag).toBe("InvalidRequest")
  })
})

describe("BootpayCommerce positional arguments with an object of further fields", () => {
  it("supervisorPause(id, { paused_at }) and adjustment create(id, fields, key) send what the Effect API sends", async () => {
    const { commerce, sent } = recordingFacade({ order_subscription_id: "s-1" })
    await commerce.orderSubscription.supervisorPause("s-1", {
      paused_at: "2026-04-01T00:00:00+09:00",
      reason: "휴가"
    })
    expect(sent[0]).toMatchObject({
      method: "PUT",
      path: "/order_subscriptions/s-1/pause",
      body: { paused_at: "2026-04-01T00:00:00+09:00", reason: "휴가" }
    })
    const typed = () =>
      // @ts-expect-error paused_at is required
      commerce.orderSubscription.supervisorPause("s-1", { reason: "휴가" })
    expect(typeof typed).toBe("function")
    const refused = await commerce.orderSubscription
      .supervisorPause("s-1", "later" as never)
      .catch((e: unknown) => e)
    expect((refused as BootpayError.InvalidRequest)._tag).toBe("InvalidRequest")
    expect(sent).toHaveLength(1)
    await commerce.dispose()
  })
})

describe("BootpayCommerce product images", () => {
  it("create(product, [file paths]) reads the files and sends them as multipart parts", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises")
    const { join } = await import("node:path")
    const { tmpdir } = await import("node:os")
    const dir = await mkdtemp(join(tmpdir(), "commerce-images-"))
    const fake = await FakeServer.start()
    const commerce = BootpayCommerce.make({ clientKey: "test", secretKey: "test", baseUrl: fake.commerceUrl })
    try {
      const photo = join(dir, "photo.png")
      await writeFile(photo, new Uint8Array([137, 80, 78, 71, 1, 2, 3]))
      const product = await commerce.product.create(
        { name: "원두" },
        [photo, new Blob(["second"])],
        "key-img-1"
      )
      expect(product.name).toBe("원두")
      const sent = fake.store.requests.find((request) => request.operation === "Commerce.Product.create")!
      expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/)
      expect(sent.headers["idempotency-key"]).toBe("key-img-1")
      const stored = FakeCommerce.of(fake.store).collection("productImages").get(String(product.product_id))
      expect(
        (stored!.files as ReadonlyArray<{ filename: string; size: number }>).map((file) => file.size)
      ).toEqual([7, 6])
      const missing = await commerce.product
        .create({ name: "x" }, [join(dir, "nope.png")])
        .catch((e: unknown) => e)
      expect((missing as BootpayError.InvalidRequest).issues[0]!.path).toBe("images.0")
    } finally {
      await commerce.dispose()
      await fake.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
