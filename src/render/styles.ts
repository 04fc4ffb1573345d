// The one inline stylesheet: system fonts, a readable measure, light and dark, phone first, print, RTL-aware.
export const STYLES = `
:root{color-scheme:light dark;--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#ddd;--accent:#0b57d0;--card:#f6f6f6}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--muted:#b5b5b5;--bg:#121212;--line:#333;--accent:#8ab4f8;--card:#1e1e1e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;scroll-behavior:smooth}
@media (prefers-reduced-motion:reduce){html{scroll-behavior:auto}}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:break-word}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip{position:absolute;inset-inline-start:.5rem;top:-3rem;padding:.5rem 1rem;background:var(--bg);z-index:1}
.skip:focus{top:.5rem}
.wrap{max-width:42rem;margin:0 auto;padding:0 1rem}
.site-header,.site-footer{border-bottom:1px solid var(--line)}
.site-footer{border-top:1px solid var(--line);border-bottom:0;margin-top:3rem;padding:1rem 0;color:var(--muted);font-size:.9rem}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
.search{flex:1 1 14rem;min-width:0;max-width:22rem;margin:.5rem 0}.search form{display:flex;gap:.4rem}
.search input{flex:1 1 6rem;width:6rem;min-width:0;min-height:44px;padding:.4rem .6rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:.4rem}
.search button{min-height:44px;padding:.4rem .8rem;font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--line);border-radius:.4rem}
mark{background:#fde68a;color:#1a1a1a;padding:0 .1em}
.sections{flex-basis:100%;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding-bottom:.5rem}.sections a{color:var(--fg);padding:.25rem 0}
.preview-note{margin:1rem 0;padding:.5rem 1rem;border:2px dashed var(--accent)}
.brand{display:inline-block;padding:.75rem 0;font-weight:700;font-size:1.25rem;text-decoration:none;color:var(--fg)}
h1{font-size:clamp(1.6rem,5vw,2.25rem);line-height:1.2;margin:1.5rem 0 .5rem}
h2{font-size:1.3rem;line-height:1.3}
.meta{color:var(--muted);font-size:.9rem;margin:0 0 1.5rem}
[dir=rtl] .meta>*{unicode-bidi:isolate}[dir=rtl] .meta time{direction:ltr}
.tags{list-style:none;padding:0;margin:-1rem 0 1.5rem;display:flex;flex-wrap:wrap;gap:.5rem;font-size:.9rem}
.tags a{display:inline-block;padding:.25rem .6rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none}
figure{margin:0 0 1.5rem}
img{max-width:100%;height:auto}
.body p{margin:0 0 1.1em}
.body blockquote{margin:0 0 1.1em;padding-inline-start:1rem;border-inline-start:3px solid var(--line)}
.source{font-style:italic;color:var(--muted)}
.share,.related{margin-top:2.5rem;border-top:1px solid var(--line)}
.share-links{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem}
.share-links a,.copy-link button{display:inline-block;padding:.5rem .8rem;min-height:44px;border:1px solid var(--line);border-radius:.4rem;background:var(--card);color:var(--fg);font:inherit;text-decoration:none}
.copy-link{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.copy-link label{flex-basis:100%;font-size:.9rem}
.copy-link input{flex:1 1 12rem;min-width:0;min-height:44px;padding:.5rem;font:inherit;font-size:.9rem;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:.4rem}
.cards{list-style:none;padding:0;margin:0}
.cards li{padding:1rem 0;border-bottom:1px solid var(--line)}
.cards h2,.cards h3{font-size:1.2rem;margin:0 0 .25rem;line-height:1.3}
.cards p{margin:.25rem 0}
.cards .meta{margin:0}
.pages{display:flex;justify-content:space-between;align-items:center;gap:1rem;margin:1.5rem 0;padding:1rem 0;border-top:1px solid var(--line)}
.pages a{display:inline-block;padding:.6rem 1rem;min-height:44px;border:1px solid var(--accent);border-radius:.4rem;font-weight:600;text-decoration:none}
.pages span{color:var(--muted);font-size:.95rem}
.on-top a{display:inline-block;padding:.6rem 0}
.wrap.wide{max-width:72rem}
.sections{flex:1 1 100%;min-width:0}
.sections ul{list-style:none;margin:0;padding:0;display:flex;gap:.25rem 1rem;overflow-x:auto;scrollbar-width:none}
.sections a{display:inline-block;padding:.7rem 0;white-space:nowrap;color:var(--fg);text-decoration:none;font-weight:600;font-size:.95rem;border-bottom:3px solid transparent}
.sections a:hover,.sections a[aria-current=page]{border-bottom-color:var(--accent)}
.standfirst{font-size:1.2rem;line-height:1.45;color:var(--fg);margin:0 0 1rem}
figcaption{color:var(--muted);font-size:.9rem;padding:.4rem 0;border-bottom:1px solid var(--line)}
.credit{font-size:.8rem}
picture{display:block}
.listing-head{display:flex;align-items:baseline;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.listing-head .meta{margin:0}
.cards li.lead{display:grid;gap:.75rem 2rem;padding:0 0 1.5rem;border-bottom:2px solid var(--fg)}
.cards li.lead h2{font-size:clamp(1.6rem,4.5vw,2.4rem);line-height:1.15;margin:0 0 .5rem}
.lead-image,.thumb{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;background:var(--card)}
.cards li.with-thumb{display:grid;grid-template-columns:1fr 7.5rem;gap:0 1rem;align-items:start}
.cards li.with-thumb picture,.cards li.with-thumb>img{grid-column:2;grid-row:1}
.cards li.with-thumb .card-text{grid-column:1;grid-row:1}
@media (min-width:48rem){
.cards{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5rem}
.cards li.lead{grid-column:1/-1;grid-template-columns:3fr 2fr;align-items:center}
.cards li.with-thumb{grid-template-columns:1fr 10rem}
.related .cards{display:block}}
.on-top{margin:2rem 0 0;text-align:end}
@media print{:root{--fg:#000;--muted:#333;--bg:#fff;--accent:#000}.site-header,.site-footer,.search,.skip,.share,.related,.on-top,.pages{display:none}body{font:11pt/1.5 Georgia,serif}.wrap{max-width:none}.body a[href^="http"]::after{content:" (" attr(href) ")"}}
`;
