import { parseDocument } from "yaml";

const cases = [
  "headline: Breaking: news here\nsection: World\n",
  'headline: "unclosed\nsection: World\n',
  "headline: x\nheadline: y\n",
  "headline: x\n\tsection: y\n",
  "tags: [a, b\nsection: x\n",
  "headline: x\n  section: y\n",
  "headline: @foo\n",
  "headline: it's # fine\nsummary: 'it's broken'\n",
  "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
];
for (const c of cases) {
  const d = parseDocument(c, { prettyErrors: false, uniqueKeys: true });
  console.log(
    JSON.stringify(c).slice(0, 40),
    d.errors.map((e) => `${e.code}: ${e.message.split("\n")[0]}`),
  );
  if (!d.errors.length) {
    try {
      d.toJS();
      console.log("ok");
    } catch (e) {
      console.log("throw", e.message);
    }
  }
}
