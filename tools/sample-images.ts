// `npx node tools/sample-images.ts`: draws the sample articles' photos as SVG and saves them as JPEG with sharp into
// kv-seed/articles/media/. They are clearly marked as samples; rerun it to change them (the output is committed).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import sharp from "sharp";

const OUT = resolve(import.meta.dirname, "../kv-seed/articles/media");
const W = 1600;
const H = 900;

/** The corner label every sample carries, so nobody mistakes it for a news photo. */
const label = `<g font-family="sans-serif" font-weight="700"><rect x="40" y="${H - 92}" width="470" height="56" rx="8" fill="#000" fill-opacity=".6"/><text x="62" y="${H - 54}" font-size="30" fill="#fff">SAMPLE IMAGE · Edgewire</text></g>`;

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}${label}</svg>`;

const waves = (y: number, color: string, amp: number) =>
  `<path d="M0 ${y} ${Array.from({ length: 17 }, (_, i) => `q50 ${i % 2 ? amp : -amp} 100 0`).join(" ")} V${H} H0Z" fill="${color}"/>`;

const IMAGES: Record<string, string> = {
  // A solar ferry leaving the quay at sunrise.
  "solar-ferry.jpg": svg(`
    <defs><linearGradient id="sky" x2="0" y2="1"><stop offset="0" stop-color="#fbbf77"/><stop offset=".6" stop-color="#fde6c4"/><stop offset="1" stop-color="#cfe8f3"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    <circle cx="1220" cy="300" r="110" fill="#fff3c4"/><circle cx="1220" cy="300" r="80" fill="#ffd166"/>
    <path d="M0 560 L220 470 L380 520 L560 430 L760 540 L0 600Z" fill="#7c9a92"/>
    ${waves(600, "#2b7a9b", 10)}${waves(680, "#1f5f7a", 12)}
    <g transform="translate(470 470)"><path d="M0 120 H620 L560 190 H60Z" fill="#f8fafc" stroke="#0f172a" stroke-width="6"/>
    <rect x="120" y="60" width="360" height="60" fill="#e2e8f0" stroke="#0f172a" stroke-width="6"/>
    <g fill="#38bdf8">${Array.from({ length: 6 }, (_, i) => `<rect x="${140 + i * 56}" y="74" width="40" height="30"/>`).join("")}</g>
    <path d="M100 40 L500 40 L470 60 H130Z" fill="#1e3a8a" stroke="#0f172a" stroke-width="4"/>
    <g stroke="#93c5fd" stroke-width="2">${Array.from({ length: 9 }, (_, i) => `<path d="M${140 + i * 40} 40 l-4 20"/>`).join("")}</g></g>
    <path d="M0 760 H1600" stroke="#e0f2fe" stroke-width="4" stroke-dasharray="40 30" opacity=".6"/>`),
  // The library lit up at night, a reader at a window.
  "library-night.jpg": svg(`
    <defs><linearGradient id="night" x2="0" y2="1"><stop offset="0" stop-color="#0b1533"/><stop offset="1" stop-color="#23345e"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#night)"/>
    <g fill="#fff">${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 397) % W}" cy="${(i * 151) % 360}" r="${1 + (i % 3)}"/>`).join("")}</g>
    <circle cx="1380" cy="140" r="60" fill="#f1f5f9"/><circle cx="1405" cy="125" r="55" fill="#16244a"/>
    <path d="M300 360 L800 200 L1300 360Z" fill="#4b5563"/><rect x="330" y="360" width="940" height="420" fill="#6b7280"/>
    <g fill="#9ca3af">${Array.from({ length: 6 }, (_, i) => `<rect x="${360 + i * 160}" y="380" width="40" height="400"/>`).join("")}</g>
    <g fill="#fcd34d">${Array.from({ length: 5 }, (_, i) => `<rect x="${420 + i * 160}" y="420" width="80" height="140" rx="40"/><rect x="${420 + i * 160}" y="610" width="80" height="120"/>`).join("")}</g>
    <circle cx="780" cy="470" r="18" fill="#1f2937"/><rect x="764" y="488" width="32" height="60" fill="#1f2937"/>
    <rect y="780" width="${W}" height="120" fill="#111827"/><rect x="700" y="740" width="200" height="40" fill="#9ca3af"/>
    <text x="800" y="345" font-family="serif" font-size="44" fill="#f9fafb" text-anchor="middle">LIBRARY</text>`),
  // A wall calendar with four working days marked.
  "four-day-week.jpg": svg(`
    <rect width="${W}" height="${H}" fill="#e7efe9"/><rect y="700" width="${W}" height="200" fill="#b08968"/>
    <rect x="360" y="120" width="880" height="620" rx="20" fill="#fff" stroke="#334155" stroke-width="6"/>
    <rect x="360" y="120" width="880" height="120" rx="20" fill="#0f766e"/>
    <text x="800" y="200" font-family="sans-serif" font-size="56" font-weight="700" fill="#fff" text-anchor="middle">PILOT WEEK</text>
    ${["MON", "TUE", "WED", "THU", "FRI"].map((d, i) => `<g transform="translate(${400 + i * 164} 280)"><rect width="144" height="400" rx="12" fill="${i < 4 ? "#ccfbf1" : "#fde68a"}" stroke="#334155" stroke-width="4"/><text x="72" y="60" font-family="sans-serif" font-size="36" font-weight="700" fill="#0f172a" text-anchor="middle">${d}</text>${i < 4 ? `<path d="M36 220 l28 28 l50 -60" fill="none" stroke="#0f766e" stroke-width="16" stroke-linecap="round"/>` : `<circle cx="72" cy="230" r="44" fill="#f59e0b"/>`}</g>`).join("")}
    <rect x="1300" y="560" width="90" height="140" rx="10" fill="#7c3aed"/><path d="M1390 600 q40 0 40 30 t-40 30" fill="none" stroke="#7c3aed" stroke-width="12"/>`),
  // A browser window with a padlock and switched-off trackers.
  "privacy-default.jpg": svg(`
    <defs><linearGradient id="bg" x1="0" x2="1"><stop offset="0" stop-color="#dbeafe"/><stop offset="1" stop-color="#ede9fe"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#bg)"/>
    <rect x="240" y="110" width="1120" height="640" rx="24" fill="#fff" stroke="#1e293b" stroke-width="6"/>
    <path d="M240 134 a24 24 0 0 1 24 -24 H1336 a24 24 0 0 1 24 24 V200 H240Z" fill="#e2e8f0" stroke="#1e293b" stroke-width="6"/>
    <g fill="#f87171"><circle cx="290" cy="155" r="14"/></g><circle cx="334" cy="155" r="14" fill="#fbbf24"/><circle cx="378" cy="155" r="14" fill="#34d399"/>
    <rect x="440" y="132" width="820" height="46" rx="23" fill="#fff" stroke="#94a3b8" stroke-width="3"/>
    <g transform="translate(800 450)"><rect x="-120" y="-20" width="240" height="200" rx="24" fill="#2563eb"/><path d="M-70 -20 v-60 a70 70 0 0 1 140 0 v60" fill="none" stroke="#2563eb" stroke-width="34"/><circle cy="70" r="26" fill="#fff"/><rect x="-10" y="70" width="20" height="60" fill="#fff"/></g>
    ${[0, 1, 2].map((i) => `<g transform="translate(340 ${290 + i * 130})"><rect width="150" height="64" rx="32" fill="#cbd5e1"/><circle cx="32" cy="32" r="24" fill="#fff"/></g>`).join("")}
    ${[0, 1, 2].map((i) => `<rect x="1080" y="${300 + i * 130}" width="180" height="20" rx="10" fill="#cbd5e1"/>`).join("")}`),
};

mkdirSync(OUT, { recursive: true });
for (const [name, drawing] of Object.entries(IMAGES)) {
  const jpeg = await sharp(Buffer.from(drawing)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  writeFileSync(join(OUT, name), jpeg);
  console.log(`${name}: ${jpeg.byteLength} bytes`);
}
