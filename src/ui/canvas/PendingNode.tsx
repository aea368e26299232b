import { memo } from 'react';
import { usePendingPods } from '../mirror/store';
import { onPodListClick, PodChip } from './PodChip';

/** Pods the scheduler has not placed yet, beside the control plane. */
export const PendingNode = memo(function PendingNode() {
  const pods = usePendingPods();
  return (
    <div className="k-node k-pending">
      <div className="k-node-head">
        <span className="k-node-name">Unscheduled</span>
        <span className="k-badge tone-warn">{pods.length} Pending</span>
      </div>
      <div className="k-pods" onClick={onPodListClick}>
        {pods.map((p) => (
          <PodChip key={p.key} pod={p} compact={false} />
        ))}
      </div>
    </div>
  );
});
