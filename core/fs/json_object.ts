/**
 * Reading a JSON object file that may be missing, torn or not an object:
 * run records (`agent_meta.json`, `done.json`) are read by many processes
 * while others write them, and a reader must simply see "nothing yet".
 *
 * @module
 */

function asObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The object in `path`, or undefined when it is missing or not a JSON object. */
export async function readJsonObject(path: string): Promise<Record<string, unknown> | undefined> {
  const text = await Deno.readTextFile(path).catch(() => undefined);
  return text === undefined ? undefined : asObject(text);
}

/** {@linkcode readJsonObject}, synchronously. */
export function readJsonObjectSync(path: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
  return asObject(text);
}
