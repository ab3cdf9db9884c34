import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/engine/simulator/simulator.js';

export type { Simulator };

/** The engine simulator on an ephemeral port, with timings short enough for tests. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ prebufferMs: 300, ...options });
}
