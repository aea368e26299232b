import type { ApiServer } from '../api/apiserver';
import { ControllerManager } from '../controllers/controller-manager';
import type { HaControlPlane } from '../ha/control-plane';
import { LeaderElector } from '../ha/leader-election';
import type { SchedulingDecision } from '../scheduler/decisions';
import { Scheduler } from '../scheduler/scheduler';
import type { SimEnv } from '../sim/env';

/**
 * kube-scheduler and kube-controller-manager on every control-plane node, active-passive:
 * each instance runs only while its LeaderElector holds the Lease (`kube-system/kube-scheduler`,
 * `kube-system/kube-controller-manager`). A node going down takes its instances and
 * electors with it; coming back starts the electors as fresh candidates.
 */

export const SCHEDULER_LOCK = 'kube-scheduler';
export const CONTROLLER_MANAGER_LOCK = 'kube-controller-manager';

export interface ControlPlaneInstance {
  readonly host: string;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly schedulerElector: LeaderElector;
  readonly controllerManagerElector: LeaderElector;
}

/** Two leaders of one lock acting at the same simulated moment (must never happen). */
export interface LeadershipViolation {
  readonly tMs: number;
  readonly lock: string;
  readonly hosts: readonly string[];
}

const MAX_VIOLATIONS = 20;

export class ControlPlaneProcesses {
  readonly instances: readonly ControlPlaneInstance[];
  readonly violations: LeadershipViolation[] = [];

  /**
   * `electionEnv`: the env the electors run with; its own random stream keeps identities and
   * jitter from shifting the names the rest of the cluster generates.
   */
  constructor(
    private readonly env: SimEnv,
    api: ApiServer,
    hosts: readonly string[],
    private readonly ha: HaControlPlane,
    electionEnv: SimEnv,
  ) {
    const single = hosts.length === 1;
    this.instances = hosts.map((host) => this.instance(api, host, single, electionEnv));
  }

  private instance(api: ApiServer, host: string, single: boolean, electionEnv: SimEnv): ControlPlaneInstance {
    const scheduler = new Scheduler(this.env, api, single ? 'scheduler' : `scheduler/${host}`);
    const controllerManager = new ControllerManager(this.env, api);
    const schedulerElector = new LeaderElector(electionEnv, api, {
      lockName: SCHEDULER_LOCK,
      hostname: host,
      eventSource: 'default-scheduler',
      callbacks: {
        onStartedLeading: () => {
          this.checkSingleLeader(SCHEDULER_LOCK, host);
          scheduler.start();
        },
        onStoppedLeading: () => scheduler.stop(),
      },
    });
    const controllerManagerElector = new LeaderElector(electionEnv, api, {
      lockName: CONTROLLER_MANAGER_LOCK,
      hostname: host,
      eventSource: CONTROLLER_MANAGER_LOCK,
      callbacks: {
        onStartedLeading: () => {
          this.checkSingleLeader(CONTROLLER_MANAGER_LOCK, host);
          controllerManager.start();
          for (const id of controllerManager.componentIds()) this.ha.bindComponent(id, host);
        },
        onStoppedLeading: () => controllerManager.stop(),
      },
    });
    for (const id of [scheduler.id, schedulerElector.id, controllerManagerElector.id]) this.ha.bindComponent(id, host);
    return { host, scheduler, controllerManager, schedulerElector, controllerManagerElector };
  }

  private electors(i: ControlPlaneInstance): LeaderElector[] {
    return [i.schedulerElector, i.controllerManagerElector];
  }

  /** Every elector on a running node becomes a candidate. */
  start(hostAlive: (host: string) => boolean): void {
    for (const i of this.instances) if (hostAlive(i.host)) for (const e of this.electors(i)) e.start();
  }

  /** The node died: its processes stop at once (a leader among them stops leading). */
  hostDown(host: string): void {
    for (const i of this.instances) if (i.host === host) for (const e of this.electors(i)) e.stop();
  }

  hostUp(host: string): void {
    for (const i of this.instances) if (i.host === host) for (const e of this.electors(i)) e.start();
  }

  /** The scheduler that acts now (its elector leads), if any. */
  leaderScheduler(): Scheduler | undefined {
    return this.instances.find((i) => i.schedulerElector.leading)?.scheduler;
  }

  /** Holders of each lock right now, by host. */
  leaders(lock: string): string[] {
    return this.instances.filter((i) => (lock === SCHEDULER_LOCK ? i.schedulerElector : i.controllerManagerElector).leading).map((i) => i.host);
  }

  /**
   * The pod's latest decision: the leader's first, then any other instance's (a pod bound
   * by a scheduler that has since lost its lease keeps the decision that placed it).
   */
  decisionFor(namespace: string, pod: string): SchedulingDecision | undefined {
    const leader = this.leaderScheduler();
    let best = leader?.decisionFor(namespace, pod);
    for (const i of this.instances) {
      if (i.scheduler === leader) continue;
      const d = i.scheduler.decisionFor(namespace, pod);
      if (d && (!best || d.tMs > best.tMs)) best = d;
    }
    return best;
  }

  private checkSingleLeader(lock: string, host: string): void {
    const others = this.leaders(lock).filter((h) => h !== host);
    if (others.length === 0 || this.violations.length >= MAX_VIOLATIONS) return;
    this.violations.push({ tMs: this.env.now(), lock, hosts: [host, ...others] });
  }
}
