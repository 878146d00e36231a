/** A tracer that records every span with its attributes, for span assertions. */
import type * as Context from "effect/Context"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

/** A finished or running span as recorded. */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ name: string; attributes: Record<string, unknown> | undefined }>
}

/** A tracer and the spans it has seen. */
export const recordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let next = 0
  const tracer = Tracer.make({
    span(name, parent, context: Context.Context<never>, links, startTime, kind) {
      next += 1
      const attributes = new Map<string, unknown>()
      const events: RecordedSpan["events"] = []
      spans.push({ name, attributes, events })
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: `span-${next}`,
        traceId: "trace-1",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => undefined,
        attribute: (key, value) => {
          attributes.set(key, value)
        },
        event: (eventName, _time, eventAttributes) => {
          events.push({ name: eventName, attributes: eventAttributes })
        },
        addLinks: () => undefined
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans, names: () => spans.map((span) => span.name), parentless: Option.none() }
}
