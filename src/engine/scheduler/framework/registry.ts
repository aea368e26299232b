import { newBalancedAllocation } from '../plugins/balanced-allocation';
import { newDefaultBinder } from '../plugins/default-binder';
import { newDefaultPreemption } from '../plugins/default-preemption/plugin';
import { newImageLocality } from '../plugins/image-locality';
import { newInterPodAffinity } from '../plugins/inter-pod-affinity/plugin';
import { PluginName } from '../plugins/names';
import { newNodeAffinity } from '../plugins/node-affinity';
import { newNodeName } from '../plugins/node-name';
import { newNodePorts } from '../plugins/node-ports';
import { newNodeResourcesFit } from '../plugins/node-resources-fit';
import { newNodeUnschedulable } from '../plugins/node-unschedulable';
import { newPodTopologySpread } from '../plugins/pod-topology-spread/plugin';
import { newPrioritySort } from '../plugins/priority-sort';
import { newSchedulingGates } from '../plugins/scheduling-gates';
import { newTaintToleration } from '../plugins/taint-toleration';
import { newVolumeBinding } from '../../storage/volume-binding';
import type { Profile } from './framework';
import type { PluginFactory } from './interfaces';

/** In-tree plugins by name (upstream plugins/registry.go). */
export const IN_TREE_REGISTRY: Readonly<Record<string, PluginFactory>> = {
  [PluginName.SchedulingGates]: () => newSchedulingGates(),
  [PluginName.PrioritySort]: () => newPrioritySort(),
  [PluginName.NodeUnschedulable]: () => newNodeUnschedulable(),
  [PluginName.NodeName]: () => newNodeName(),
  [PluginName.TaintToleration]: (h) => newTaintToleration(h.cache),
  [PluginName.NodeAffinity]: () => newNodeAffinity(),
  [PluginName.NodePorts]: () => newNodePorts(),
  [PluginName.NodeResourcesFit]: () => newNodeResourcesFit(),
  [PluginName.VolumeBinding]: (h) => newVolumeBinding(h),
  [PluginName.PodTopologySpread]: (h) => newPodTopologySpread(h),
  [PluginName.InterPodAffinity]: (h) => newInterPodAffinity(h),
  [PluginName.DefaultPreemption]: (h) => newDefaultPreemption(h),
  [PluginName.NodeResourcesBalancedAllocation]: () => newBalancedAllocation(),
  [PluginName.ImageLocality]: (h) => newImageLocality(h),
  [PluginName.DefaultBinder]: (h) => newDefaultBinder(h),
};

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The default profile in MultiPoint order, with upstream's score weights (default_plugins.go). */
export const DEFAULT_PROFILE: Profile = {
  schedulerName: DEFAULT_SCHEDULER_NAME,
  percentageOfNodesToScore: 0,
  plugins: [
    { name: PluginName.SchedulingGates },
    { name: PluginName.PrioritySort },
    { name: PluginName.NodeUnschedulable },
    { name: PluginName.NodeName },
    { name: PluginName.TaintToleration, weight: 3 },
    { name: PluginName.NodeAffinity, weight: 2 },
    { name: PluginName.NodePorts },
    { name: PluginName.NodeResourcesFit, weight: 1 },
    { name: PluginName.VolumeBinding },
    { name: PluginName.PodTopologySpread, weight: 2 },
    { name: PluginName.InterPodAffinity, weight: 2 },
    { name: PluginName.DefaultPreemption },
    { name: PluginName.NodeResourcesBalancedAllocation, weight: 1 },
    { name: PluginName.ImageLocality, weight: 1 },
    { name: PluginName.DefaultBinder },
  ],
};
