// Bundles the graph view (src/graph-view.js with graphology, sigma and ForceAtlas2) into
// ../wwwroot/graph.js, and writes the licences of every package in the bundle beside it
// (../wwwroot/graph.LICENSES.txt), since the bundle carries their code. Run by the Scenarios build.
import { build } from 'esbuild';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = '../wwwroot/graph.js';
const result = await build({
  entryPoints: ['src/graph-view.js'],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  outfile: out,
  metafile: true,
  banner: { js: '/* GossipSim dashboard graph view. Bundles graphology, sigma and graphology-layout-forceatlas2 (MIT): see /graph.LICENSES.txt */' },
  logLevel: 'warning',
});

const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
const sections = [...packages].sort().map((name) => {
  const dir = join('node_modules', name);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  if (!file) throw new Error(`${name} ships no licence file: cannot bundle it`);
  return `${name} ${version}\n${'='.repeat(name.length + version.length + 1)}\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
writeFileSync('../wwwroot/graph.LICENSES.txt', sections.join('\n\n'));
console.log(`bundled ${[...packages].sort().join(', ')} into ${out}`);
