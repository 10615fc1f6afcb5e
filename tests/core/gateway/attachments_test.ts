import { join } from "node:path";
import { assertEquals, assertRejects } from "../../_helpers/assert.ts";
import {
  ATTACHMENT_TOKEN_TTL_MS,
  AttachmentVault,
  MAX_ATTACHMENT_BYTES,
} from "../../../core/gateway/attachments.ts";
import { GatewayError } from "../../../core/gateway/errors.ts";

Deno.test("attachment tokens expire after 5 minutes (the last millisecond still works)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "plan.md");
    await Deno.writeTextFile(file, "# Plan\n");
    let now = 1_000_000;
    const vault = new AttachmentVault(() => now);
    const token = vault.manifest("dev_a", "n1", 0, file).token!;
    assertEquals(ATTACHMENT_TOKEN_TTL_MS, 300_000);
    now += ATTACHMENT_TOKEN_TTL_MS - 1;
    assertEquals(
      new TextDecoder().decode((await vault.download(token, "dev_a")).bytes),
      "# Plan\n",
    );
    now += 1;
    await assertRejects(
      () => vault.download(token, "dev_a"),
      GatewayError,
      "unknown or expired attachment token",
    );
    // Gone for good, even if the clock went back.
    now -= 10;
    await assertRejects(() => vault.download(token, "dev_a"), GatewayError, "unknown or expired");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("attachments: the size limit is inclusive; content changed after minting is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const exact = join(dir, "exact.txt");
    await Deno.writeFile(exact, new Uint8Array(MAX_ATTACHMENT_BYTES));
    const vault = new AttachmentVault();
    const manifest = vault.manifest("dev_a", "n1", 3, exact);
    assertEquals([manifest.id, manifest.downloadable, manifest.byte_size], [
      "att_003",
      true,
      MAX_ATTACHMENT_BYTES,
    ]);
    await Deno.writeFile(exact, new Uint8Array(5));
    await assertRejects(
      () => vault.download(manifest.token!, "dev_a"),
      GatewayError,
      "changed since the link was made",
    );
    // Relative, dotted and unknown-kind paths never get a token.
    for (
      const path of ["plan.md", `${dir}/./exact.txt`, `${dir}//exact.txt`, join(dir, "tool.exe")]
    ) {
      assertEquals(vault.manifest("dev_a", "n1", 0, path).token, null, path);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
