/**
 * A private LAN of network namespaces for multi-host tests: one namespace holds a bridge, every
 * "host" namespace gets a veth into it, an address from a /24 used only inside these namespaces,
 * lo up and a multicast route, so mDNS flows between hosts and never leaves them. Nothing is
 * created in (or changed on) the root namespace's interfaces. Names start with `fw-<pid>-`;
 * `destroy()` kills what was started in them and deletes them, and is safe to call twice.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { LineProcess } from './line-process';

export { LineProcess };

/** Used only inside namespaces this module creates. */
export const LAN_PREFIX = '10.213.77';

export interface NsHost {
  /** Namespace name. */
  ns: string;
  /** IPv4 address on the private LAN. */
  address: string;
}

/** Why namespaces cannot be made here, or null when they can (tried for real, then removed). */
export function namespaceProblem(): string | null {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root (CI runs as root)';
  const probe = `fw-${process.pid}-probe`;
  try {
    ip(['netns', 'add', probe]);
    ip(['-n', probe, 'link', 'add', 'br0', 'type', 'bridge']);
    return null;
  } catch (err) {
    return `cannot create a network namespace: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    try {
      ip(['netns', 'del', probe]);
    } catch {
      // It was never created.
    }
  }
}

export class NsLan {
  readonly hosts = new Map<string, NsHost>();
  private readonly bridgeNs: string;
  private readonly prefix: string;
  private readonly children = new Set<ChildProcess>();
  private nextHost = 10;

  constructor(tag = 'lan') {
    this.prefix = `fw-${process.pid}-${tag}`;
    this.bridgeNs = `${this.prefix}-br`;
    ip(['netns', 'add', this.bridgeNs]);
    ip(['-n', this.bridgeNs, 'link', 'set', 'lo', 'up']);
    // No IGMP snooping: with no querier on this LAN it would only get in the way of mDNS.
    ip(['-n', this.bridgeNs, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0']);
    ip(['-n', this.bridgeNs, 'link', 'set', 'br0', 'up']);
  }

  /** Adds a host namespace wired to the bridge. */
  addHost(name: string): NsHost {
    const ns = `${this.prefix}-${name}`;
    const index = this.nextHost++;
    const port = `p${index}`;
    const address = `${LAN_PREFIX}.${index}`;
    ip(['netns', 'add', ns]);
    ip(['-n', ns, 'link', 'set', 'lo', 'up']);
    // Created inside the host namespace with its peer placed straight into the bridge namespace.
    ip([
      '-n',
      ns,
      'link',
      'add',
      'eth0',
      'type',
      'veth',
      'peer',
      'name',
      port,
      'netns',
      this.bridgeNs,
    ]);
    ip(['-n', this.bridgeNs, 'link', 'set', port, 'master', 'br0']);
    ip(['-n', this.bridgeNs, 'link', 'set', port, 'up']);
    ip(['-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    ip(['-n', ns, 'link', 'set', 'eth0', 'up']);
    ip(['-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0']);
    const host = { ns, address };
    this.hosts.set(name, host);
    return host;
  }

  /** Gives a host a new address on the LAN (a machine that rebooted into a new DHCP lease). */
  readdress(host: string, lastOctet: number): NsHost {
    const h = this.hosts.get(host);
    if (!h) throw new Error(`no host "${host}" on this LAN`);
    const address = `${LAN_PREFIX}.${lastOctet}`;
    ip(['-n', h.ns, 'addr', 'flush', 'dev', 'eth0']);
    ip(['-n', h.ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    ip(['-n', h.ns, 'route', 'replace', '224.0.0.0/4', 'dev', 'eth0']);
    h.address = address;
    return h;
  }

  /** Starts `command args…` inside a host's namespace; output is collected line by line. */
  spawn(host: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): LineProcess {
    const h = this.hosts.get(host);
    if (!h) throw new Error(`no host "${host}" on this LAN`);
    const child = spawn('ip', ['netns', 'exec', h.ns, command, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return new LineProcess(child);
  }

  /** Kills (SIGKILL) every process started here and waits for them: between tests. */
  async killAll(): Promise<void> {
    const exits = [...this.children].map(
      (c) =>
        new Promise<void>((resolve) =>
          c.exitCode !== null || c.signalCode !== null
            ? resolve()
            : c.once('exit', () => resolve()),
        ),
    );
    for (const c of this.children) c.kill('SIGKILL');
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 3000))]);
  }

  /** Kills everything started here and deletes every namespace (veths and bridge go with them). */
  async destroy(): Promise<void> {
    await this.killAll();
    for (const { ns } of this.hosts.values()) tryIp(['netns', 'del', ns]);
    this.hosts.clear();
    tryIp(['netns', 'del', this.bridgeNs]);
  }
}

function ip(args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

function tryIp(args: string[]): void {
  try {
    ip(args);
  } catch {
    // Already gone.
  }
}
