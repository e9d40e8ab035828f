import { REVIEW_CUSTOM_CODE_NOTICE } from '../store/customAssignorSlice';
import { useAppStore } from '../store/store';

/**
 * Says that custom code came with the scenario (a link, a file, the autosave) and has not run:
 * the user reviews it in the panel and presses Run there. Separate from the notice bar, so the
 * "Opened the shared scenario … Undo" notice stays next to it.
 */
export function CustomReviewNotice({ onReview }: { onReview: () => void }) {
  const waiting = useAppStore((s) => s.customStatus === 'review' && s.customAssignor !== undefined);
  if (!waiting) return null;
  return (
    <div className="notice info custom-review-notice" role="status">
      <span className="text">{REVIEW_CUSTOM_CODE_NOTICE}</span>
      <button type="button" onClick={onReview}>
        Review the code
      </button>
    </div>
  );
}
