// Vite's import.meta.glob, as the guide uses it (the project's types are "node" only, not vite/client).
interface ImportMeta {
  glob<T>(pattern: string, options: { query: string; import: 'default'; eager: true }): Record<string, T>;
  glob<T>(pattern: string, options: { query: string; import: 'default' }): Record<string, () => Promise<T>>;
}
