// Runs after `npm install`/`npm ci` (postinstall). Creating an empty PGlite database (initdb in
// WASM) takes seconds; doing it once here and copying the result on first start keeps
// `npm start` on a fresh data folder under the cold-start budget (issue #2). Nothing is
// downloaded or compiled. When this fails, Bezel still starts: it runs initdb itself.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { PGlite } = await import('@electric-sql/pglite');
  const { version } = JSON.parse((await import('node:fs')).readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
  const target = join(root, 'node_modules/.cache/bezel', `pglite-template-${version}.tar.gz`);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    const database = await PGlite.create();
    const archive = await database.dumpDataDir('gzip');
    await database.close();
    writeFileSync(`${target}.partial`, Buffer.from(await archive.arrayBuffer()));
    renameSync(`${target}.partial`, target);
    console.log(`bezel: prepared the embedded database template (${target})`);
  }
} catch (error) {
  console.warn(`bezel: could not prepare the embedded database template (${error.message}); the first start will be slower`);
}
