// A child process for the concurrency test: appends `count` records tagged with `writer`.
import { appendJsonl } from "../../../core/fs/jsonl.ts";

const [path, writer, count] = Deno.args;
for (let index = 0; index < Number(count); index++) {
  await appendJsonl(path, [{ writer: Number(writer), index, pad: "x".repeat(index % 97) }]);
}
