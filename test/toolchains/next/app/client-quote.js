"use client";
// A client component: the engine loads in the browser after hydration (credit-checkout/lazy).
import { useEffect, useState } from "react";
import { loadCheckout } from "credit-checkout/lazy";
import { order } from "./order.js";

export function ClientQuote() {
  const [text, setText] = useState("loading");
  useEffect(() => {
    loadCheckout().then(
      ({ Checkout }) => setText(`client ${new Checkout().quote(order).display.total}`),
      (e) => setText(`client failed ${e.code}`),
    );
  }, []);
  return <p id="client-quote">{text}</p>;
}
