/** The election a subcommand acts on, as typed (E1, e1, 1); /election, /nominate, /nomination, /endorse and /vote share it. */
export const electionOption = { name: "election", type: "election", description: "The election's id, like E1; /election list shows them.", required: true } as const;
