// JSON kept in a text column (audit data, event data): parsed back, or the text itself when it is not JSON.
export function parseStoredJson(data: string | null): unknown {
  if (data === null) return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
