import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * The page's entry (src/ui/boot.ts) is tiny: it starts the simulation worker, then
 * `import()`s the app. Announcing the app's chunks (and its stylesheet) in index.html lets
 * the browser fetch and compile them while the entry runs, instead of after it (the L2
 * first-paint budget). Build only; the dev server loads modules on demand anyway.
 */
function preloadApp(): Plugin {
  let base = '/';
  return {
    name: 'kube-sandbox:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const app = Object.values(bundle).find((c) => c.type === 'chunk' && (c.facadeModuleId ?? '').endsWith('/src/ui/main.tsx'));
        if (!app || app.type !== 'chunk') return;
        const files = new Set<string>();
        const visit = (file: string): void => {
          const c = bundle[file];
          if (files.has(file) || !c || c.type !== 'chunk' || c.isEntry) return;
          files.add(file);
          for (const imp of c.imports) visit(imp);
        };
        visit(app.fileName);
        const tags: HtmlTagDescriptor[] = [...files].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` }, injectTo: 'head' }));
        for (const css of app.viteMetadata?.importedCss ?? []) tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `${base}${css}` }, injectTo: 'head' });
        return tags;
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadApp()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Every browser that runs es2022 modules supports modulepreload: the polyfill would only add bytes to the entry.
    modulePreload: { polyfill: false },
    manifest: true,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
