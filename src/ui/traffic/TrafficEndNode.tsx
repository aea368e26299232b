import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TrafficEndFlowNode } from '../canvas/flow-types';
import { Handles, type Side } from '../canvas/Handles';

const SIDES: readonly Side[] = ['r'];
const BACKEND_SIDES: readonly Side[] = ['l'];

/** Users (traffic entries) or the observability backend (span exports): outside the cluster. */
export const TrafficEndNode = memo(function TrafficEndNode({ data }: NodeProps<TrafficEndFlowNode>) {
  const users = data.role === 'users';
  return (
    <div className={`k-tf-end role-${data.role}`}>
      <Handles sides={users ? SIDES : BACKEND_SIDES} />
      <svg className="k-tf-end-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        {users ? (
          <path d="M8 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6zm14 0c0-2-.7-3.8-1.9-5 .8-.3 1.5-.5 2.4-.5 3 0 5.5 2.1 5.5 5.5z" />
        ) : (
          <path d="M12 3C7 3 3 4.6 3 6.5v11C3 19.4 7 21 12 21s9-1.6 9-3.5v-11C21 4.6 17 3 12 3zm0 2c4.1 0 7 1.2 7 1.5S16.1 8 12 8 5 6.8 5 6.5 7.9 5 12 5zm0 14c-4.1 0-7-1.2-7-1.5v-2.7c1.6.8 4.2 1.2 7 1.2s5.4-.4 7-1.2v2.7c0 .3-2.9 1.5-7 1.5zm0-5c-4.1 0-7-1.2-7-1.5V9.8C6.6 10.6 9.2 11 12 11s5.4-.4 7-1.2v2.7c0 .3-2.9 1.5-7 1.5z" />
        )}
      </svg>
      <span className="k-tf-end-text">
        <span className="k-tf-end-label">{data.label}</span>
        <span className="k-muted">{users ? 'outside the cluster' : 'observability backend'}</span>
      </span>
    </div>
  );
});
