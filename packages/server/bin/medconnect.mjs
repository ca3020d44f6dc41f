#!/usr/bin/env node
// Entry point of the `medconnect` command. The server runs from its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
