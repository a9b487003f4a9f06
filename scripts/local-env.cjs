// Loads ./.env into process.env, creating it with fresh random keys on first use so a
// quick start needs no manual secret handling; existing values always win.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const file = path.resolve(__dirname, '..', '.env');

function readEnvFile() {
  if (!fs.existsSync(file)) return {};
  const entries = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match) entries[match[1]] = match[2];
  }
  return entries;
}

function loadLocalEnv() {
  const entries = readEnvFile();
  const generated = {};
  // The encryption key must survive restarts, or stored client secrets become unreadable.
  if (!entries.SECRET_ENCRYPTION_KEY && !process.env.SECRET_ENCRYPTION_KEY) {
    generated.SECRET_ENCRYPTION_KEY = crypto.randomBytes(32).toString('hex');
  }
  if (!entries.ADMIN_API_KEY && !process.env.ADMIN_API_KEY) {
    generated.ADMIN_API_KEY = crypto.randomBytes(24).toString('base64url');
  }
  if (Object.keys(generated).length > 0) {
    const lines = Object.entries(generated).map(([k, v]) => `${k}=${v}`).join('\n');
    fs.appendFileSync(file, `${lines}\n`, { mode: 0o600 });
    console.log(`[env] wrote ${Object.keys(generated).join(', ')} to ${file}`);
  }
  for (const [key, value] of Object.entries({ ...entries, ...generated })) {
    if (process.env[key] === undefined) process.env[key] = value;
  }
}

module.exports = { loadLocalEnv };
