import type { Job, KubeObject, PodTemplateSpec } from '../../../api/types';
import { parseTimestamp } from '../../../sim/time';
import { humanDuration, since } from '../../format/duration';
import { containersAndImages, field, formatLabelSelector, int, str, type PrintContext, type TablePrinter } from './table';

function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** printJob's STATUS column. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = int(job.status?.succeeded);
  const spec = job.spec ?? { template: { spec: { containers: [] } } };
  if (spec.completions !== undefined) return `${succeeded}/${spec.completions}`;
  if (spec.parallelism !== undefined && spec.parallelism > 1) return `${succeeded}/1 of ${spec.parallelism}`;
  return `${succeeded}/1`;
}

function duration(job: Job, nowMs: number): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime);
  return humanDuration((end ?? nowMs) - start);
}

export const jobPrinter: TablePrinter = {
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const job = obj as Job;
    const cells = [job.metadata.name, jobStatus(job), completions(job), duration(job, ctx.nowMs), since(job.metadata.creationTimestamp, ctx.nowMs)];
    if (ctx.wide) cells.push(...containersAndImages(job.spec?.template), formatLabelSelector(job.spec?.selector));
    return cells;
  },
};

export const cronJobPrinter: TablePrinter = {
  columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj: KubeObject, ctx: PrintContext): string[] {
    const last = str(field(obj, 'status', 'lastScheduleTime'));
    const active = field(obj, 'status', 'active');
    const cells = [
      obj.metadata.name,
      str(field(obj, 'spec', 'schedule')),
      str(field(obj, 'spec', 'timeZone')) || '<none>',
      field(obj, 'spec', 'suspend') === true ? 'True' : 'False',
      String(Array.isArray(active) ? active.length : 0),
      last ? since(last, ctx.nowMs) : '<none>',
      since(obj.metadata.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) {
      const template = field(obj, 'spec', 'jobTemplate', 'spec', 'template') as PodTemplateSpec | undefined;
      cells.push(...containersAndImages(template), '<none>');
    }
    return cells;
  },
};
