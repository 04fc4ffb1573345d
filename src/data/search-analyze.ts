// Search text analysis, shared by the publisher (indexing) and the Worker (queries): words → index terms. Pure.
// English: case and diacritics folded, plural/-ing/-ed suffixes stripped. Arabic: tashkeel and tatweel removed,
// alef/hamza forms, alef maqsura and ta marbuta unified, the article ال and its attached particles stripped.
// It lives in data/ because the terms it makes are the index's stored format. See docs/search.md.

/** A run of letters, digits and combining marks, with an inner apostrophe (Harbourton's) kept in the word. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const ARABIC = /\p{Script=Arabic}/u;
const MARKS = /\p{M}/gu;

const TASHKEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const ARABIC_LETTERS: Record<string, string> = {
  أ: "ا",
  إ: "ا",
  آ: "ا",
  ٱ: "ا",
  ؤ: "و",
  ئ: "ي",
  ى: "ي",
  ی: "ي",
  ک: "ك",
  ة: "ه",
};
const ARABIC_FOLD = new RegExp(`[${Object.keys(ARABIC_LETTERS).join("")}\u0660-\u0669]`, "g");
/** The definite article with the particles that attach to it (wa-, bi-, ka-, fa-, li-). */
const ARABIC_ARTICLE = /^(?:وال|بال|كال|فال|ال|لل)/;

const ENGLISH_STOP = new Set(
  "a an and are as at be been but by for from had has have he her his i if in into is it its me my no not of on or our she so than that the their them then there these they this to was we were what when which who will with you your".split(
    " ",
  ),
);
const ARABIC_STOP = new Set(
  "في من على إلى الى عن أن ان إن مع ما لا لم لن هذا هذه ذلك تلك التي الذي الذين كان كانت قد ثم أو او و يا هو هي هم بعد قبل عند كل بين"
    .split(" ")
    .map(foldArabic),
);

/** Lower case, without diacritics: "Café" and "cafe" are one word. */
function foldLatin(word: string): string {
  return word.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

function foldArabic(word: string): string {
  return word.replace(TASHKEEL, "").replace(ARABIC_FOLD, (ch) => ARABIC_LETTERS[ch] ?? String(ch.charCodeAt(0) - 0x0660));
}

/**
 * Light English stemming: the forms a reader types interchangeably (convoy/convoys, block/blocked/blocking,
 * cache/cached/caching) meet in one stem; stems need not be words.
 */
function stemEnglish(w: string): string {
  if (w.length <= 3 || /\d/.test(w) || UNSTEMMED.has(w)) return w;
  if (w.endsWith("'s") || w.endsWith("’s")) return stemEnglish(w.slice(0, -2));
  let s = w;
  if (s.length >= 6 && s.endsWith("ing")) s = undouble(s.slice(0, -3));
  else if (s.length >= 5 && s.endsWith("ied")) s = `${s.slice(0, -3)}y`;
  else if (s.length >= 5 && s.endsWith("ed") && !s.endsWith("eed")) s = undouble(s.slice(0, -2));
  else if (s.endsWith("ies") && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (/(?:ches|shes|sses|xes|zes)$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith("s") && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  return s.length >= 4 && s.endsWith("e") ? s.slice(0, -1) : s;
}

/** Words the rules would wrongly shorten (news is not the plural of new). */
const UNSTEMMED = new Set(["news", "series", "species", "always", "perhaps"]);

/** stopp → stop, runn → run; a doubled l, s or z stays (fall, pass, buzz). */
function undouble(s: string): string {
  return /([b-df-hj-km-rtv-y])\1$/.test(s) ? s.slice(0, -1) : s;
}

function englishTerm(word: string, dropStopWords: boolean): string | null {
  const folded = foldLatin(word);
  if (dropStopWords && ENGLISH_STOP.has(folded.replace(/['’].*$/, ""))) return null;
  const term = stemEnglish(folded).replace(/['’]/g, "");
  return term.length >= 2 || /\d/.test(term) ? term : null;
}

function arabicTerm(word: string, dropStopWords: boolean): string | null {
  const folded = foldArabic(word.normalize("NFKC"));
  if (dropStopWords && ARABIC_STOP.has(folded)) return null;
  const bare = folded.replace(ARABIC_ARTICLE, "");
  const term = bare.length >= 2 ? bare : folded;
  return term.length >= 2 ? term : null;
}

/** Turns one word into its index term, or null for a stop word or a word too short to search. */
export type Analyzer = (word: string) => string | null;

/**
 * The analyzer for an article's language: the language's own rules for words in its script, and the other script's
 * rules for the rest (an English report quoting an Arabic name, an Arabic one naming "BBC"), so that a query in
 * either script finds the same terms. Languages other than Arabic use the English rules for Latin script.
 */
export function analyzerFor(lang: string): Analyzer {
  return lang.toLowerCase().split("-")[0] === "ar" ? arabicAnalyzer : englishAnalyzer;
}
// Each drops its own language's stop words only; a foreign-script word is kept whole (a query drops it anyway).
const englishAnalyzer: Analyzer = (word) => (ARABIC.test(word) ? arabicTerm(word, false) : englishTerm(word, true));
const arabicAnalyzer: Analyzer = (word) => (ARABIC.test(word) ? arabicTerm(word, true) : englishTerm(word, false));

/** A query word is analyzed by its own script (the query has no language, its words do), dropping stop words. */
export const queryAnalyzer: Analyzer = (word) => (ARABIC.test(word) ? arabicTerm(word, true) : englishTerm(word, true));

/** Each word of a text with where it starts and ends (for marking matches in snippets). */
export function words(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The distinct terms of a text. */
export function termsOf(text: string, analyze: Analyzer): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const term = analyze(m[0]);
    if (term !== null) out.add(term);
  }
  return out;
}
