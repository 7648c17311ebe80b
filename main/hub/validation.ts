/** Parses one JSON control message; every failure becomes one clear sentence. */
import { clientMessageSchema, type ClientMessage } from '../../shared/protocol/messages';

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; error: string };

export function parseClientMessage(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'message is not valid JSON' };
  }
  const result = clientMessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return {
    ok: false,
    error: `invalid message${where}: ${issue?.message ?? 'unknown problem'}`.slice(0, 120),
  };
}
