/** The three states a verdict can be in (green / amber / red), always shown with words too. */
export type Tone = "good" | "attention" | "problem";

/** What a status icon depicts: a tone, or plain information. */
export type StatusKind = Tone | "info";
