// Which client versions a server can serve: the same major (any minor), or none sent (the time before versioning).
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, protocolMajor, speaksProtocol } from "@live-chat/protocol";

describe("protocol version", () => {
  it("is major.minor and speaks its own major with any minor", () => {
    const major = protocolMajor(PROTOCOL_VERSION);
    expect(major).toBe(1);
    expect(speaksProtocol(PROTOCOL_VERSION)).toBe(true);
    expect(speaksProtocol(`${major}.0`)).toBe(true);
    expect(speaksProtocol(`${major}.42`)).toBe(true);
    expect(speaksProtocol(undefined)).toBe(true);
  });

  it("does not speak another major or a version that is not major.minor", () => {
    for (const other of ["2.0", "0.9", "10.1", "1", "1.0.0", "v1.0", "", " 1.0", "1.0\u0000"]) expect(speaksProtocol(other), other).toBe(false);
  });
});
