import { describe, expect, it } from "vitest";
import { bodyKind, mediaType } from "./request-body.server";

const withBody = (type?: string) => ({ "content-length": "12", ...(type === undefined ? {} : { "content-type": type }) });

describe("bodyKind", () => {
  it("forms and JSON by media type, whatever the parameters and case", () => {
    expect(bodyKind(withBody("application/x-www-form-urlencoded"))).toBe("form");
    expect(bodyKind(withBody("multipart/form-data; boundary=x"))).toBe("form");
    expect(bodyKind(withBody("application/json"))).toBe("json");
    expect(bodyKind(withBody("Application/JSON; charset=utf-8"))).toBe("json");
    expect(bodyKind({ "transfer-encoding": "chunked", "content-type": "application/json" })).toBe("json");
  });

  it.each([
    undefined,
    "",
    "text/plain",
    "application/json-seq",
    "application/ld+json",
    "application/json, text/plain",
    "text/json",
    "application/octet-stream",
  ])("a body of type %j is unsupported", (type) => {
    expect(bodyKind(withBody(type))).toBe("unsupported");
  });

  it("an empty POST without a type has no body; with a type that is neither form nor JSON it is still refused", () => {
    expect(bodyKind({})).toBe("none");
    expect(bodyKind({ "content-length": "0" })).toBe("none");
    expect(bodyKind({ "content-length": "0", "content-type": "text/plain" })).toBe("unsupported");
    expect(bodyKind({ "content-length": "0", "content-type": "application/x-www-form-urlencoded" })).toBe("form");
  });
});

describe("mediaType", () => {
  it("is the type without parameters, lower-cased", () => {
    expect(mediaType(" Text/Plain ; charset=utf-8")).toBe("text/plain");
    expect(mediaType(undefined)).toBe("");
  });
});
