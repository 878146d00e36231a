/**
 * A product created with image files, on the wire: the node transport sends `multipart/form-data`
 * (fields as text, booleans `'true'`/`'false'`, objects and arrays JSON, files `images[0]`,
 * `images[1]`, ...) to a loopback capture server, keeps the `Idempotency-Key` and the parts on a
 * retry, and sends JSON when no file is given; the fake server keeps the files' names and sizes.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { describe, expect, it } from "@effect/vitest"
import { Commerce, CommerceClient } from "@effect-bootpay/core"
import { FakeCommerce, FakeServer } from "@effect-bootpay/testing"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as UndiciClient from "../src/internal/undiciClient.js"

/** One request as the capture server received it: headers and the raw body bytes. */
interface Captured {
  readonly method: string
  readonly url: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: Buffer
}

/** A loopback server that records each request; `drop(n)` cuts the n-th connection before answering. */
const capture = (drop: (index: number) => boolean = () => false) =>
  Effect.acquireRelease(
    Effect.async<{ readonly origin: string; readonly seen: Array<Captured>; readonly server: Http.Server }>(
      (resume) => {
        const seen: Array<Captured> = []
        const server = Http.createServer((request, response) => {
          const chunks: Array<Buffer> = []
          request.on("data", (chunk: Buffer) => chunks.push(chunk))
          request.on("end", () => {
            const index = seen.length
            seen.push({
              method: request.method ?? "",
              url: request.url ?? "",
              headers: request.headers,
              body: Buffer.concat(chunks)
            })
            if (drop(index)) {
              request.socket.destroy()
              return
            }
            response.writeHead(200, { "content-type": "application/json" })
            response.end(JSON.stringify({ success: true, data: { product_id: "p-1", name: "원두" } }))
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ origin: `http://127.0.0.1:${port}`, seen, server }))
        })
      }
    ),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const commerceLayer = (baseUrl: string) =>
  CommerceClient.layer({ clientKey: "ck-wire", secretKey: "sk-wire", baseUrl, allowInsecureHttp: true }).pipe(
    Layer.provide(UndiciClient.layer),
    Layer.orDie
  )

