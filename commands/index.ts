// Every command, listed explicitly: adding one is a one-line change here, nothing is discovered at run time.
import type { CommandDefinition } from "../src/commandDefinition.ts";
import { makeCaucusCommand } from "./caucus.ts";
import { constituency } from "./constituency.ts";
import { deadline } from "./deadline.ts";
import { election } from "./election.ts";
import { endorse } from "./endorse.ts";
import { mandate } from "./mandate.ts";
import { nominate } from "./nominate.ts";
import { nomination } from "./nomination.ts";
import { vote } from "./vote.ts";
import { quiet } from "./quiet.ts";
import { timezone } from "./timezone.ts";

export const commands: readonly CommandDefinition[] = [
  makeCaucusCommand(() => commands),
  timezone,
  constituency,
  deadline,
  quiet,
  election,
  nominate,
  nomination,
  endorse,
  vote,
  mandate,
];
