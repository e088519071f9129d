import { requirePermission } from '../../../platform/auth/access.ts';
import { type Actor, hasRole, type UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type BookEntry, findActiveCustomerByEmail, listAgentBook, type Person } from '../search-repository.ts';

/** An agent's book is read whole; an agent with more applications than this gets search and paging first. */
const BOOK_LIMIT = 500;

export type AgentClient = { client: Person; applications: BookEntry[] };

function requireAgent(actor: Actor): UserActor {
  requirePermission(actor, 'policies:apply');
  if (actor.kind !== 'user' || !hasRole(actor, 'agent')) throw problems.forbidden();
  return actor;
}

/**
 * The agent's clients (issue #3, "Agent: the same for own clients only"): the customers the agent
 * applied for, each with those applications and the policy each was bound into. Only the agent's own
 * applications are read (scopeApplications, and agent_user_id = the agent), so another agent's
 * client never appears.
 */
export async function readAgentBook(deps: Deps, actor: Actor): Promise<AgentClient[]> {
  const agent = requireAgent(actor);
  const entries = await listAgentBook(deps.db, agent, agent.userId, BOOK_LIMIT);
  const clients = new Map<string, AgentClient>();
  for (const entry of entries) {
    const known = clients.get(entry.client.id);
    if (known) known.applications.push(entry);
    else clients.set(entry.client.id, { client: entry.client, applications: [entry] });
  }
  return [...clients.values()];
}

/**
 * The customer an agent applies for, by the email address of the customer's account; null when there
 * is no active customer with it. quoteApplication checks the client again inside its transaction.
 */
export async function findClientByEmail(deps: Deps, actor: Actor, email: string): Promise<string | null> {
  requireAgent(actor);
  return findActiveCustomerByEmail(deps.db, email);
}
