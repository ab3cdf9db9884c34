#!/usr/bin/env node
// Runs the compiled server when `npm run build` has made dist/; in a fresh checkout it runs the
// TypeScript sources through tsx (a dev dependency) instead, so `npx acehub --help` works either way.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/src/main.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const source = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
