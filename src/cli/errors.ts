// Exit codes and the one place errors become messages (no stack traces for the user's mistakes).

export const ExitCode = { ok: 0, internal: 1, badInput: 2, thresholdFailed: 99 } as const;

/** A problem with what the user gave us: printed as is, exit 2. */
export { InputError } from '../input-error.js';
