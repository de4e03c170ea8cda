/** A window.matchMedia for jsdom (which has none): `matches` answers each media query antd's Grid asks. */
export function fakeMatchMedia(matches: (query: string) => boolean): typeof window.matchMedia {
  return (query: string) =>
    ({
      matches: matches(query),
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

/** Screens as antd's Grid sees them: on a phone `(max-width: 575px)` matches and no min-width does; on a desktop every min-width matches. */
export const phoneOrDesktop = (phone: boolean) =>
  fakeMatchMedia((q) => (phone ? q.includes('max-width') : q.includes('min-width')));
