import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { fakeMatchMedia } from './media';

// Pages and the shell are lazy chunks: the first render of one waits for its
// module (and the antd components it imports) to be transformed, which on a
// busy machine outlasts findBy…'s default second.
configure({ asyncUtilTimeout: 10_000 });

// antd's responsive helpers need matchMedia, which jsdom lacks.
Object.defineProperty(window, 'matchMedia', { writable: true, value: fakeMatchMedia(() => false) });
// antd measures scrollbars through getComputedStyle with pseudo elements.
const gcs = window.getComputedStyle.bind(window);
window.getComputedStyle = (el: Element) => gcs(el);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  localStorage.clear();
});

// antd's layout components observe sizes; jsdom has no ResizeObserver.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
