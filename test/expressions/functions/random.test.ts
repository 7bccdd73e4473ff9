import { describe, expect, it } from "vitest";
import { ExpressionEvaluationError } from "../../../src/expressions/index.js";
import { evaluateToValue, seededRandom } from "../eval-context.js";

describe("random functions", () => {
  it("Guid gives a lower-case version-4 GUID from the injected random source", () => {
    const guid = evaluateToValue("Guid()", {}, undefined, seededRandom(3));
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluateToValue("Guid()", {}, undefined, seededRandom(3))).toBe(guid);
    expect(evaluateToValue("Guid()", {}, undefined, seededRandom(4))).not.toBe(guid);
  });

  it("RandomString meets every minimum and never uses avoided characters", () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = evaluateToValue(
        'RandomString(12, 3, 2, 2, 2, "0Oo1lI")',
        {},
        undefined,
        seededRandom(seed),
      ) as string;
      expect(s).toHaveLength(12);
      expect(s.replace(/[^0-9]/g, "").length).toBeGreaterThanOrEqual(3);
      expect(s.replace(/[A-Za-z0-9]/g, "").length).toBeGreaterThanOrEqual(2);
      expect(s.replace(/[^A-Z]/g, "").length).toBeGreaterThanOrEqual(2);
      expect(s.replace(/[^a-z]/g, "").length).toBeGreaterThanOrEqual(2);
      expect(s).not.toMatch(/[0Oo1lI]/);
    }
  });

  it("RandomString rejects a length below the sum of the minimums or above 256", () => {
    expect(() => evaluateToValue("RandomString(3, 2, 2, 0, 0)")).toThrow(ExpressionEvaluationError);
    expect(() => evaluateToValue("RandomString(257, 0, 0, 0, 0)")).toThrow(ExpressionEvaluationError);
    expect(() => evaluateToValue('RandomString(4, 1, 0, 0, 0, "0123456789")')).toThrow(
      "Expected some numbers left after CharactersToAvoid, got none",
    );
  });
});
