import type { ChartFiles } from '../../chart';
import { CHART_YAML, VALUES_YAML } from './chart-yaml';
import { DEPLOYMENT, HELPERS_TPL, HPA, INGRESS, NOTES_TXT, SERVICE } from './templates';

/** sandbox/webapp: Deployment and Service, with optional Ingress and HorizontalPodAutoscaler. */
export const WEBAPP_CHART: ChartFiles = {
  files: {
    'Chart.yaml': CHART_YAML,
    'values.yaml': VALUES_YAML,
    'templates/_helpers.tpl': HELPERS_TPL,
    'templates/deployment.yaml': DEPLOYMENT,
    'templates/service.yaml': SERVICE,
    'templates/ingress.yaml': INGRESS,
    'templates/hpa.yaml': HPA,
    'templates/NOTES.txt': NOTES_TXT,
  },
};
