// Shutdown waits for the work the server started on its own, including work that work started,
// logs failures instead of leaving unhandled rejections, and refuses work once it has closed.
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { BackgroundWork } from "../../apps/server/src/background.js";

function recordingLogger() {
  const lines: Array<{ level: number; msg: string; label?: string }> = [];
  const log = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("background work", () => {
  it("settles only when work and the work it started are done", async () => {
    const { log } = recordingLogger();
    const work = new BackgroundWork(log);
    const done: string[] = [];
    work.run("first", async () => {
      await later(20);
      done.push("first");
      work.run("second", async () => {
        await later(20);
        done.push("second");
      });
    });
    expect(await work.settle()).toBe(true);
    expect(done).toEqual(["first", "second"]);
    expect(work.inFlight).toBe(0);
  });

  it("logs a failure under its label instead of rejecting", async () => {
    const { log, lines } = recordingLogger();
    const work = new BackgroundWork(log);
    work.run("doomed", async () => {
      throw new Error("client is closed");
    });
    await work.settle();
    expect(lines.some((l) => l.msg === "background work failed" && l.label === "doomed")).toBe(true);
  });

  it("waits for a tracked promise and hands its result and error back unchanged", async () => {
    const { log } = recordingLogger();
    const work = new BackgroundWork(log);
    const ok = work.track(later(30).then(() => 42));
    const failed = work.track(Promise.reject(new Error("nope")));
    await expect(failed).rejects.toThrow("nope");
    expect(work.inFlight).toBe(1);
    await work.settle();
    expect(await ok).toBe(42);
  });

  it("gives up after its timeout and refuses new work once closed", async () => {
    const { log, lines } = recordingLogger();
    const work = new BackgroundWork(log);
    work.run("hung", () => new Promise(() => undefined));
    expect(await work.close(50)).toBe(false);
    let ran = false;
    work.run("too late", async () => {
      ran = true;
    });
    await later(10);
    expect(ran).toBe(false);
    expect(lines.some((l) => l.msg === "shutdown went on with background work still running")).toBe(true);
  });
});
