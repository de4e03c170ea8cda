import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function list(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
}

/**
 * Whether the user asked the system for less motion (an accessibility setting of Windows, macOS,
 * iOS, Android and the browsers): then the pages open dialogs and messages without animation.
 */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const mq = list();
      mq?.addEventListener?.('change', changed);
      return () => mq?.removeEventListener?.('change', changed);
    },
    () => list()?.matches ?? false,
    () => false,
  );
}
