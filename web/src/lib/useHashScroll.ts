import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Scrolls to the element the URL's #anchor names once the page's data is in (a search hit links
 * to a minutes section, a record opinion, a file), and marks it so the eye finds it.
 */
export function useHashScroll(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!el) return;
    el.scrollIntoView?.({ block: 'center' });
    el.classList.add('search-target');
  }, [ready, hash]);
}
