// Imported first by the composition root, before any WebAssembly is compiled. V8 compiles each WASM module
// twice: a quick baseline (Liftoff), then optimised code (TurboFan) for hot functions. For PGlite's 9 MB
// Postgres, the second copy costs ~60 MB resident; a chat bot's queries don't need it (~10-20% slower SQL).
import v8 from "node:v8";

v8.setFlagsFromString("--liftoff-only");
