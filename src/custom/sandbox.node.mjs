// The Node sandbox worker's entry (nodeRunner.ts starts it with worker_threads). It registers
// tsx so the worker can load our TypeScript, whether or not the parent process runs under tsx:
// the CLI does, Vitest does not. A worker does not inherit the parent's loaders (the runner
// passes `execArgv: []`), so this is the one registration.
import { register } from 'tsx/esm/api';

register();
await import('./sandboxNode.ts');
