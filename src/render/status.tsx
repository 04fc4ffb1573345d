// Pages for answers other than 200: not found, gone, unavailable, error. Generic on purpose.
import { useMessages } from "../i18n/index.ts";

export function StatusView({ heading, message }: { heading: string; message: string }) {
  const t = useMessages();
  return (
    <section>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t.goHome}</a>
      </p>
    </section>
  );
}
