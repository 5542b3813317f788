// The one error type for problems with what the user gave us (a flag, a path, a file): every layer may
// throw it, and the CLI prints its message as is and exits 2, with no stack trace.

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
