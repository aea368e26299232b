import type { Flavor, PhaseId } from './types';

/**
 * Section titles. Helm follows the five phases of the OpenTelemetry deployment guide;
 * kubectl has no rendering step (it reads the file itself) but the same later phases.
 */
const HELM: Record<PhaseId, string> = {
  command: '1 · You run helm on the control plane',
  render: '2 · Helm reads the values, fetches the chart and renders it',
  store: '3 · The API server validates and stores every object',
  schedule: '4 · The scheduler places the pods',
  start: '5 · Kubelets pull images and start containers',
};

const KUBECTL: Record<PhaseId, string> = {
  command: 'You run kubectl',
  render: 'kubectl prepares the request',
  store: 'The API server validates and stores it and the controllers react',
  schedule: 'The scheduler places the pods',
  start: 'Kubelets pull images and start containers',
};

const OTHER: Record<PhaseId, string> = { ...KUBECTL, command: 'You run the command' };

export function phaseLabel(flavor: Flavor, phase: PhaseId): string {
  return (flavor === 'helm' ? HELM : flavor === 'kubectl' ? KUBECTL : OTHER)[phase];
}

export function flavorOf(command: string): Flavor {
  const tool = command.trim().split(/\s+/, 1)[0] ?? '';
  return tool === 'helm' ? 'helm' : tool === 'kubectl' ? 'kubectl' : tool === 'sandbox' ? 'sandbox' : 'other';
}
