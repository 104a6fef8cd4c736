// Shapes of JSON columns, parsed whenever they are read back from the database.
import { z } from "zod";

export const channelRefSchema = z.object({
  platform: z.string(),
  workspaceId: z.string(),
  channelId: z.string(),
  name: z.string().optional(),
});

export const ladderSchema = z.array(z.number().int().positive());
