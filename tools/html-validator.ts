// The html-validate rules every page is held to, shared by the browser tests and `npm run lighthouse`.
import { HtmlValidate } from "html-validate";

/** html-validate's recommended rules, with the three choices this project's markup makes on purpose. */
export function pageValidator(): HtmlValidate {
  return new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: {
      // `<!doctype html>` in lower case is what the HTML standard itself writes; case does not matter to parsers.
      "doctype-style": "off",
      // Hono's JSX writes boolean attributes as readonly=""; the standard allows the empty value.
      "attribute-boolean-style": ["error", { style: "empty" }],
      // …and void elements as <meta />; also valid, so the rule checks that every one is written that way.
      "void-style": ["error", { style: "selfclose" }],
    },
  });
}
