/**
 * Errors shaped like text/template's. A parse error reads `template: <file>:<line>: <msg>`;
 * an execution error reads `template: <file>:<line>:<col>: executing "<name>" at <<node>>: <msg>`.
 * `fail` carries the message of sprig's `fail` / Helm's `required`, which Helm pulls out of
 * the chain to print `execution error at (<file>:<line>:<col>): <message>`.
 */

export class TemplateParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateParseError';
  }
}

export class TemplateExecError extends Error {
  constructor(
    message: string,
    readonly fail?: string,
  ) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

/** Thrown by template functions; the executor wraps it as `error calling <fn>: <message>`. */
export class FuncError extends Error {
  constructor(
    message: string,
    readonly fail?: string,
  ) {
    super(message);
    this.name = 'FuncError';
  }
}

/** Resource limits hit while rendering: reported as they are, never wrapped. */
export class RenderLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderLimitError';
  }
}
