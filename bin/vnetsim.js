#!/usr/bin/env node
// Holds V8's young generation small before the CLI's modules load (see src/cli/young-generation.ts):
// static imports would run all their top-level code first, growing it to 16 MB semi-spaces.
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--semi-space-growth-factor=1');
await import('../dist/cli.js');
