/** A body that cannot be read as the source's kind; its message starts with `parse: `. */
export class ParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParseError';
  }
}
