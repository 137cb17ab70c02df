import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// One build for every front end: the window (index.html) and the pages the local server embeds
// and serves to other screens: /host (host.html) and /overlay/countdown, /overlay/frame
// (overlay/*.html). Asset URLs are relative (Tauri serves ui/dist through its own protocol), and
// every asset goes to overlay/assets/, so both ./overlay/assets/… from /host and ./assets/… from
// /overlay/countdown land on the server's /overlay/assets/{file}.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Tauri webviews (WebView2, WKWebView, WebKitGTK) and the browsers that open the pages
    // (streaming software's Chromium, a phone's browser) are all recent.
    target: 'es2022',
    assetsDir: 'overlay/assets',
    // The pages' CSP allows scripts, styles and fonts from the server only: no inline polyfill,
    // no asset inlined as a data: URL.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        index: 'index.html',
        host: 'host.html',
        countdown: 'overlay/countdown.html',
        frame: 'overlay/frame.html',
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
