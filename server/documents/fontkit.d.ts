/** The part of fontkit (pdfkit's font engine) the tests use to check glyph coverage. */
declare module 'fontkit' {
  export function openSync(path: string): unknown;
}
