/** A V8 heap setting for the CLI process (Node-only, so it lives in src/cli). */
import { setFlagsFromString } from 'node:v8';

/**
 * Holds V8's young generation at its starting size (two 1 MB semi-spaces) for this process.
 *
 * A simulation allocates a frame or two per event and drops them a few microseconds of wall time
 * later. V8 doubles the young generation each time enough objects survive it, up to two 16 MB
 * semi-spaces, and a long run always gets there: 30 MB of resident memory that buys no speed here
 * (`npm run bench` measures the bridged data centre both ways). The growth factor is read each
 * time V8 would grow the space, so setting it at start-up is enough.
 */
export function holdYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
