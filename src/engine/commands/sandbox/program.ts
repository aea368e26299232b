import type { Program } from '../programs';
import { runSandbox } from './sandbox';

export const sandboxProgram: Program = {
  name: 'sandbox',
  component: 'user/sandbox',
  run: runSandbox,
};
