/** A setting the server cannot start with; its message names the source and what to change. */
export class ConfigError extends Error {}
