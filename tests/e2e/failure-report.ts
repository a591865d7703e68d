// When a browser test fails, what the other sides saw: the server's warnings and errors and its last
// lines, and what the pages wrote to their consoles. Written to stderr, which the list reporter shows
// in the run's output, so a failure in CI can be read there and not only on the machine that ran it.
import type { BrowserContext, TestInfo } from "@playwright/test";

const LINE = 400;

function failed(info: TestInfo): boolean {
  return info.status !== info.expectedStatus;
}

/** The server log written during the test (pino JSON lines): warnings and worse, then the last lines. */
export function reportServerLog(info: TestInfo, output: string, label = "server"): void {
  if (!failed(info)) return;
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  const loud = lines.filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 40;
    } catch {
      return true; // not pino's: a crash trace or a warning from Node
    }
  });
  const shown = [`--- ${label} during "${info.title}": ${loud.length} warnings or errors in ${lines.length} lines`, ...loud.slice(-20), `--- ${label}, last lines`, ...lines.slice(-12)];
  process.stderr.write(shown.map((line) => `  ${line.slice(0, LINE)}`).join("\n") + "\n");
}

/** Collects every page's console warnings, errors and uncaught exceptions; report() prints them after a failure. */
export function watchBrowserConsole(context: BrowserContext): { report: (info: TestInfo) => void } {
  const seen: string[] = [];
  const stamp = () => new Date().toISOString().slice(11, 23);
  context.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") seen.push(`${stamp()} ${message.type()}: ${message.text()} (${message.page()?.url() ?? "?"})`);
  });
  context.on("weberror", (error) => seen.push(`${stamp()} uncaught: ${error.error().message}`));
  return {
    report: (info) => {
      if (!failed(info)) return;
      process.stderr.write([`--- browser console during "${info.title}": ${seen.length} warnings or errors`, ...seen.slice(-30)].map((line) => `  ${line.slice(0, LINE)}`).join("\n") + "\n");
    },
  };
}
