/**
 * Optional TLS for the hub: a PEM certificate and private key read once at start-up, checked to
 * form a pair before anything listens. Every failure is one sentence naming the file and the flag
 * (the CLI prints it and exits 2).
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface HubTls {
  cert: Buffer;
  key: Buffer;
}

export class TlsConfigError extends Error {}

/** Reads and checks the pair; throws TlsConfigError with the sentence to print. */
export function loadTlsFiles(certPath: string | undefined, keyPath: string | undefined): HubTls {
  if (!certPath || !keyPath) {
    throw new TlsConfigError(
      '--tls-cert and --tls-key go together: give both PEM files (certificate and its private key), or neither for plain http.',
    );
  }
  const cert = readPem(certPath, 'certificate', '--tls-cert');
  const key = readPem(keyPath, 'private key', '--tls-key');
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new TlsConfigError(
      `the TLS certificate "${certPath}" and key "${keyPath}" are not a usable PEM pair (${(err as Error).message}); give a PEM certificate and the private key it was made with.`,
    );
  }
  return { cert, key };
}

function readPem(path: string, what: string, flag: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new TlsConfigError(
      `cannot read the TLS ${what} "${path}" (${code}); check the path given to ${flag}.`,
    );
  }
  if (!bytes.includes('-----BEGIN ')) {
    throw new TlsConfigError(
      `the TLS ${what} "${path}" is not a PEM file (no "-----BEGIN" line); give ${flag} a PEM file.`,
    );
  }
  return bytes;
}
