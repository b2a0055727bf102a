// A server component: the quote is priced on the server (the package's Node entry, bundled).
import { Checkout } from "credit-checkout";
import { ClientQuote } from "./client-quote.js";
import { order } from "./order.js";

export const dynamic = "force-dynamic";

export default function Page() {
  const quote = new Checkout().quote(order);
  return (
    <main>
      <p id="server-quote">server {quote.display.total} {quote.credits.totalPerMonth}</p>
      <ClientQuote />
    </main>
  );
}
