/**
 * Command-line flags parsed strictly, with every mistake as one sentence saying what to do
 * (Node's parseArgs messages — "argument is ambiguous", "Unknown option" — are for programmers).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export type FlagResult<O extends Options> =
  | { ok: true; values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'] }
  | { ok: false; error: string };

export function parseFlags<O extends Options>(args: string[], options: O): FlagResult<O> {
  try {
    const { values } = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
    });
    return { ok: true, values };
  } catch (err) {
    return { ok: false, error: flagSentence(err as NodeJS.ErrnoException) };
  }
}

/** `--port -5` means the value -5, not an option "-5": joined as `--port=-5` for validation. */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function flagSentence(err: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `there is no option ${quoted}; the options are listed below.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0] ?? quoted;
      return /argument missing/.test(err.message)
        ? `${flag} needs a value after it, e.g. ${flag} VALUE.`
        : `${flag} takes no value; write it alone.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"${quoted}" is not an option: every option starts with --, e.g. --port 8080.`;
    default:
      return `${err.message}.`;
  }
}

/** A whole number in [min, max], or a sentence naming the flag and the range. */
export function intFlag(
  flag: string,
  text: string,
  min: number,
  max: number,
  hint = '',
): { ok: true; value: number } | { ok: false; error: string } {
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isInteger(value) && value >= min && value <= max) return { ok: true, value };
  return {
    ok: false,
    error: `${flag} must be a whole number from ${min} to ${max}${hint}, got "${text}".`,
  };
}
