// Built by `vite build --ssr` with ssr.noExternal: the package is bundled into the server.
import { Checkout } from "credit-checkout";
import { order } from "./order.js";

console.log(`ssr ${new Checkout().quote(order).total}`);
