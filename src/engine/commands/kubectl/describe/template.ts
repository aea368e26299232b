import type { PodTemplateSpec } from '../../../api/types';
import { printAnnotations, printLabels, printTolerations } from './common';
import { describeContainers, describeVolumes } from './containers';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

/** DescribePodTemplate: the `Pod Template:` block of workloads and `rollout history --revision`. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabels(w, 'Labels', template.metadata?.labels, '  ');
  const annotations = template.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) printAnnotations(w, 'Annotations', annotations, '  ');
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers ?? [], undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector, '  ');
  printTolerations(w, 'Tolerations', spec.tolerations, '  ');
}
