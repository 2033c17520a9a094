import { describe, expect, it } from "vitest";
import { TeamReviewFormSchema, teamWheelCandidates, type TeamWork } from "./teams";

const team = (id: number, name: string, openCoes: number, openItems: number): TeamWork => ({ id, name, openCoes, openItems });

describe("the teams the wheel may pick", () => {
  const teams = [team(1, "Storage", 2, 5), team(2, "Payments", 0, 3), team(3, "Identity", 1, 0), team(4, "Edge/Networking", 0, 0), team(5, "Billing", 4, 1)];

  it("are the teams with open COEs or open action items, in name order", () => {
    expect(teamWheelCandidates(teams, [])).toEqual([
      { id: 5, label: "Billing" },
      { id: 3, label: "Identity" },
      { id: 2, label: "Payments" },
      { id: 1, label: "Storage" },
    ]);
  });

  it("leave out those this meeting has reviewed, until none is left", () => {
    expect(teamWheelCandidates(teams, [1, 5]).map((c) => c.id)).toEqual([3, 2]);
    expect(teamWheelCandidates(teams, new Set([1, 2, 3, 5]))).toEqual([]);
    expect(teamWheelCandidates([], [])).toEqual([]);
  });
});

describe("the team review form", () => {
  it("takes a team and an optional follow-up, trimmed", () => {
    expect(TeamReviewFormSchema.parse({ teamId: "3" })).toEqual({ teamId: 3, followUp: "" });
    expect(TeamReviewFormSchema.parse({ teamId: "3", followUp: "  Bring the p90 down  " })).toEqual({ teamId: 3, followUp: "Bring the p90 down" });
  });

  it("refuses a team that is not a whole number", () => {
    for (const teamId of ["", "0", "x", "1.5"]) expect(TeamReviewFormSchema.safeParse({ teamId }).success, teamId).toBe(false);
  });
});
