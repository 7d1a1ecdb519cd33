// Subscribes over graphql-ws and prints each message as a JSON line; exits when the
// subscription completes (0) or fails (1). Spawned by e2e tests: graphql-ws is ESM only.
// Arguments: URL, credential, id, and optionally a subscription document taking $id (default:
// simulationRunUpdated).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, credential, id, document] = process.argv.slice(2);
const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: credential ? { authorization: `Bearer ${credential}` } : {} });
client.subscribe(
  { query: document || 'subscription ($id: ID!) { simulationRunUpdated(id: $id) { id status attempts } }', variables: { id } },
  {
    next: (value) => console.log(JSON.stringify(value)),
    error: (error) => {
      console.log(JSON.stringify({ error: Array.isArray(error) ? error : String(error?.reason ?? error?.message ?? error) }));
      process.exit(1);
    },
    complete: () => {
      void client.dispose();
      process.exit(0);
    },
  },
);
