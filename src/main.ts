import { ConfigError, loadConfig } from './platform/config/config.js';
import { startServer } from './server.js';

try {
  const config = loadConfig();
  const server = await startServer(config);
  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
