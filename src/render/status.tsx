// Pages for answers other than 200: not found, gone, unavailable, error. Generic on purpose.
import type { Child } from "hono/jsx";

export function StatusView({ heading, message, children }: { heading: string; message: string; children?: Child }) {
  return (
    <section>
      <h1>{heading}</h1>
      <p>{message}</p>
      {children}
      <p>
        <a href="/">Go to the latest news</a>
      </p>
    </section>
  );
}
