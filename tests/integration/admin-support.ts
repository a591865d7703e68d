// Helpers for the admin tests: the server answers in the language stored on the caller's account.
import { api, login } from "../support/clients.js";

/** Sets the signed-in admin's language to Dutch and returns a fresh token that carries it. */
export async function dutchAdminToken(url: string, adminToken: string): Promise<string> {
  const me = await api<{ id: string; email: string }>(url, "/api/me", { token: adminToken });
  const res = await api(url, `/api/users/${me.body.id}`, { method: "PATCH", token: adminToken, body: { locale: "nl" } });
  if (res.status !== 200) throw new Error(`could not set the admin's language: ${res.status}`);
  return (await login(url)).token;
}
