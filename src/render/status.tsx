// Pages for answers other than 200: not found, gone, unavailable, error. Generic on purpose.
export function StatusView({ heading, message }: { heading: string; message: string }) {
  return (
    <section>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the latest news</a>
      </p>
    </section>
  );
}
