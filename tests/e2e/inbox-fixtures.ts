// What the inbox and admin specs share: one real server process per spec file, and signing in the
// way the tests read the inbox (in English, on the account too, since the language is the account's).
import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "../support/clients.js";
import { spawnServer, type SpawnedServer } from "../support/spawn-server.js";
import { standIn } from "../support/stand-in.js";
import { startSmtpSink, type SmtpSink } from "../integration/mail-support.js";
import { reportServerLog, watchBrowserConsole } from "./failure-report.js";

/** After each failed test of the file: what the file's server logged during that test, and the pages' console. */
function reportEachFailure(server: () => SpawnedServer | undefined): void {
  let from = 0;
  let browser: ReturnType<typeof watchBrowserConsole> | undefined;
  test.beforeEach(({ context }) => {
    from = server()?.output().length ?? 0;
    browser = watchBrowserConsole(context);
  });
  test.afterEach(({}, info) => {
    const current = server();
    if (current) reportServerLog(info, current.output().slice(from));
    browser?.report(info);
  });
}

/** A server for this spec file: started before its first test, stopped after its last. */
export function useSpawnedServer(options: Parameters<typeof spawnServer>[0] = {}): SpawnedServer {
  let current: SpawnedServer | undefined;
  test.beforeAll(async () => {
    current = await spawnServer(options);
  });
  test.afterAll(async () => {
    await current?.stop();
  });
  reportEachFailure(() => current);
  return standIn(() => current, "the server");
}

/** Opens the inbox and signs in, in English. */
export async function signInToInbox(page: Page, url: string, who: { email: string; password: string } = ADMIN): Promise<void> {
  await page.addInitScript(() => localStorage.setItem("live-chat.inbox.locale", "en"));
  await page.goto(`${url}/inbox`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Status")).toBeVisible();
  await page.getByLabel(/Language|Taal/).selectOption("en");
}

/** A real SMTP server started by the test and a server process that mails to it, for this spec file. */
export function useServerWithMail(env: Record<string, string> = {}): { server: SpawnedServer; smtp: SmtpSink } {
  let smtp: SmtpSink | undefined;
  let server: SpawnedServer | undefined;
  test.beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await spawnServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Support <support@shop.example>", MAIL_POLL_MS: "200", ...env } });
  });
  test.afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });
  reportEachFailure(() => server);
  return { server: standIn(() => server, "the server"), smtp: standIn(() => smtp, "the SMTP server") };
}
