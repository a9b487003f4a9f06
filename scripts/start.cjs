// `npm start`: services up, models fetched and checked, migrations applied, then the
// gateway and every worker as child processes. If one of them dies, all stop.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { loadLocalEnv } = require('./local-env.cjs');

const root = path.resolve(__dirname, '..');

function step(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`[start] ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

loadLocalEnv();
step('bash', ['scripts/ensure-services.sh']);
step('node', ['scripts/fetch-models.cjs']);
step('node', ['libs/db/dist/migrate-cli.js']);

const services = ['detector', 'embedder', 'matcher', 'voice', 'api-gateway'];
const children = services.map((name) => {
  const child = spawn('node', [path.join('apps', name, 'dist', 'main.js')], { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping the others`);
    stop(1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.on('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
console.log(`[start] gateway on http://localhost:${process.env.PORT ?? 3000} (docs at /docs); admin key in .env`);
