// Which invite a change is about: Cronofy keys a Smart Invite by its smart_invite_id and, in the
// single-recipient form, its recipient's email. A multi-recipient invite (`recipients`) is one
// invite for its id, and `method: remove` drops one person from such an invite, so it belongs
// to the id alone too. Two changes with the same identity must reach Cronofy one at a time and
// in the order they were made; changes of different identities may go in any order.

/**
 * The identity of a normalized invite (what validateInvite returned), as text: the id and the
 * lowercased email (or `*` for the multi-recipient invite), each percent-encoded and joined
 * by `|`, so the text holds no `:` (BullMQ refuses it in job ids) and never confuses two ids.
 * @param {{ smart_invite_id: string, method?: string, recipient?: { email: string }, recipients?: unknown[] }} invite
 */
export function inviteIdentity(invite) {
  const id = encodeURIComponent(invite.smart_invite_id);
  if (invite.recipients !== undefined || invite.method === "remove") return `${id}|*`;
  return `${id}|${encodeURIComponent(String(invite.recipient.email).toLowerCase())}`;
}
