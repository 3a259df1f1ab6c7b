#!/usr/bin/env node
import module from 'node:module';

// Reuse V8's compiled code across runs (Node 22+; a no-op elsewhere): start-up is mostly module loading.
module.enableCompileCache?.();
const { runAndExit } = await import('../dist/main.js');

runAndExit(process.argv.slice(2));
