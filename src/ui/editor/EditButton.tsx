import type { ObjectRef } from '../../protocol/messages';
import { openForEdit } from './actions';

/** The inspector's YAML tab: Edit opens the object in the Editor tab, like `kubectl edit`. */
export function EditButton({ reference }: { reference: ObjectRef }) {
  return (
    <div className="k-actions">
      <button type="button" className="k-btn" title="Open in the Editor tab and save it back, like kubectl edit" onClick={() => void openForEdit(reference)}>
        Edit
      </button>
    </div>
  );
}
