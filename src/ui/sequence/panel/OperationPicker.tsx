import type { OperationRecord } from '../../../protocol';

/** Commands that only read: the panel opens on the most recent command that changed something. */
const READ_ONLY = /^(kubectl\s+(get|describe|logs|top|explain|version|api-resources|api-versions|cluster-info|config|auth|wait|rollout\s+(status|history))|helm\s+(list|ls|status|get|history|show|search|repo|template|version|env))\b/;

export function isReadOnly(command: string): boolean {
  return READ_ONLY.test(command.trim());
}

/** The operation the panel opens on: the newest that changed something, else the newest. */
export function defaultOperation(ops: readonly OperationRecord[]): number | null {
  for (let i = ops.length - 1; i >= 0; i--) if (!isReadOnly(ops[i]!.command)) return ops[i]!.id;
  return ops.at(-1)?.id ?? null;
}

interface Props {
  readonly ops: readonly OperationRecord[];
  readonly value: number | null;
  onChange(id: number): void;
}

export function OperationPicker({ ops, value, onChange }: Props) {
  return (
    <select className="k-seq-op" aria-label="Operation" value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
      {value === null ? <option value="">No operations yet</option> : null}
      {[...ops].reverse().map((o) => (
        <option key={o.id} value={o.id}>
          {`#${o.id} ${o.command}${o.source === 'step' ? ' (scenario step)' : ''}`}
        </option>
      ))}
    </select>
  );
}
