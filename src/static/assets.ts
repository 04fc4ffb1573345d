// Small static files bundled into the Worker: the favicon and sample article images. Content only, no I/O.

export type StaticAsset = { type: string; body: string };

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><path d="M10 8h12v3h-8.5v3.5H21v3h-7.5V21H22v3H10z" fill="#fff"/></svg>`;

const SAMPLE_TIDE_GAUGE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" width="640" height="360"><rect width="640" height="360" fill="#dbeafe"/><rect y="230" width="640" height="130" fill="#1d4ed8"/><path d="M0 230q40-14 80 0t80 0 80 0 80 0 80 0 80 0 80 0 80 0" fill="none" stroke="#93c5fd" stroke-width="6"/><rect x="300" y="40" width="40" height="300" fill="#f8fafc" stroke="#0f172a" stroke-width="4"/><g stroke="#0f172a" stroke-width="4">${[80, 120, 160, 200, 240, 280].map((y) => `<path d="M300 ${y}h18"/>`).join("")}</g><path d="M340 215h60" stroke="#dc2626" stroke-width="6"/><text x="410" y="222" font-family="sans-serif" font-size="24" fill="#0f172a">3.42 m</text></svg>`;

/**
 * Served at /static/<name>. Names that carry a content hash (`favicon-<sha256 prefix>.svg`) never change meaning,
 * so they can be cached forever; a test recomputes each hash from the content.
 */
export const STATIC_ASSETS: Record<string, StaticAsset> = {
  "favicon-da9fe41b.svg": { type: "image/svg+xml", body: FAVICON },
  "sample-tide-gauge.svg": { type: "image/svg+xml", body: SAMPLE_TIDE_GAUGE },
};

/** The favicon's fingerprinted path, linked from every page. */
export const FAVICON_PATH = "/static/favicon-da9fe41b.svg";
