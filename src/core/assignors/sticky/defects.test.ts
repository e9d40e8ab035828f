import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceMemberMetadata } from '../../../conformance/assignors';
import { parseConformanceFile } from '../../../conformance/formats';
import { StaticCluster } from '../../cluster';
import { validateAssignment } from '../../metrics';
import { toAssignmentRecord } from '../../assignmentRecord';
import type { ConformanceGeneration } from '../../../conformance/formats';
import { StickyAssignor } from './stickyAssignor';
import { StickyNonTerminationError } from './cycleCheck';

function loadFinding(name: string): ConformanceGeneration {
  const file = parseConformanceFile(
    readFileSync(new URL(`../../../../test/conformance/findings/${name}`, import.meta.url), 'utf8'),
  );
  if (file.kind !== 'assignors') throw new Error(`${name} is not an assignors file`);
  const generation = file.data.scenarios[0]?.generations[0];
  if (generation === undefined) throw new Error(`${name} has no generation`);
  return generation;
}

function run(generation: ConformanceGeneration, mode: 'faithful' | 'fixed') {
  const cluster = new StaticCluster(generation.cluster);
  const members = new Map(
    generation.members.map((m) => [m.id, conformanceMemberMetadata(m, 'sticky')]),
  );
  const assignment = new StickyAssignor(undefined, { mode }).assign(cluster, members);
  const problems = validateAssignment(
    cluster,
    new Map(generation.members.map((m) => [m.id, m.subscription])),
    toAssignmentRecord(assignment),
  );
  return { assignment, problems };
}

describe.each(['sticky-endless-loop-small.json', 'sticky-endless-loop.json'])(
  "aiokafka's endless loop (%s)",
  (file) => {
    const generation = loadFinding(file);

    it('faithful mode stops and names the defect instead of looping forever', () => {
      expect(() => run(generation, 'faithful')).toThrow(StickyNonTerminationError);
      expect(() => run(generation, 'faithful')).toThrow(
        "aiokafka's sticky assignor does not terminate on this input — a known defect of the original",
      );
    });

    it('fixed mode ends the oscillation with a valid assignment', () => {
      const { assignment, problems } = run(generation, 'fixed');
      expect(problems).toEqual([]);
      expect([...assignment.keys()]).toEqual(generation.members.map((m) => m.id));
    });
  },
  5000,
);
