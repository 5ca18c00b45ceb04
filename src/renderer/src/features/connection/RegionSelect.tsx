import type { Region } from '../../../../shared/model';
import { describedBy, Field } from '../../ui';

/** Shared by both forms: region select that reports its own field error. */
export function RegionSelect(props: { id: string; value: Region; onChange: (r: Region) => void; error?: string | null }) {
  return (
    <Field label="Region" id={props.id} error={props.error}>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as Region)} aria-describedby={describedBy(props.id, props.error)}>
        <option value="us">US (api.pagerduty.com)</option>
        <option value="eu">EU (api.eu.pagerduty.com)</option>
      </select>
    </Field>
  );
}
