/**
 * How a screen instance finds its hub. A configured hubUrl (or --hub) wins; otherwise a FindHub
 * is asked. mDNS discovery (main/discovery) plugs in here; until it is wired, the stand-in
 * explains what to set instead.
 */
export type FindHub = (wall?: string) => Promise<string>;

export const discoveryNotWired =
  (configPath: string): FindHub =>
  async () => {
    throw new Error(
      `no hub URL: start with --hub http://<hub-address>:8080 or set "hubUrl" in ${configPath} (automatic discovery is not wired into the desktop app yet)`,
    );
  };
