/**
 * How the fake reads a `multipart/form-data` body: parsed as a server would (a web `Request`'s
 * `formData()`), then handed to the routers as the JSON text they read, text fields as they are
 * and each file as `{ filename, size, type }`.
 */

/** Whether a content type is a multipart form. */
export const isMultipart = (contentType: string | undefined): boolean =>
  (contentType ?? "").toLowerCase().startsWith("multipart/form-data")

/** What a body that cannot be read as a form becomes: text that is not JSON, which routers refuse. */
const unreadable = "<unreadable multipart body>"

/** The JSON text of a multipart body with its content type (and boundary). */
export const formJson = async (bytes: Uint8Array, contentType: string): Promise<string> => {
  try {
    const form = await new Request("http://fake.bootpay.local/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: bytes
    }).formData()
    const fields: Record<string, unknown> = {}
    for (const [name, value] of form.entries()) {
      fields[name] =
        typeof value === "string" ? value : { filename: value.name, size: value.size, type: value.type }
    }
    return JSON.stringify(fields)
  } catch {
    return unreadable
  }
}

/** A form the in-memory client holds, serialized as `fetch` would send it: bytes and content type. */
export const serialize = async (form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> => {
  const response = new Response(form)
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get("content-type") ?? "multipart/form-data"
  }
}
