import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { layoutPageSender } from '../../../platform/ui/page-support.tsx';

/** What the diary's pages share (issue #4): the layout (no one-time messages of their own) and ids from the path. */
export const sendDiaryLayoutPage = layoutPageSender(async () => undefined);

/** A record id from the path; anything that is not an id is simply not found. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}
