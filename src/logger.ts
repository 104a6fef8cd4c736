/** The logging the core needs; the composition root passes pino (secrets redacted there). */
export type Logger = {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
