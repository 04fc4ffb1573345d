// The one inline stylesheet: system fonts, a readable measure, light and dark, phone first.
export const STYLES = `
:root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#ddd;--accent:#0b57d0;--card:#f6f6f6}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--muted:#b5b5b5;--bg:#121212;--line:#333;--accent:#8ab4f8;--card:#1e1e1e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
.site-header,.site-footer{border-bottom:1px solid var(--line)}
.site-footer{border-top:1px solid var(--line);border-bottom:0;margin-top:3rem;padding:1rem 0;color:var(--muted);font-size:.9rem}
.brand{display:inline-block;padding:.75rem 0;font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
h1{font-size:clamp(1.6rem,5vw,2.25rem);line-height:1.2;margin:1.5rem 0 .5rem}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 1.5rem}
.body p{margin:0 0 1.1em}
.body blockquote{margin:0 0 1.1em;padding-left:1rem;border-left:3px solid var(--line)}
.source{font-style:italic;color:var(--muted)}
.cards{list-style:none;padding:0;margin:0}
.cards li{padding:1rem 0;border-bottom:1px solid var(--line)}
.cards h2{font-size:1.2rem;margin:0 0 .25rem;line-height:1.3}
.cards p{margin:.25rem 0}
img{max-width:100%;height:auto}
`;
