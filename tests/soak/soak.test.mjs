// The soak for one minute, as `make test` runs it: the real `pandu serve` (debug build) at a busy
// live's pace with the overlay and the host view open in headless Chromium and a client on
// /api/events. It checks what a minute can show: no request failed, every comment reached the
// archive, the open file descriptors and the threads did not grow after the warm-up, and the
// memory after it stayed within a generous bound. `make soak` runs it for hours (release build).
//
// Run: node --test tests/soak/   (after `make build`; PANDU_BIN overrides the binary)

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { root } from "./soak.mjs";

test("a minute of a busy live stays flat", () => {
  const out = join(root, "target", "soak", "test");
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync(
    process.execPath,
    [
      join(root, "tests", "soak", "soak.mjs"),
      ...["--minutes", "1", "--out", out, "--sample", "2", "--warmup", "20"],
      ...[
        "--bin",
        process.env.PANDU_BIN ?? join(root, "target", "debug", "pandu"),
      ],
      // Everything a long run does, within the minute: two bursts, drops, slots moving on.
      ...[
        "--burst-every",
        "20",
        "--burst-seconds",
        "3",
        "--drop-every",
        "15",
        "--slot-seconds",
        "12",
      ],
    ],
    { encoding: "utf8", timeout: 10 * 60_000 },
  );
  assert.equal(run.status, 0, `the soak failed:\n${run.stdout}\n${run.stderr}`);
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));

  assert.deepEqual(summary.failures, []);
  assert.ok(
    summary.sent.comments > 1800,
    `only ${summary.sent.comments} comments sent in a minute`,
  );
  assert.equal(summary.archived_comments, summary.sent.comments);
  assert.ok(
    summary.drops >= 3 && summary.slotMoves >= 3,
    `${summary.drops} drops, ${summary.slotMoves} slot moves`,
  );
  assert.ok(
    summary.end.chromium_renderers_rss_mib > 0,
    "no Chromium renderer was measured",
  );

  const { warm, end, growth_after_warmup: growth } = summary;
  // A socket or a thread a little more or less at a given moment is the pool breathing; a leak
  // per request or per drop would be hundreds here.
  assert.ok(
    growth.pandu_fds_max <= warm.pandu_fds + 4,
    `fds ${warm.pandu_fds} at warm-up, up to ${growth.pandu_fds_max} after`,
  );
  assert.ok(
    end.pandu_fds <= warm.pandu_fds + 2,
    `fds ${warm.pandu_fds} at warm-up, ${end.pandu_fds} at the end`,
  );
  assert.ok(
    growth.pandu_threads_max <= warm.pandu_threads + 4,
    `threads ${warm.pandu_threads} at warm-up, up to ${growth.pandu_threads_max} after`,
  );
  assert.ok(
    growth.pandu_rss_max_mib <= warm.pandu_rss_mib * 1.5,
    `RSS ${warm.pandu_rss_mib} MiB at warm-up, up to ${growth.pandu_rss_max_mib} MiB after`,
  );
});
