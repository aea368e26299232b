import type { ChartFiles } from '../../chart';
import { AGENT_CONFIG_TPL, AGENT_CONFIGMAP, AGENT_DAEMONSET, AGENT_SERVICE } from './agent';
import { CHART_YAML, VALUES_YAML } from './chart-yaml';
import { CLUSTER_RECEIVER_CONFIG_TPL, CLUSTER_RECEIVER_CONFIGMAP, CLUSTER_RECEIVER_DEPLOYMENT } from './cluster-receiver';
import { CLUSTER_ROLE, CLUSTER_ROLE_BINDING, NOTES_TXT, SECRET, SERVICE_ACCOUNT } from './common';
import { HELPERS_TPL } from './helpers';
import { OPERATOR_DEPLOYMENT } from './operator';

/**
 * An OpenTelemetry collector chart modelled on splunk-otel-collector 0.158.0: agent
 * DaemonSet with hostPorts, cluster receiver, optional operator, RBAC, token Secret.
 */
export const SPLUNK_OTEL_COLLECTOR_CHART: ChartFiles = {
  files: {
    'Chart.yaml': CHART_YAML,
    'values.yaml': VALUES_YAML,
    'templates/_helpers.tpl': HELPERS_TPL,
    'templates/config/_otel-agent.tpl': AGENT_CONFIG_TPL,
    'templates/config/_otel-k8s-cluster-receiver.tpl': CLUSTER_RECEIVER_CONFIG_TPL,
    'templates/NOTES.txt': NOTES_TXT,
    'templates/secret-splunk.yaml': SECRET,
    'templates/serviceAccount.yaml': SERVICE_ACCOUNT,
    'templates/clusterRole.yaml': CLUSTER_ROLE,
    'templates/clusterRoleBinding.yaml': CLUSTER_ROLE_BINDING,
    'templates/configmap-agent.yaml': AGENT_CONFIGMAP,
    'templates/daemonset.yaml': AGENT_DAEMONSET,
    'templates/service-agent.yaml': AGENT_SERVICE,
    'templates/configmap-cluster-receiver.yaml': CLUSTER_RECEIVER_CONFIGMAP,
    'templates/deployment-cluster-receiver.yaml': CLUSTER_RECEIVER_DEPLOYMENT,
    'templates/operator/deployment.yaml': OPERATOR_DEPLOYMENT,
  },
};
