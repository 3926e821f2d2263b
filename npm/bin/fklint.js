#!/usr/bin/env node
// `npx fklint ...`: the native CLI, compiled to WebAssembly (see ../cli.js), and `fklint lsp`, the language
// server (../lsp/server.js). No Rust toolchain, no native binary, no dependencies: Node.js 18 or later.
const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  const { startServer } = await import('../lsp/server.js');
  startServer(args.slice(1));
} else {
  const { runFklint } = await import('../cli.js');
  process.exitCode = runFklint(args);
}
