/**
 * The Linux kernel's spanning tree calls on a bridge, for the command layer: the settings `brctl`
 * and `ip link` change (with the kernel's errnos) and the state `brctl showstp` prints.
 */
import type {
  BridgePortStpParam, BridgePortStpView, BridgeStpParam, BridgeStpView, Errno,
} from '../linux/core/kernel.js';
import type { BridgeDevice, BridgePort } from '../net/l2/bridge.js';
import { MAX_BRIDGE_PRIORITY } from '../net/stp/stp-params.js';

export function setBridgeStpParam(b: BridgeDevice, param: BridgeStpParam, value: number): Errno | null {
  const stp = b.stp;
  switch (param) {
    // The sysfs and netlink paths take any unsigned 16-bit value.
    case 'priority': return value < 0 || value > MAX_BRIDGE_PRIORITY ? 'EINVAL' : stp.setPriority(value) ? null : 'ERANGE';
    case 'forwardDelay': return stp.setForwardDelay(value) ? null : 'ERANGE';
    case 'helloTime': return stp.setHelloTime(value) ? null : 'ERANGE';
    case 'maxAge': return stp.setMaxAge(value) ? null : 'ERANGE';
  }
}

export function setBridgePortStpParam(b: BridgeDevice, port: BridgePort, param: BridgePortStpParam, value: number): Errno | null {
  const ok = param === 'pathCost' ? b.stp.setPathCost(port, value) : b.stp.setPortPriority(port, value);
  return ok ? null : 'ERANGE';
}

/**
 * What showstp prints. While STP is off the kernel still keeps the fields: every port is its own
 * segment's designated port, forwarding when its link is up and disabled when not.
 */
export function bridgeStpView(b: BridgeDevice, now: number): BridgeStpView {
  const stp = b.stp;
  const running = stp.running;
  const ports: BridgePortStpView[] = stp.ports.map((p) => {
    const linkUp = b.up && p.host.stpLinkUp();
    return {
      ifname: p.host.dev.ifname,
      portNo: p.host.portNo,
      portId: p.portId,
      state: running ? p.state : linkUp ? 'forwarding' : 'disabled',
      designatedRoot: running ? p.designatedRoot : stp.bridgeId,
      pathCost: p.pathCost,
      designatedBridge: running ? p.designatedBridge : stp.bridgeId,
      designatedPort: running ? p.designatedPort : p.portId,
      designatedCost: running ? p.designatedCost : 0,
      messageAgeTimer: p.messageAgeTimer.remaining(now),
      forwardDelayTimer: p.forwardDelayTimer.remaining(now),
      holdTimer: p.holdTimer.remaining(now),
      configPending: p.configPending,
      topologyChangeAck: p.topologyChangeAck,
    };
  });
  return {
    ifname: b.ifname,
    bridgeId: stp.bridgeId,
    designatedRoot: stp.designatedRoot,
    rootPort: stp.rootPort === null ? 0 : stp.rootPort.host.portNo,
    rootPathCost: stp.rootPathCost,
    maxAge: stp.maxAge,
    bridgeMaxAge: stp.bridgeMaxAge,
    helloTime: stp.helloTime,
    bridgeHelloTime: stp.bridgeHelloTime,
    forwardDelay: stp.forwardDelay,
    bridgeForwardDelay: stp.bridgeForwardDelay,
    ageingTime: b.forwarder.fdb.ageingNs,
    helloTimer: stp.helloTimer.remaining(now),
    tcnTimer: stp.tcnTimer.remaining(now),
    topologyChangeTimer: stp.topologyChangeTimer.remaining(now),
    topologyChange: stp.topologyChange,
    topologyChangeDetected: stp.topologyChangeDetected,
    ports,
  };
}
