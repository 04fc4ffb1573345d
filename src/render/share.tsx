// "Share This Post": plain share links with the encoded canonical URL and headline, and a copy-link field.
import { raw } from "hono/html";
import { type Messages, useMessages } from "../i18n/index.ts";
import { NONCE_PLACEHOLDER } from "../security/nonce.ts";
import { jsonForScript } from "./json-ld.ts";

export type ShareLink = { network: string; href: string };

/** Share URLs for each network; nothing is fetched until the reader follows one. */
export function shareLinks(url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { network: "X", href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { network: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { network: "WhatsApp", href: `https://wa.me/?text=${t}%20${u}` },
    { network: "Telegram", href: `https://t.me/share/url?url=${u}&text=${t}` },
    { network: "Email", href: `mailto:?subject=${t}&body=${u}` },
  ];
}

/**
 * Adds "Copy link" (and "Share…" where the Web Share API exists) next to the read-only URL field. Without
 * JavaScript the field alone does the job: it holds the URL, ready to select and copy.
 */
const enhance = (t: Messages) =>
  `(function(L){document.querySelectorAll(".copy-link").forEach(function(f){var i=f.querySelector("input");function btn(l,fn){var b=document.createElement("button");b.type="button";b.textContent=l;b.onclick=function(){fn(b)};f.append(b)}if(navigator.clipboard)btn(L[0],function(b){navigator.clipboard.writeText(i.value).then(function(){b.textContent=L[1]},function(){i.select()})});if(navigator.share)btn(L[2],function(){navigator.share({title:document.title,url:i.value}).catch(function(){})})})})(${jsonForScript([t.copyLink, t.copied, t.shareNative])})`;

export function SharePanel({ url, title }: { url: string; title: string }) {
  const t = useMessages();
  return (
    <section class="share" aria-labelledby="share-heading">
      <h2 id="share-heading">{t.sharePost}</h2>
      <ul class="share-links">
        {shareLinks(url, title).map((link) => (
          <li>
            <a href={link.href} rel="noopener noreferrer" data-network={link.network}>
              <span class="vh">{t.shareOn}</span>
              {link.network}
            </a>
          </li>
        ))}
      </ul>
      <p class="copy-link">
        <label for="share-url">{t.linkToPost}</label>
        <input id="share-url" type="url" value={url} readonly />
      </p>
      <script nonce={NONCE_PLACEHOLDER}>{raw(enhance(t))}</script>
    </section>
  );
}
