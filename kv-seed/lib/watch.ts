// Live preview: watches the article folder and the site registry, and after each save publishes what changed into the
// local KV that `wrangler dev` serves. An invalid file prints its problems; the loop keeps running.
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { KvStore } from "./apply.ts";
import type { RenderedBody } from "./markdown.ts";
import { formatProblem } from "./parse.ts";
import { defaultSiteFile, publishFolder } from "./publish.ts";
import { reportLines } from "./report.ts";

export type WatchOptions = {
  dir: string;
  store: KvStore;
  /** Where the articles are served (printed URLs). */
  siteUrl: string;
  site?: string;
  render?: (markdown: string) => RenderedBody;
  /** Each line the loop prints. */
  print: (line: string) => void;
  /** Quiet time after the last file event before publishing: editors write a file in several steps. */
  debounceMs?: number;
  /** Called after every publish attempt (tests wait on it). */
  onPublished?: (ok: boolean) => void;
};

/** Publishes once now, then after every change; returns a function that stops watching. */
export function watchArticles(o: WatchOptions): { close: () => void; ready: Promise<void> } {
  const site = o.site ?? defaultSiteFile(o.dir);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let saved = new Set<string>();

  async function publishOnce() {
    const started = performance.now();
    const names = saved;
    saved = new Set();
    const outcome = await publishFolder(o.dir, o.store, {
      prune: true,
      site,
      ...(o.render ? { render: o.render } : {}),
    }).catch((err: Error) => ({ ok: false as const, problems: [{ file: o.dir, message: err.message }] }));
    if (!outcome.ok) {
      for (const p of outcome.problems) o.print(formatProblem(p));
      o.print(`live preview: ${outcome.problems.length} problem(s); nothing published, the site shows the last good version.`);
    } else if (outcome.written || names.size > 0) {
      const touched = (file: string) => names.has(basename(file));
      const lines = reportLines({ ...outcome, siteUrl: o.siteUrl, now: new Date(), verbose: false, dryRun: false, touched });
      for (const line of lines) o.print(line);
      const ms = Math.round(performance.now() - started);
      o.print(outcome.written ? `live preview: published in ${ms} ms; reload the page.` : "live preview: nothing to publish.");
    }
    o.onPublished?.(outcome.ok);
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = publishOnce().finally(() => {
      running = null;
      if (again) {
        again = false;
        void run();
      }
    });
    return running;
  }

  const schedule = (_event?: string, name?: string | null) => {
    if (name) saved.add(name);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), o.debounceMs ?? 100);
  };
  const watchers: FSWatcher[] = [watch(o.dir, schedule)];
  // The registry's folder, not the file: editors replace the file on save, which ends a watch on the file itself.
  const siteName = basename(site);
  watchers.push(watch(dirname(site), (_event, name) => (name === null || name === siteName ? schedule() : undefined)));
  for (const w of watchers) w.on("error", (err) => o.print(`live preview: watching stopped: ${err.message}`));
  return {
    ready: run(),
    close: () => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
