import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now (the benches' servers take it). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no free port'))));
    });
  });
}
