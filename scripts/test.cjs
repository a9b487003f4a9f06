// `npm test`: services up, workspace built (which also generates the Prisma client and
// type-checks the sources), tests and benchmarks type-checked, models fetched, then one jest run over unit and integration tests.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bash', ['scripts/ensure-services.sh']);
run('npm', ['run', 'build']);
// Tests and benchmarks are not part of any package build; type-check them too.
run('npx', ['tsc', '-p', 'tsconfig.spec.json']);
run('npx', ['tsc', '-p', 'training/mask']);
run('npx', ['tsc', '-p', 'training/voice']);
run('node', ['scripts/fetch-models.cjs']);
// In band: the integration tests share two cores with real model inference.
run('npx', ['jest', '--runInBand', ...process.argv.slice(2)]);
