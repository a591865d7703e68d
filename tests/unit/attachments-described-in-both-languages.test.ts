// A transcript names every attachment with its size and kind, in the reader's language.
import { describe, expect, it } from "vitest";
import { describeAttachment, formatFileSize } from "@live-chat/protocol";

describe("an attachment in a transcript", () => {
  it("reads with name, size and kind in English and Dutch", () => {
    const pdf = { name: "order.pdf", size: 12_800, type: "application/pdf" };
    expect(describeAttachment(pdf, "en")).toBe("Attachment: order.pdf (12.5 KB, PDF)");
    expect(describeAttachment(pdf, "nl")).toBe("Bijlage: order.pdf (12,5 KB, pdf)");
    expect(describeAttachment({ name: "x.bin", size: 10, type: "application/x-unknown" }, "nl")).toBe("Bijlage: x.bin (10 B, bestand)");
  });

  it("gives sizes in the largest unit that fits", () => {
    expect(formatFileSize(1023, "en")).toBe("1023 B");
    expect(formatFileSize(10 * 1024 * 1024, "en")).toBe("10 MB");
    expect(formatFileSize(1_300_000, "nl")).toBe("1,2 MB");
  });
});
