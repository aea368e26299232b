/** An action's failure, carrying Helm's error text (without the CLI's `Error: ` prefix). */
export class HelmError extends Error {}

export function helmFail(message: string): never {
  throw new HelmError(message);
}

/**
 * hashicorp/go-multierror's default format, which Helm's kube client returns when any
 * create / wait of a batch fails: `1 error occurred:\n\t* …\n\n`.
 */
export function multiError(errors: readonly string[]): string {
  const head = errors.length === 1 ? '1 error occurred:' : `${errors.length} errors occurred:`;
  return `${head}\n${errors.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
