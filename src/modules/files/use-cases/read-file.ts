import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { findReachableFile, readFileContent, type StoredFile } from '../files-repository.ts';

/**
 * A stored file with its bytes, for whoever may see it: its owner, its uploader, the agent of the
 * application or policy it is linked to, and staff. Anyone else is told it does not exist (404,
 * DESIGN §5).
 */
export async function getFileContent(deps: Deps, actor: Actor, fileId: string): Promise<{ file: StoredFile; content: Buffer }> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const file = await findReachableFile(deps.db, actor, fileId);
  if (!file) throw problems.notFound();
  const content = await readFileContent(deps.db, file.id);
  if (!content) throw problems.notFound();
  return { file, content };
}

/** The file's description without its bytes (same reach as getFileContent). */
export async function getFile(deps: Deps, actor: Actor, fileId: string): Promise<StoredFile> {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
  const file = await findReachableFile(deps.db, actor, fileId);
  if (!file) throw problems.notFound();
  return file;
}
