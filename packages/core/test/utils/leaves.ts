/** Walking an input's string fields, for tests that put a bad value into each one. */

/** Where a value sits inside an input: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>

/** The path of every string in a value (`[]` when the value itself is one). */
export const stringLeaves = (value: unknown, path: Path = []): Array<Path> => {
  if (typeof value === "string") return [path]
  if (Array.isArray(value)) return value.flatMap((element, index) => stringLeaves(element, [...path, index]))
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, element]) => stringLeaves(element, [...path, key]))
  }
  return []
}

/** `value` with what sits at `path` replaced (copied along the path, never changed in place). */
export const setAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >
  copy[head!] = setAt(copy[head!], rest, replacement)
  return copy
}