/** The parts of a captured multipart body, parsed as a server would. */
const partsOf = (seen: Captured) =>
  new Request("http://127.0.0.1/", {
    method: "POST",
    headers: { "content-type": String(seen.headers["content-type"]) },
    body: new Uint8Array(seen.body)
  }).formData()

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe("Commerce.Product.create with images on the wire", () => {
  it.scopedLive("the node transport sends the fields and files as multipart/form-data", () =>
    Effect.gen(function* () {
      const { origin, seen } = yield* capture()
      const created = yield* Commerce.Product.create({
        name: "원두",
        display_price: 12_000,
        use_stock: true,
        status_sale: false,
        search_tags: ["커피", "원두"],
        options: [{ name: "분쇄", price: 0 }],
        images: [new File([png], "front.png", { type: "image/png" }), new Uint8Array([7, 7, 7])],
        idempotency_key: "product-upload-1"
      }).pipe(Effect.provide(commerceLayer(`${origin}/v1`)))
      expect(created.product_id).toBe("p-1")
      expect(seen).toHaveLength(1)
      const sent = seen[0]!
      expect(sent.method).toBe("POST")
      expect(sent.url).toBe("/v1/products")
      expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/)
      expect(Number(sent.headers["content-length"])).toBe(sent.body.length)
      expect(sent.headers["bootpay-role"]).toBe("manager")
      expect(sent.headers["idempotency-key"]).toBe("product-upload-1")
      expect(sent.headers.authorization).toBe(`Basic ${btoa("ck-wire:sk-wire")}`)
      const form = yield* Effect.promise(() => partsOf(sent))
      expect([...form.keys()].sort()).toEqual(
        [
          "display_price",
          "images[0]",
          "images[1]",
          "name",
          "options",
          "search_tags",
          "status_sale",
          "use_stock"
        ].sort()
      )
      expect(form.get("name")).toBe("원두")
      expect(form.get("display_price")).toBe("12000")
      expect(form.get("use_stock")).toBe("true")
      expect(form.get("status_sale")).toBe("false")
      expect(JSON.parse(String(form.get("search_tags")))).toEqual(["커피", "원두"])
      expect(JSON.parse(String(form.get("options")))).toEqual([{ name: "분쇄", price: 0 }])
      const front = form.get("images[0]") as File
      expect(front.name).toBe("front.png")
      expect(front.type).toBe("image/png")
      expect(new Uint8Array(yield* Effect.promise(() => front.arrayBuffer()))).toEqual(png)
      const second = form.get("images[1]") as File
      expect(second.name).toBe("images-1")
      expect(second.size).toBe(3)
      expect(form.has("images")).toBe(false)
      expect(form.has("idempotency_key")).toBe(false)
    })
  )

  it.scopedLive("a retry after a cut connection sends the same key and the same parts again", () =>
    Effect.gen(function* () {
      const { origin, seen } = yield* capture((index) => index === 0)
      yield* Commerce.Product.create(
        { name: "원두", images: [new File([png], "a.png", { type: "image/png" })] },
        { retry: 2 }
      ).pipe(Effect.provide(commerceLayer(`${origin}/v1`)))
      expect(seen).toHaveLength(2)
      const [first, second] = seen
      expect(second!.headers["idempotency-key"]).toBe(first!.headers["idempotency-key"])
      const parts = yield* Effect.promise(() => Promise.all([partsOf(first!), partsOf(second!)]))
      expect(parts.map((form) => (form.get("images[0]") as File).size)).toEqual([png.length, png.length])
      expect(parts.map((form) => form.get("name"))).toEqual(["원두", "원두"])
    })
  )

  it.scopedLive("without files (or with an empty list) the product goes as JSON", () =>
    Effect.gen(function* () {
      const { origin, seen } = yield* capture()
      const layer = commerceLayer(`${origin}/v1`)
      yield* Commerce.Product.create({ name: "원두", use_stock: true }).pipe(Effect.provide(layer))
      yield* Commerce.Product.create({ name: "원두", images: [] }).pipe(Effect.provide(layer))
      expect(seen.map((s) => s.headers["content-type"])).toEqual(["application/json", "application/json"])
      expect(seen.map((s) => JSON.parse(s.body.toString("utf8")))).toEqual([
        { name: "원두", use_stock: true },
        { name: "원두" }
      ])
    })
  )

  it.scopedLive("an empty file or a non-file image is refused and nothing is sent", () =>
    Effect.gen(function* () {
      const { origin, seen } = yield* capture()
      const layer = commerceLayer(`${origin}/v1`)
      const empty = yield* Effect.flip(
        Commerce.Product.create({ name: "원두", images: [new Blob([])] }).pipe(Effect.provide(layer))
      )
      expect(empty._tag).toBe("InvalidRequest")
      const text = yield* Effect.flip(
        Commerce.Product.create({ name: "원두", images: ["/tmp/a.png"] as never }).pipe(Effect.provide(layer))
      )
      expect(text._tag).toBe("InvalidRequest")
      expect(seen).toHaveLength(0)
    })
  )

  it.scopedLive("the fake server reads the form and keeps each image's name, size and type", () =>
    Effect.gen(function* () {
      const server = yield* Effect.acquireRelease(
        Effect.promise(() => FakeServer.start()),
        (running) => Effect.promise(() => running.close())
      )
      const layer = CommerceClient.layer({
        clientKey: "test",
        secretKey: "test",
        baseUrl: server.commerceUrl,
        allowInsecureHttp: true
      }).pipe(Layer.provide(UndiciClient.layer), Layer.orDie)
      const created = yield* Commerce.Product.create({
        name: "원두",
        display_price: 12_000,
        use_stock: true,
        stock: 4,
        options: [{ name: "분쇄", price: 500 }],
        images: [
          new File([png], "front.png", { type: "image/png" }),
          new File([new Uint8Array(40)], "side.jpg")
        ]
      }).pipe(Effect.provide(layer))
      expect(created.display_price).toBe(12_000)
      expect(created.use_stock).toBe(true)
      expect(created.stock).toBe(4)
      expect(created.options).toEqual([{ name: "분쇄", price: 500 }])
      expect(created.images).toHaveLength(2)
      const stored = FakeCommerce.of(server.store).collection("productImages").get(created.product_id)!
      expect(stored.files).toEqual([
        { filename: "front.png", size: png.length, type: "image/png" },
        { filename: "side.jpg", size: 40, type: "application/octet-stream" }
      ])
      const recorded = server.store.requests.find((r) => r.operation === "Commerce.Product.create")!
      expect(recorded.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/)
    })
  )
})
