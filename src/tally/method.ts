import * as z from "zod";

/** The counting methods the engine knows; every switch over them is exhaustive. */
export const methods = ["scottish-stv", "meek", "irv", "approval", "schulze"] as const;

export type Method = (typeof methods)[number];

export const methodSchema = z.enum(methods);
