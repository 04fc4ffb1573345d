// Pages for answers other than 200: not found, gone, unavailable, error. Generic on purpose.
import type { Child } from "hono/jsx";
import { useMessages } from "../i18n/index.ts";

export function StatusView({ heading, message, children }: { heading: string; message: string; children?: Child }) {
  const t = useMessages();
  return (
    <section>
      <h1>{heading}</h1>
      <p>{message}</p>
      {children}
      <p>
        <a href="/">{t.goHome}</a>
      </p>
    </section>
  );
}
