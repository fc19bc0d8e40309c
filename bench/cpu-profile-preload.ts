// Preloaded into packs when BENCH_PROFILE_DIR is set: records a CPU profile from start to
// SIGTERM (how the harness stops packs) and writes it there. Node 20 refuses --cpu-prof in
// NODE_OPTIONS, and writes --cpu-prof output only on a normal exit anyway.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import * as path from "node:path";

const directory = process.env.BENCH_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  process.once("SIGTERM", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) {
        mkdirSync(directory, { recursive: true });
        writeFileSync(path.join(directory, `pack-${path.basename(process.cwd())}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
      process.exit(0);
    });
  });
}
