// The page's first requests, sent as soon as its script runs: main.js imports this module before
// anything that needs the Wasm library, so the catalog and the account are on their way while the
// library is still being fetched and instantiated (its module waits for it at the top level).
import { getAccount, getCatalog } from "./api.js";

let first = { catalog: getCatalog(), account: getAccount() };
// Read by start(); a failure is reported there, not as an unhandled rejection.
first.catalog.catch(() => {});
first.account.catch(() => {});

/** The catalog and account requests sent at the start, the first time only (null after). */
export function takeFirstRequests() {
  const requests = first;
  first = null;
  return requests;
}
