import type { Program } from '../programs';
import { runKubectl } from './kubectl';
import { KUBECTL_VERBS } from './verbs';

export const kubectlProgram: Program = {
  name: 'kubectl',
  component: 'user/kubectl',
  run: (inv, args) => runKubectl(inv, args, KUBECTL_VERBS),
};
