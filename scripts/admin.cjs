// `npm run admin -- <command>`: the admin CLI with the keys of ./.env, as `npm start` uses them.
require('./local-env.cjs').loadLocalEnv();
require('../apps/api-gateway/dist/admin/cli.js');
