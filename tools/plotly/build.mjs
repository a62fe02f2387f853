// Builds tracker/static/vendor/plotly/plotly.min.js: plotly.js with only the trace types the
// charts use (see entry.js), minified, with plotly's licence beside it.
//   cd tools/plotly && npm ci && npm run build
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'tracker', 'static', 'vendor', 'plotly');
const plotly = join(here, 'node_modules', 'plotly.js');
const version = JSON.parse(readFileSync(join(plotly, 'package.json'), 'utf8')).version;
export const TRACES = ['scatter', 'bar', 'heatmap', 'scatterpolar'];

mkdirSync(out, { recursive: true });
await build({
    entryPoints: [join(here, 'entry.js')],
    outfile: join(out, 'plotly.min.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    // The same settings as plotly.js's own esbuild build; CSS is only imported by map traces.
    define: { global: 'window', 'define.amd': 'false' },
    alias: { stream: 'stream-browserify' },
    loader: { '.css': 'empty' },
    legalComments: 'eof',  // keep the bundled libraries' licence notices
    banner: { js: `/*! plotly.js v${version} (MIT, see LICENSE), traces: ${TRACES.join(',')} */` },
    logLevel: 'info',
});
copyFileSync(join(plotly, 'LICENSE'), join(out, 'LICENSE'));
