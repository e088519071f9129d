import { Temporal } from 'temporal-polyfill';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { addPageViews, listPageViewCounts, type PageViewCount } from '../consent-repository.ts';
import { insurerToday } from './today.ts';

/**
 * PRV-BEACON-1: page views counted per route per day. Only the route's pattern is kept
 * ('/portal/policies/:id', never the id), and nothing about the visitor: no cookie, no IP, no user.
 * Not audited: it records nobody and changes nothing about anybody.
 *
 * Views are added up in memory and written every few seconds, one statement for all of them: an UPDATE
 * of the same row by every page request would make all requests for a page wait on that row's lock,
 * and would add a write to every page. Each instance adds its own counts (`views + excluded.views`), so
 * nothing another instance needs stays in memory; what a crash loses is a few seconds of statistics.
 */
export class PageViewCounter {
  #pending = new Map<string, { day: string; path: string; views: number }>();
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: Deps) {}

  count(routePattern: string): void {
    if (routePattern.length === 0 || routePattern.length > 200) return;
    const day = insurerToday(this.deps);
    const key = `${day}|${routePattern}`;
    const known = this.#pending.get(key);
    if (known) known.views += 1;
    else this.#pending.set(key, { day, path: routePattern, views: 1 });
  }

  /** Writes what was counted since the last flush; flushes run one after the other. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      if (this.#pending.size === 0) return;
      const counts = [...this.#pending.values()];
      this.#pending = new Map();
      try {
        await addPageViews(this.deps.db, counts);
      } catch (error) {
        // A statistic is never worth a failed request; the counts are given back for the next flush.
        for (const count of counts) {
          const key = `${count.day}|${count.path}`;
          const known = this.#pending.get(key);
          if (known) known.views += count.views;
          else this.#pending.set(key, count);
        }
        this.deps.logger.warn({ err: error }, 'page views not written yet');
      }
    });
    return this.#flushing;
  }
}

const counters = new WeakMap<Deps, PageViewCounter>();

/** The one counter of this Bezel (its deps): pages count into it, statistics flush it before reading. */
export function pageViewCounterOf(deps: Deps): PageViewCounter {
  let counter = counters.get(deps);
  if (!counter) {
    counter = new PageViewCounter(deps);
    counters.set(deps, counter);
  }
  return counter;
}

/** PRV-BEACON-1: the counts of the last `days` days, for privacy officers, admins and auditors. */
export async function readPageStatistics(deps: Deps, actor: Actor, days = 30): Promise<{ from: string; to: string; counts: PageViewCount[] }> {
  requirePermission(actor, 'privacy:read');
  await pageViewCounterOf(deps).flush();
  const to = insurerToday(deps);
  const from = Temporal.PlainDate.from(to)
    .subtract({ days: Math.max(0, Math.min(days, 366) - 1) })
    .toString();
  return { from, to, counts: await listPageViewCounts(deps.db, from, to) };
}
